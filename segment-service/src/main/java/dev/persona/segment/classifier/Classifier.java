package dev.persona.segment.classifier;

/** A fitted binary classifier. */
public interface Classifier {

    /** P(label = positive) for one row of {@code data}, which must have the features the model was fitted on. */
    double predictProbability(Dataset data, int row);
}
