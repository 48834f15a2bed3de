/**
 * {@code persona eval ...}: the evaluation protocols run through the services (ranking and rating on ml-100k,
 * segmentation against scikit-learn, churn on Telco and retail, offline) and their reports, charts and JSON lines.
 * The metrics themselves come from core ({@code dev.persona.core.metrics}: ranking, classification, ROC); this
 * package only splits the data, calls the services and prints the figures. An adapter: it may import the root
 * package, the command packages it drives, grpc, formats, io, console, core, XChart, picocli and
 * {@code dev.persona.api}; only the root imports it.
 */
package dev.persona.cli.eval;
