package dev.persona.cli;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.TypeConversionException;

/**
 * The command-line names of the constants of a protobuf enum: the constant without its prefix, in lower case, with
 * hyphens ("item", "adjusted-cosine", "item-knn"). UNSPECIFIED and UNRECOGNIZED have no name unless given one with
 * {@link #alias}. A name that is not one of them is a usage error listing the valid ones.
 */
public final class EnumNames<E extends Enum<E>> {

    private final String prefix;
    private final Map<String, E> byName = new LinkedHashMap<>();
    private final Map<E, String> aliases;

    private EnumNames(String prefix, Map<E, String> aliases) {
        this.prefix = prefix;
        this.aliases = aliases;
    }

    /** Every constant of {@code type} whose name starts with {@code prefix}, except the UNSPECIFIED one. */
    public static <E extends Enum<E>> EnumNames<E> of(Class<E> type, String prefix) {
        EnumNames<E> names = new EnumNames<>(prefix, new EnumMap<>(type));
        for (E constant : type.getEnumConstants()) {
            if (constant.name().startsWith(prefix) && !constant.name().endsWith("_UNSPECIFIED")) {
                names.byName.put(names.name(constant), constant);
            }
        }
        return names;
    }

    /** Also accepts {@code name} for {@code constant} (for example "auto" for UNSPECIFIED), listed last. */
    public EnumNames<E> alias(String name, E constant) {
        aliases.put(constant, name);
        byName.put(name, constant);
        return this;
    }

    /** Only these constants, in this order, named as here. */
    public EnumNames<E> only(List<E> constants) {
        EnumNames<E> subset = new EnumNames<>(prefix, new EnumMap<>(aliases));
        for (E constant : constants) {
            subset.byName.put(name(constant), constant);
        }
        return subset;
    }

    public String name(E constant) {
        String alias = aliases.get(constant);
        if (alias != null) {
            return alias;
        }
        String name = constant.name();
        return (name.startsWith(prefix) ? name.substring(prefix.length()) : name).toLowerCase(Locale.ROOT)
                .replace('_', '-');
    }

    /** The constant of a name, in any case, with hyphens or underscores. */
    public E parse(String text) {
        E constant = byName.get(text.toLowerCase(Locale.ROOT).replace('_', '-'));
        if (constant == null) {
            throw new TypeConversionException(
                    "expected one of " + String.join(", ", byName.keySet()) + ", got '" + text + "'");
        }
        return constant;
    }

    /** The valid names, in order (for the help's ${COMPLETION-CANDIDATES}). */
    public Set<String> names() {
        return Collections.unmodifiableSet(byName.keySet());
    }
}
