package dev.persona.cli;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Points in time on the command line (--as-of, --cutoff), in ISO-8601: an instant ("2014-12-16T00:00:00Z"), a date
 * and time with an offset ("2014-12-16T01:00:00+01:00"), a date and time without one (taken as UTC), or a date
 * (midnight UTC).
 */
public final class InstantOption {

    public static final String FORMATS = "ISO-8601: 2014-12-16, 2014-12-16T08:30:00 (UTC) or 2014-12-16T08:30:00Z";

    private InstantOption() {
    }

    public static Instant parse(String text) {
        String value = text.trim();
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (value.endsWith("Z") || value.endsWith("z")) {
                return Instant.parse(value.toUpperCase(Locale.ROOT));
            }
            if (value.matches(".*[+-]\\d\\d:?\\d\\d$") && value.indexOf('T') > 0) {
                return OffsetDateTime.parse(value).toInstant();
            }
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("expected " + FORMATS + ", got '" + text + "'");
        }
    }

    public static Timestamp timestamp(Instant instant) {
        return Timestamps.fromNanos(instant.getEpochSecond() * 1_000_000_000L + instant.getNano());
    }

    /** A timestamp as ISO-8601 in UTC ("2014-12-16T00:00:00Z"), or "-" when unset. */
    public static String format(Timestamp timestamp) {
        if (timestamp == null || timestamp.equals(Timestamp.getDefaultInstance())) {
            return "-";
        }
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos()).toString();
    }

    /** Converts --as-of and --cutoff. */
    public static final class Converter implements ITypeConverter<Timestamp> {
        @Override
        public Timestamp convert(String value) {
            return timestamp(parse(value));
        }
    }
}
