/**
 * The terminal side of the CLI: stderr progress meters that redraw in place
 * ({@link dev.persona.cli.console.StatusLine}, {@link dev.persona.cli.console.ProgressMeter},
 * {@link dev.persona.cli.console.PhaseProgress} for the Progress messages of a server stream) and plain text tables.
 * Shared: every layer above may use it; it imports the JDK and the generated {@code dev.persona.api} Progress message
 * only, nothing else of the module (a stream that ends without a result is the caller's failure to report, not this
 * package's).
 */
package dev.persona.cli.console;
