/**
 * Reading data files line by line: bytes decoded per line, RFC 4180 CSV, field checks, a record reader with the
 * position for progress, and the policy for malformed lines (fail fast or skip and report). Shared: formats, grpc and
 * the commands use it; it imports the JDK and console (to print skipped lines) only, no gRPC, protobuf or picocli.
 */
package dev.persona.cli.io;
