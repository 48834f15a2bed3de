package dev.persona.cli.eval;

import dev.persona.api.v1.Strategy;
import dev.persona.cli.recommend.StrategyTally;
import java.util.Map;

/**
 * What one seed of the ranking evaluation gave.
 *
 * @param seed           the seed of the split
 * @param tenant         the fresh tenant it ran in
 * @param trainPairs     train ratings, imported as one VIEW event each
 * @param testRatings    held-out ratings
 * @param usersEvaluated users with at least one relevant held-out item
 * @param scores         the figures per strategy asked for
 * @param used           per strategy asked for, the strategies that actually produced its lists
 */
record SeedResult(long seed, String tenant, int trainPairs, int testRatings, int usersEvaluated,
        Map<Strategy, RankingScores> scores, Map<Strategy, StrategyTally> used) {
}
