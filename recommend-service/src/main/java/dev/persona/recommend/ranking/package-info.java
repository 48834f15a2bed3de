/**
 * The plain-Java vocabulary of recommendation shared by every strategy: items of the catalogue, a user's history,
 * event weights and scored candidates. No Quarkus, gRPC or JDBC here.
 */
package dev.persona.recommend.core;
