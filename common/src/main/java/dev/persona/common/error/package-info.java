/**
 * {@code ApiError}: the failures a service reports on purpose, each of one kind (bad input naming the field, not
 * found, not ready, unavailable, aborted, exhausted) that the error mapper turns into a gRPC status. Plain Java:
 * imports nothing of Persona.
 */
package dev.persona.common.error;
