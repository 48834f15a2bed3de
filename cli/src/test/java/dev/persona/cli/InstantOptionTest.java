package dev.persona.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class InstantOptionTest {

    @Test
    void datesAreMidnightUtcAndLocalTimesAreUtc() {
        assertEquals(Instant.parse("2014-12-16T00:00:00Z"), InstantOption.parse("2014-12-16"));
        assertEquals(Instant.parse("2014-12-16T08:30:00Z"), InstantOption.parse("2014-12-16T08:30:00"));
        assertEquals(Instant.parse("2014-12-16T08:30:00Z"), InstantOption.parse("2014-12-16T08:30:00Z"));
        assertEquals(Instant.parse("2014-12-16T07:30:00Z"), InstantOption.parse("2014-12-16T08:30:00+01:00"));
        assertEquals(Instant.parse("2014-12-16T08:30:00.250Z"), InstantOption.parse(" 2014-12-16T08:30:00.25z "));
    }

    @Test
    void timestampsRoundTripAndUnsetIsADash() {
        Timestamp timestamp = new InstantOption.Converter().convert("2014-09-16T00:00:00Z");
        assertEquals(1_410_825_600L, timestamp.getSeconds());
        assertEquals("2014-09-16T00:00:00Z", InstantOption.format(timestamp));
        assertEquals("-", InstantOption.format(Timestamp.getDefaultInstance()));
    }

    @Test
    void anythingElseIsRefusedWithTheFormats() {
        TypeConversionException e = assertThrows(TypeConversionException.class,
                () -> InstantOption.parse("16/12/2014"));
        assertEquals("expected " + InstantOption.FORMATS + ", got '16/12/2014'", e.getMessage());
        assertThrows(TypeConversionException.class, () -> InstantOption.parse("2014-02-30"));
    }
}
