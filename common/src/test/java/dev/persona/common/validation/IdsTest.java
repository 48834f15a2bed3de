package dev.persona.common.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.Timestamp;
import dev.persona.common.error.ApiError;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void acceptsOrdinaryAndUnicodeIds() {
        assertEquals("user-1", Ids.require("user_id", "user-1"));
        assertEquals("Zoë 東京", Ids.require("user_id", "Zoë 東京"));
    }

    @Test
    void countsCodePointsNotChars() {
        String emoji128 = "😀".repeat(128);
        assertEquals(emoji128, Ids.require("user_id", emoji128));
        assertThrows(ApiError.class, () -> Ids.require("user_id", emoji128 + "x"));
    }

    @Test
    void refusesEmptyTooLongAndControlCharacters() {
        ApiError empty = assertThrows(ApiError.class, () -> Ids.require("user.user_id", ""));
        assertEquals("user.user_id", empty.field());
        assertEquals(ApiError.Kind.INVALID_ARGUMENT, empty.kind());
        assertThrows(ApiError.class, () -> Ids.require("user_id", null));
        assertThrows(ApiError.class, () -> Ids.require("user_id", "x".repeat(129)));
        ApiError tab = assertThrows(ApiError.class, () -> Ids.require("item_id", "a\tb"));
        assertEquals("item_id: contains a control character at position 1", tab.getMessage());
        assertThrows(ApiError.class, () -> Ids.require("item_id", "a\u0085"));
    }

    @Test
    void refusesNonFiniteNumbers() {
        assertThrows(ApiError.class, () -> Ids.finite("event.value", Double.NaN));
        assertThrows(ApiError.class, () -> Ids.finite("event.value", Double.POSITIVE_INFINITY));
        assertEquals(2.5, Ids.finite("event.value", 2.5));
    }

    @Test
    void timestampsFromTheEpochToTheYear9999() {
        assertEquals(1_500_123L, Ids.millis("since", Timestamp.newBuilder().setSeconds(1500).setNanos(123_999_999).build()));
        assertEquals(1_500_123_999L, Ids.micros("at", Timestamp.newBuilder().setSeconds(1500).setNanos(123_999_999).build()));
        assertEquals(0, Ids.millis("since", Timestamp.getDefaultInstance()));
        assertEquals(253_402_300_799_000L, Ids.millis("until", Timestamp.newBuilder().setSeconds(253_402_300_799L).build()));
        ApiError before = assertThrows(ApiError.class, () -> Ids.millis("since", Timestamp.newBuilder().setSeconds(-5).build()));
        assertEquals("since", before.field());
        assertThrows(ApiError.class, () -> Ids.millis("until", Timestamp.newBuilder().setSeconds(253_402_300_800L).build()));
        assertThrows(ApiError.class, () -> Ids.millis("as_of", Timestamp.newBuilder().setNanos(-1).build()));
        assertThrows(ApiError.class, () -> Ids.millis("as_of", Timestamp.newBuilder().setNanos(1_000_000_000).build()));
    }
}
