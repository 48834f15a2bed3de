/**
 * The input rules every service applies the same way: ids (1 to 128 code points, no control characters), finite
 * numbers, ranges, and the one timestamp rule. Throws {@code ApiError}; imports only {@code error} and protobuf's
 * Timestamp.
 */
package dev.persona.common.validation;
