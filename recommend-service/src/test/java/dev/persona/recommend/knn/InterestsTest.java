package dev.persona.recommend.knn;

import static dev.persona.recommend.knn.Events.click;
import static dev.persona.recommend.knn.Events.impression;
import static dev.persona.recommend.knn.Events.purchase;
import static dev.persona.recommend.knn.Events.rating;
import static dev.persona.recommend.knn.Events.view;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.persona.recommend.history.EventWeights;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InterestsTest {

    @Test
    void anItemWeighsItsStrongestEventAndImpressionsWeighNothing() {
        var weights = Interests.weights(
                List.of(view("a"), purchase("a"), view("a"), click("b"), rating("c", 4), impression("d")),
                EventWeights.DEFAULT);
        assertEquals(Map.of("a", 5.0, "b", 2.0, "c", 4.0), weights);
        assertEquals(List.of("a", "b", "c"), List.copyOf(weights.keySet()));
    }

    @Test
    void theLatestRatingOfAnItemCountsAndAtEqualTimesTheLaterInTheList() {
        var ratings = Interests.ratings(List.of(
                rating("a", 5, 20), rating("a", 2, 10), rating("b", 1, 7), rating("b", 4, 7), view("c")));
        assertEquals(Map.of("a", 5.0, "b", 4.0), ratings);
        assertEquals(4.5, Interests.mean(ratings), 1e-12);
    }
}
