/**
 * Non-personalised strategies: POPULAR (distinct users per item, all time) and TRENDING (the same users discounted
 * by the age of their latest event, with a half-life), kept current event by event by {@link
 * dev.persona.recommend.popular.Popularity} and read from immutable snapshots with pre-sorted rankings, overall and
 * per category. Plain Java: it imports {@code history}, {@code ranking}, core's primitive collections and the JDK;
 * no Quarkus, CDI, gRPC, protobuf, JDBC, Redis client or {@code dev.persona.common}.
 */
package dev.persona.recommend.popular;
