package dev.persona.cli.security;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A lifetime: a whole number with a unit, {@code 90s}, {@code 30m}, {@code 1h}, {@code 7d}, or ISO-8601 {@code PT1H}. */
final class TtlConverter implements ITypeConverter<Duration> {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})([smhd])");

    @Override
    public Duration convert(String value) {
        Matcher m = SHORT.matcher(value.strip().toLowerCase(Locale.ROOT));
        Duration ttl;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            ttl = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                ttl = Duration.parse(value.strip());
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not a lifetime such as 90s, 30m, 1h, 7d or PT1H");
            }
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new TypeConversionException("the lifetime must be positive, got '" + value + "'");
        }
        return ttl;
    }
}
