/**
 * Bearer tokens on the client side: minting RS256 JWTs with a local development key ({@link dev.persona.cli.jwt.Jwts}),
 * reading a token's claims without verifying it (the services verify), the local key pair and tokens under
 * {@code .persona/security} ({@link dev.persona.cli.jwt.LocalSecurity}), the services' datastore passwords beside them
 * ({@link dev.persona.cli.jwt.LocalDatastores}), and which token a call sends
 * ({@link dev.persona.cli.jwt.BearerToken}). Store-like: it reads and writes key and token files; it imports the JDK
 * and jose4j only, never picocli, gRPC or a command package.
 */
package dev.persona.cli.jwt;
