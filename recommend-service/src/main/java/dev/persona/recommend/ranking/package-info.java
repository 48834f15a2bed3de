/**
 * What every strategy ranks with: a candidate item with its score and the user's items behind it
 * ({@link dev.persona.recommend.ranking.Scored}), and the best few of a stream of scored ids
 * ({@link dev.persona.recommend.ranking.BestFew}: the reasons behind a recommendation). Plain Java: it imports the
 * JDK only, and every algorithm package may import it.
 */
package dev.persona.recommend.ranking;
