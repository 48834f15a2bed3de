/**
 * Non-personalised strategies: POPULAR (distinct users per item, all time) and TRENDING (the same users discounted
 * by the age of their latest event, with a half-life), kept current event by event by {@link
 * dev.persona.recommend.popular.Popularity} and read from immutable snapshots with pre-sorted rankings, overall and
 * per category. Plain Java: no Quarkus, gRPC or JDBC here.
 */
package dev.persona.recommend.popular;
