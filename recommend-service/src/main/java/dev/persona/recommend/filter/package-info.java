/**
 * What may be recommended and how it is explained: {@link dev.persona.recommend.filter.CandidateFilter} applies a
 * request's filter and the catalogue, and tops lists up with popular items; {@link
 * dev.persona.recommend.filter.Explanations} writes the sentence shown next to a recommendation. Plain Java; no
 * Quarkus, gRPC or JDBC here.
 */
package dev.persona.recommend.filter;
