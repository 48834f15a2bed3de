/**
 * Content-based recommendation: TF-IDF vectors of the catalogue's items over category, tags and title words, a
 * time-decayed profile of the user's history, and cosine similarity through an inverted index, in the immutable
 * {@link dev.persona.recommend.content.ContentModel}. Plain Java: it imports {@code history}, {@code catalog},
 * {@code ranking}, core's bounded top-K and the JDK; no Quarkus, CDI, gRPC, protobuf, JDBC, Redis client or
 * {@code dev.persona.common}.
 */
package dev.persona.recommend.content;
