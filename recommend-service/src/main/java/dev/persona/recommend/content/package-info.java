/**
 * Content-based recommendation: TF-IDF vectors of the catalogue's items over category, tags and title words, a
 * time-decayed profile of the user's history, and cosine similarity through an inverted index, in the immutable
 * {@link dev.persona.recommend.content.ContentModel}. Plain Java: no Quarkus, gRPC or JDBC here.
 */
package dev.persona.recommend.content;
