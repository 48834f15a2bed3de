/**
 * Binary classifiers in plain Java: decision trees ({@link DecisionTree}) and L2-regularised logistic regression
 * ({@link LogisticRegression}, its Newton step solved with EJML), stratified cross-validation
 * ({@link CrossValidation}), the labels of churn and purchase outcomes ({@link OutcomeLabels}), and a fitted
 * predictor with its input schema, explanations in words and JSON form ({@link PredictorModel},
 * {@link PredictorSchema}, {@link Wording}). May import {@code features}, core, EJML, Jackson's tree model and
 * {@code java.*}; no framework.
 */
package dev.persona.segment.classifier;
