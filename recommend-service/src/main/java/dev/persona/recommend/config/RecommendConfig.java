package dev.persona.recommend.config;

import dev.persona.recommend.history.EventWeights;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
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

    /** How ITEM_KNN weighs its neighbours' similarities. */
    @WithName("item-knn")
    Knn itemKnn();

    /** How USER_KNN weighs its neighbours' similarities. */
    @WithName("user-knn")
    Knn userKnn();

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

    /** How often a replica checks Redis for a newly trained serving model of the tenants it holds. */
    Duration modelCheck();

    /** How often a replica re-reads the serving versions from PostgreSQL anyway (the safety net). */
    Duration modelPoll();

    /** Trained models: defaults and limits of TrainModel. */
    Training training();

    interface Training {
        /** Catalogues above this many items are refused by EASE. */
        @WithName("ease-max-items")
        int easeMaxItems();

        /** Worker threads of a training when the request leaves threads at 0 (0 = all available cores). */
        int threads();

        /**
         * The share of this JVM's maximum heap one training may use; a training estimated to need more is refused
         * with RESOURCE_EXHAUSTED before it allocates anything.
         */
        @WithName("max-heap-fraction")
        double maxHeapFraction();

        /** How often serving models are retrained with their own parameters ("off" for never). */
        @WithName("retrain-every")
        String retrainEvery();

        /** A serving model is retrained only when the log grew by at least this many events since it was trained. */
        @WithName("retrain-min-new-events")
        long retrainMinNewEvents();
    }

    interface Weights {
        double view();

        double click();

        @WithName("add-to-cart")
        double addToCart();

        double purchase();

        double rating();
    }

    interface Knn {
        /** Similarities count as s^power (1 = as they are). */
        double power();

        /** Whether each neighbour list is scaled to a unit sum. */
        @WithDefault("false")
        boolean normalise();
    }

    interface Hybrid {
        @WithName("item-knn")
        double itemKnn();

        @WithName("user-knn")
        double userKnn();

        double content();

        /** Weight of EASE when a trained EASE model serves (it then replaces the neighbour strategies). */
        double ease();

        /** Weight of implicit-ALS matrix factorisation when a trained model serves. */
        @WithName("matrix-factorization")
        double matrixFactorization();

        double trending();
    }

    default EventWeights eventWeights() {
        Weights w = weights();
        return new EventWeights(w.view(), w.click(), w.addToCart(), w.purchase(), w.rating(), ratingScaleMax());
    }
}
