/**
 * The {@code persona} command itself: the picocli root ({@link dev.persona.cli.PersonaCli}), the small commands that
 * need no package of their own (event, profile), the options every service command mixes in
 * ({@link dev.persona.cli.ConnectionOptions}, {@link dev.persona.cli.InstantOption}), and how a failure becomes one
 * line and an exit code ({@link dev.persona.cli.CliException}, {@link dev.persona.cli.ExitCodes},
 * {@link dev.persona.cli.ErrorReporter}). An adapter: it may import every package of the module, picocli, gRPC and
 * the generated {@code dev.persona.api} classes; only the other command packages import it (for the exceptions,
 * exit codes and options), never grpc, formats, io or console.
 */
package dev.persona.cli;
