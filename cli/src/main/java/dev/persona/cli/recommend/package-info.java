/**
 * The recommendation commands of recommend-service: recommend, rank, similar items, predict rating, strategy
 * metrics, their options, the command-line names of the strategies and a tally of the strategies that served the
 * lists. An adapter: it may import the root package, grpc, console, picocli and {@code dev.persona.api}; other command
 * packages (predict, bench, eval) reuse its options and names, nothing lower imports it.
 */
package dev.persona.cli.recommend;
