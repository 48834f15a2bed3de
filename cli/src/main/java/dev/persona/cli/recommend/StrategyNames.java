package dev.persona.cli.recommend;

import dev.persona.api.v1.Strategy;
import dev.persona.cli.CliException;
import dev.persona.cli.EnumNames;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.ITypeConverter;

/**
 * The command-line names of {@link Strategy} ("popular", "item-knn", ...; "auto" for UNSPECIFIED, the service's
 * automatic choice): see {@link EnumNames}.
 */
public final class StrategyNames {

    private static final EnumNames<Strategy> STRATEGIES = EnumNames.of(Strategy.class, "STRATEGY_")
            .alias("auto", Strategy.STRATEGY_UNSPECIFIED);
    /** The strategies PredictRating accepts. */
    private static final EnumNames<Strategy> PREDICTING = STRATEGIES.only(List.of(Strategy.STRATEGY_UNSPECIFIED,
            Strategy.STRATEGY_ITEM_KNN, Strategy.STRATEGY_USER_KNN, Strategy.STRATEGY_MATRIX_FACTORIZATION));

    private StrategyNames() {
    }

    public static String of(Strategy strategy) {
        return STRATEGIES.name(strategy);
    }

    /** The strategies of a list option, once checked to name each strategy at most once. */
    public static List<Strategy> distinct(String option, List<Strategy> strategies) {
        if (new HashSet<>(strategies).size() < strategies.size()) {
            throw CliException.usage(option + " names a strategy twice: " + String.join(",",
                    strategies.stream().map(StrategyNames::of).toList()));
        }
        return List.copyOf(strategies);
    }

    /** Converts --strategy and each entry of --strategies. */
    public static final class Converter implements ITypeConverter<Strategy> {
        @Override
        public Strategy convert(String value) {
            return STRATEGIES.parse(value);
        }
    }

    /** Converts --strategy of predict: only the strategies that predict ratings. */
    public static final class PredictingConverter implements ITypeConverter<Strategy> {
        @Override
        public Strategy convert(String value) {
            return PREDICTING.parse(value);
        }
    }

    /** The names of --strategy, for the help (${COMPLETION-CANDIDATES}). */
    public static final class All implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return STRATEGIES.names().iterator();
        }
    }

    /** The names of predict's --strategy, for the help (${COMPLETION-CANDIDATES}). */
    public static final class Predicting implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return PREDICTING.names().iterator();
        }
    }
}
