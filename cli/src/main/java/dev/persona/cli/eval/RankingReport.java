package dev.persona.cli.eval;

import dev.persona.api.v1.Strategy;
import dev.persona.cli.bench.JsonLine;
import dev.persona.cli.console.TextTable;
import dev.persona.cli.recommend.StrategyNames;
import dev.persona.cli.recommend.StrategyTally;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** The outcome of a ranking evaluation over several seeds: a Markdown report, a summary table, a JSON line. */
final class RankingReport {

    /** The cut-off of the published figures the report puts beside ours. */
    static final int PEER_K = 10;
    private static final int DECIMALS = 4;
    private static final Map<Strategy, Peer> PEERS = Map.of(
            Strategy.STRATEGY_POPULAR, new Peer("most popular", new RankingScores(0.134, 0.137, 0.173, 0.657, 0.028)),
            Strategy.STRATEGY_ITEM_KNN,
            new Peer("item-KNN cosine k=50", new RankingScores(0.204, 0.228, 0.284, 0.792, 0.101)),
            Strategy.STRATEGY_USER_KNN,
            new Peer("user-KNN cosine k=50", new RankingScores(0.232, 0.255, 0.320, 0.834, 0.156)),
            Strategy.STRATEGY_EASE, new Peer("EASE λ=500", new RankingScores(0.269, 0.289, 0.366, 0.869, 0.184)),
            Strategy.STRATEGY_MATRIX_FACTORIZATION,
            new Peer("implicit ALS 64 factors (untuned)", new RankingScores(0.147, 0.199, 0.208, 0.757, 0.448)));

    /** A published figure set for the same protocol. */
    private record Peer(String name, RankingScores scores) {
    }

    private final String dataName;
    private final RankingData data;
    private final int k;
    private final List<Strategy> strategies;
    private final List<SeedResult> seeds;

    RankingReport(String dataName, RankingData data, int k, List<Strategy> strategies, List<SeedResult> seeds) {
        this.dataName = dataName;
        this.data = data;
        this.k = k;
        this.strategies = List.copyOf(strategies);
        this.seeds = List.copyOf(seeds);
    }

    RankingScores mean(Strategy strategy) {
        return RankingScores.mean(perSeed(strategy));
    }

    List<RankingScores> perSeed(Strategy strategy) {
        return seeds.stream().map(seed -> seed.scores().get(strategy)).toList();
    }

    /** The strategies that produced the lists asked of {@code strategy}, over every seed. */
    StrategyTally used(Strategy strategy) {
        StrategyTally used = new StrategyTally();
        seeds.forEach(seed -> used.addAll(seed.used().get(strategy)));
        return used;
    }

    /** One row per strategy: the means over the seeds and what served the lists. */
    TextTable summary() {
        TextTable table = new TextTable(summaryHeaders()).alignRight(1, 2, 3, 4, 5);
        strategies.forEach(strategy -> table.row((Object[]) summaryCells(strategy)));
        return table;
    }

    private String[] summaryHeaders() {
        List<String> headers = new ArrayList<>(List.of("strategy"));
        headers.addAll(metricNames());
        headers.add("served by");
        return headers.toArray(String[]::new);
    }

    private String[] summaryCells(Strategy strategy) {
        List<String> cells = new ArrayList<>(List.of(StrategyNames.of(strategy)));
        for (double value : mean(strategy).values()) {
            cells.add(format(value));
        }
        cells.add(used(strategy).describe());
        return cells.toArray(String[]::new);
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Ranking evaluation on ").append(dataName).append("\n\n");
        md.append(String.format(Locale.ROOT, "%,d users, %,d items and %,d ratings; cut-off k = %d; seeds %s.%n%n",
                data.users().size(), data.items().size(), data.ratings().size(), k, seedList()));
        md.append("## Protocol\n\n")
                .append("- Split, per seed: the ratings sorted by (user, item); with `java.util.Random(seed)`, for "
                        + "each user in ascending id, a Fisher–Yates permutation p of the user's n ratings; the "
                        + "item-sorted ratings at p[0] .. p[ceil(0.2 n) - 1] are test, the others train.\n")
                .append("- Train is binarised: each train pair is one VIEW event, all weighing the same, imported "
                        + "with the users (u.user) and items (u.item, genres as category and tags) into a fresh "
                        + "tenant per seed; then item and user neighbour lists, cosine, binary, k = 50.\n")
                .append("- Relevant: test ratings of 4 or more; evaluated users: those with at least one relevant "
                        + "test item. Each gets one Recommend per strategy, k = " + k + ", with the default filter "
                        + "(their train items excluded).\n")
                .append("- Per user: P@k = hits / k, R@k = hits / |relevant|, NDCG@k with binary gain and "
                        + "discount 1 / log2(rank + 1), ideal over min(|relevant|, k), HR@k = 1 on any hit; "
                        + "averaged over the evaluated users. Coverage = distinct recommended items / items in "
                        + "u.item. Then the mean over the seeds.\n")
                .append("- \"Served by\" counts the strategy each response reports it used: a strategy that fell "
                        + "back shows there.\n\n");
        md.append("## Seeds\n\n");
        md.append(row("seed", "tenant", "train pairs", "test ratings", "users evaluated"));
        md.append(row("---:", "---", "---:", "---:", "---:"));
        for (SeedResult seed : seeds) {
            md.append(row(Long.toString(seed.seed()), "`" + seed.tenant() + "`",
                    String.format(Locale.ROOT, "%,d", seed.trainPairs()),
                    String.format(Locale.ROOT, "%,d", seed.testRatings()),
                    String.format(Locale.ROOT, "%,d", seed.usersEvaluated())));
        }
        md.append("\n## Summary (mean over the seeds)\n\n");
        md.append(row(summaryHeaders()));
        md.append(row("---", "---:", "---:", "---:", "---:", "---:", "---"));
        strategies.forEach(strategy -> md.append(row(summaryCells(strategy))));
        for (Strategy strategy : strategies) {
            md.append("\n## ").append(StrategyNames.of(strategy)).append("\n\n");
            md.append(strategyTable(strategy));
            md.append("\nServed by: ").append(used(strategy).describe()).append(".\n");
        }
        if (k != PEER_K) {
            md.append("\nThe published figures are at k = ").append(PEER_K).append(", so none are shown beside "
                    + "these at k = ").append(k).append(".\n");
        }
        return md.toString();
    }

    /** A PNG comparing the strategies' mean NDCG@k with the published figures (at k = 10). */
    void chart(Path file) throws IOException {
        List<String> names = new ArrayList<>();
        List<Double> ours = new ArrayList<>();
        List<Double> peers = new ArrayList<>();
        for (Strategy strategy : strategies) {
            names.add(StrategyNames.of(strategy));
            ours.add(mean(strategy).ndcg());
            Peer peer = k == PEER_K ? PEERS.get(strategy) : null;
            peers.add(peer == null ? Double.NaN : peer.scores().ndcg());
        }
        Map<String, List<Double>> series = new java.util.LinkedHashMap<>();
        series.put("Persona", ours);
        series.put("published (numpy/scipy)", peers);
        Charts.bars(file, "NDCG@" + k + " on " + dataName + " by strategy", "NDCG@" + k, names, series);
    }

    /** Rows: the metrics; columns: the mean, each seed, and the published figure when there is one. */
    private String strategyTable(Strategy strategy) {
        Peer peer = k == PEER_K ? PEERS.get(strategy) : null;
        List<String> headers = new ArrayList<>(List.of("metric", "mean"));
        List<String> alignment = new ArrayList<>(List.of("---", "---:"));
        for (SeedResult seed : seeds) {
            headers.add("seed " + seed.seed());
            alignment.add("---:");
        }
        if (peer != null) {
            headers.add("peer: " + peer.name());
            alignment.add("---:");
        }
        StringBuilder md = new StringBuilder(row(headers.toArray(String[]::new)))
                .append(row(alignment.toArray(String[]::new)));
        List<String> names = metricNames();
        double[] mean = mean(strategy).values();
        List<double[]> perSeed = perSeed(strategy).stream().map(RankingScores::values).toList();
        for (int m = 0; m < names.size(); m++) {
            List<String> cells = new ArrayList<>(List.of(names.get(m), "**" + format(mean[m]) + "**"));
            for (double[] seed : perSeed) {
                cells.add(format(seed[m]));
            }
            if (peer != null) {
                cells.add(String.format(Locale.ROOT, "%.3f", peer.scores().values()[m]));
            }
            md.append(row(cells.toArray(String[]::new)));
        }
        return md.toString();
    }

    JsonLine json(String reportFile) {
        List<JsonLine> perStrategy = new ArrayList<>();
        for (Strategy strategy : strategies) {
            List<JsonLine> bySeed = new ArrayList<>();
            for (SeedResult seed : seeds) {
                bySeed.add(scores(new JsonLine().put("seed", seed.seed()), seed.scores().get(strategy)));
            }
            perStrategy.add(scores(new JsonLine().put("strategy", StrategyNames.of(strategy)), mean(strategy))
                    .put("per_seed", bySeed)
                    .put("strategy_used", used(strategy).byName()));
        }
        return new JsonLine()
                .put("eval", "ranking")
                .put("data", dataName)
                .put("k", k)
                .put("seeds", seeds.stream().mapToLong(SeedResult::seed).toArray())
                .put("users_evaluated", seeds.stream().mapToLong(SeedResult::usersEvaluated).toArray())
                .put("catalog_items", data.items().size())
                .put("strategies", perStrategy)
                .put("report", reportFile);
    }

    private static JsonLine scores(JsonLine json, RankingScores scores) {
        return json.put("precision_at_k", scores.precision(), DECIMALS)
                .put("recall_at_k", scores.recall(), DECIMALS)
                .put("ndcg_at_k", scores.ndcg(), DECIMALS)
                .put("hit_rate_at_k", scores.hitRate(), DECIMALS)
                .put("coverage", scores.coverage(), DECIMALS);
    }

    private List<String> metricNames() {
        return List.of("P@" + k, "R@" + k, "NDCG@" + k, "HR@" + k, "coverage");
    }

    private String seedList() {
        StringJoiner list = new StringJoiner(", ");
        seeds.forEach(seed -> list.add(Long.toString(seed.seed())));
        return list.toString();
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%." + DECIMALS + "f", value);
    }

    private static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }
}
