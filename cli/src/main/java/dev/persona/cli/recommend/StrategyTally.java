package dev.persona.cli.recommend;

import dev.persona.api.v1.Strategy;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many lists each strategy actually produced (the responses' {@code strategy_used}), so that a strategy that
 * fell back to another shows. Thread-safe.
 */
public final class StrategyTally {

    private final Map<Strategy, LongAdder> counts = new ConcurrentHashMap<>();

    public void add(Strategy used) {
        counts.computeIfAbsent(used, s -> new LongAdder()).increment();
    }

    public void addAll(StrategyTally other) {
        other.counts.forEach((strategy, count) -> counts.computeIfAbsent(strategy, s -> new LongAdder())
                .add(count.sum()));
    }

    public long count(Strategy strategy) {
        LongAdder count = counts.get(strategy);
        return count == null ? 0 : count.sum();
    }

    /** Count by strategy name, most first (ties in enum order). */
    public Map<String, Long> byName() {
        Map<String, Long> byName = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Comparator.<Map.Entry<Strategy, LongAdder>>comparingLong(e -> -e.getValue().sum())
                        .thenComparing(Map.Entry::getKey))
                .forEach(e -> byName.put(StrategyNames.of(e.getKey()), e.getValue().sum()));
        return byName;
    }

    /** For example "item-knn 4,990, popular 10"; "none" when nothing was counted. */
    public String describe() {
        StringJoiner text = new StringJoiner(", ");
        byName().forEach((name, count) -> text.add(String.format(Locale.ROOT, "%s %,d", name, count)));
        return text.length() == 0 ? "none" : text.toString();
    }
}
