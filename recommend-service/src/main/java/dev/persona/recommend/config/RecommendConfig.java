package dev.persona.recommend.config;

import dev.persona.recommend.core.EventWeights;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.time.Duration;

/** Settings of recommend-service ({@code persona.recommend.*}); see application.properties for their meaning. */
@ConfigMapping(prefix = "persona.recommend")
public interface RecommendConfig {

    Weights weights();

    @WithName("rating-scale-min")
    double ratingScaleMin();

    @WithName("rating-scale-max")
    double ratingScaleMax();

    @WithName("trending-half-life")
    Duration trendingHalfLife();

    @WithName("content-half-life")
    Duration contentHalfLife();

    String metric();

    @WithName("history-items")
    int historyItems();

    @WithName("short-history")
    int shortHistory();

    Hybrid hybrid();

    @WithName("prediction-neighbors")
    int predictionNeighbors();

    @WithName("catalogue-refresh")
    Duration catalogueRefresh();

    @WithName("consent-refresh")
    Duration consentRefresh();

    @WithName("near-cache-size")
    long nearCacheSize();

    @WithName("pointer-refresh")
    Duration pointerRefresh();

    /** How often served lists and attributed events are written to PostgreSQL (strategy metrics). */
    Duration metricsFlush();

    interface Weights {
        double view();

        double click();

        @WithName("add-to-cart")
        double addToCart();

        double purchase();

        double rating();
    }

    interface Hybrid {
        @WithName("item-knn")
        double itemKnn();

        @WithName("user-knn")
        double userKnn();

        double content();

        double trending();
    }

    default EventWeights eventWeights() {
        Weights w = weights();
        return new EventWeights(w.view(), w.click(), w.addToCart(), w.purchase(), w.rating(), ratingScaleMax());
    }
}
