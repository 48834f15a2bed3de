/**
 * {@code persona audience}: the users of some segments scored by a predictor (SelectAudience), printed or streamed to
 * another command. An adapter: it may import the root package, grpc, picocli and {@code dev.persona.api};
 * another command package (eval) may reuse its selection, nothing lower imports it.
 */
package dev.persona.cli.audience;
