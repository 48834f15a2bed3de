package dev.persona.common.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedisKeysTest {

    @ParameterizedTest
    @ValueSource(strings = {"default", "a:b", "%", "%3A", "%25:", "::%%", "t%253A"})
    void tenantsRoundTripAndNeverCollide(String tenant) {
        String encoded = RedisKeys.encode(tenant);
        assertEquals(-1, encoded.indexOf(':'));
        assertEquals(tenant, RedisKeys.decode(encoded));
        assertNotEquals(RedisKeys.feed(tenant), RedisKeys.feed(tenant + "x"));
    }
}
