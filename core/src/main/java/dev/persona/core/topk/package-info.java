/**
 * The one bounded top-K selection of the suite (a heap of the best K with a strict tie order), used by the
 * similarity kernel, the trained models' ranking and the content strategy. Imports only {@code java.*}.
 */
package dev.persona.core.topk;
