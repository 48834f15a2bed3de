package dev.persona.segment.classifier;

/** Fits a fresh {@link Classifier} on some rows of a dataset, e.g. once per cross-validation fold. */
@FunctionalInterface
public interface ModelFactory {

    Classifier fit(Dataset data, int[] trainRows);
}
