/**
 * {@code persona token} and {@code persona security init}: minting bearer tokens with the local development key, and
 * creating that key, the suite's local tokens, its local CA and its TLS certificate. An adapter over jwt and tls: it
 * may import the root package, jwt, tls and picocli; only the root imports it.
 */
package dev.persona.cli.security;
