/**
 * What may be recommended and how it is explained: {@link dev.persona.recommend.filter.CandidateFilter} applies a
 * request's filter and the catalogue, and tops lists up with popular items; {@link
 * dev.persona.recommend.filter.Explanations} writes the sentence shown next to a recommendation. Plain Java: it
 * imports {@code history}, {@code catalog}, {@code ranking} and the JDK; no Quarkus, CDI, gRPC, protobuf, JDBC,
 * Redis client or {@code dev.persona.common}.
 */
package dev.persona.recommend.filter;
