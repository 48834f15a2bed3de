/**
 * {@code persona demo generate}: a small synthetic data set in the ml-100k layout, with structure for the algorithms
 * to find (favourite genres, weighted draws). An adapter: it may import the root package, formats (the genres) and
 * picocli; only the root imports it.
 */
package dev.persona.cli.demo;
