/**
 * The one implementation of each evaluation metric: ranking metrics at k (precision, recall, NDCG, hit rate, MAP,
 * coverage; one rule for repeated items and users without relevant items), rating errors (RMSE, MAE), and
 * binary-classification metrics (AUC with ties, log loss, ROC, accuracy, precision, recall, F1). Used by the
 * services' evaluations, the CLI and the quality checks. Imports only {@code java.*}.
 */
package dev.persona.core.metrics;
