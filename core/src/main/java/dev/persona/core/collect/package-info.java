/**
 * Primitive collections for hot loops (open-addressing maps without boxing). Imports only {@code java.*}.
 */
package dev.persona.core.collect;
