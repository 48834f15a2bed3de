/**
 * The data sets the CLI reads, as the records of the API: MovieLens (ml-100k, ml-1m), the IBM Telco churn CSV and
 * retail transactions, each line parsed into a User, an Item or an Event. Store-like, the data files being where the
 * CLI's data comes from, as grpc is where it goes: it may import io and the generated {@code dev.persona.api}
 * classes; commands (imports, eval, bench, demo) import it, never grpc, io or console.
 */
package dev.persona.cli.formats;
