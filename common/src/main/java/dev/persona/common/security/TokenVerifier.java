package dev.persona.common.security;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies bearer tokens with smallrye-jwt (signature against the configured public key or JWKS, expiry, issuer)
 * and turns them into a {@link Caller}. A verified token is remembered until it expires, so a client that sends the
 * same token on every call pays for the signature check once.
 */
@ApplicationScoped
public class TokenVerifier {

    /** Tokens remembered at most; past it the memory starts over (a flood of distinct tokens cannot grow it). */
    static final int MAX_REMEMBERED = 10_000;

    private final JWTParser parser;
    private final Map<String, Caller> verified = new ConcurrentHashMap<>();

    @Inject
    public TokenVerifier(JWTParser parser) {
        this.parser = parser;
    }

    /** The caller a token speaks for; {@link InvalidToken} when it is malformed, badly signed or expired. */
    public Caller verify(String token) {
        long now = System.currentTimeMillis();
        Caller known = verified.get(token);
        if (known != null) {
            if (known.expiresAtMillis() > now) {
                return known;
            }
            verified.remove(token);
            throw new InvalidToken();
        }
        JsonWebToken jwt;
        try {
            jwt = parser.parse(token);
        } catch (ParseException | RuntimeException e) {
            throw new InvalidToken();
        }
        Caller caller = toCaller(jwt);
        if (verified.size() >= MAX_REMEMBERED) {
            verified.clear();
        }
        verified.put(token, caller);
        return caller;
    }

    static Caller toCaller(JsonWebToken jwt) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String g : jwt.getGroups() == null ? Set.<String>of() : jwt.getGroups()) {
            Role.of(g).ifPresent(roles::add);
        }
        Set<String> tenants = new HashSet<>();
        Object claim = jwt.getClaim("tenants");
        if (claim instanceof Collection<?> values) {
            values.forEach(v -> tenants.add(text(v)));
        } else if (claim != null) {
            tenants.add(text(claim));
        }
        boolean all = tenants.remove(Caller.ALL_TENANTS);
        long expires = jwt.getExpirationTime() > 0 ? jwt.getExpirationTime() * 1000 : Long.MAX_VALUE;
        String subject = jwt.getSubject() == null ? "" : jwt.getSubject();
        return new Caller(subject, roles, tenants, all, expires);
    }

    private static String text(Object v) {
        return v instanceof JsonString s ? s.getString() : String.valueOf(v);
    }

    /** A token that cannot be trusted; it says nothing more (a caller learns no detail of why). */
    public static final class InvalidToken extends RuntimeException {
        InvalidToken() {
            super("the bearer token is malformed, badly signed or expired", null, false, false);
        }
    }
}
