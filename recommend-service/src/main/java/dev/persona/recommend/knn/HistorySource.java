package dev.persona.recommend.knn;

import dev.persona.recommend.history.UserEvent;
import java.util.List;
import java.util.Map;

/** The recent histories of users, read for the neighbours of the user being served. */
@FunctionalInterface
public interface HistorySource {

    /** The events of {@code userId}, in any order; empty (never null) for an unknown user. */
    List<UserEvent> history(String userId);

    /** A source answering from fixed histories; users absent from {@code histories} have none. */
    static HistorySource of(Map<String, List<UserEvent>> histories) {
        Map<String, List<UserEvent>> copy = Map.copyOf(histories);
        return userId -> copy.getOrDefault(userId, List.of());
    }
}
