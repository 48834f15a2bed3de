package dev.persona.recommend.model;

/** A trained model that {@link ModelCodec} can store. */
public sealed interface TrainedModel permits FactorModel, EaseModel {

    /** The number of items the model knows (scores cover indices 0..numItems−1). */
    int numItems();

    /** The id of an item index. */
    String itemId(int item);

    /** The index of an item id, −1 when unknown. */
    int itemIndex(String itemId);

    /**
     * Forgets a user: their factors are zeroed and their id dropped, so that the stored model no longer holds
     * anything of theirs per user. Returns false when the model had nothing per user for them. (What they contributed
     * to item factors or item weights stays until the next training.)
     */
    boolean erase(String userId);
}
