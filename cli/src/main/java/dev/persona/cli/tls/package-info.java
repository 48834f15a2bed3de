/**
 * TLS certificates on the client side: issuing a CA and server certificates with BouncyCastle
 * ({@link dev.persona.cli.tls.Certificates}) and the local CA and server certificate under {@code .persona/security}
 * ({@link dev.persona.cli.tls.LocalTls}). Store-like: it reads and writes certificate and key files, through jwt's
 * {@link dev.persona.cli.jwt.KeyFiles} for the keys and the owner-only atomic writes; it imports the JDK, BouncyCastle
 * and jwt only, never picocli, gRPC or a command package.
 */
package dev.persona.cli.tls;
