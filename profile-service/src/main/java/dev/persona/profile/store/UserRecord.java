package dev.persona.profile.store;

import java.util.Map;

/** A validated user. {@code consent}: 0 unspecified, 1 granted, 2 denied (the wire numbers). */
public record UserRecord(String userId, Map<String, String> attributes, int consent) {
}
