/**
 * The embedded stack for a machine with only a JDK: real PostgreSQL and Redis binaries from Maven artifacts, started
 * on 127.0.0.1 by {@code ./suite up} and stopped by {@code ./suite down}. A launcher beside the suite, not part of
 * it: imports no Persona code.
 */
package dev.persona.devstack;
