package dev.persona.recommend.service;

import dev.persona.common.error.ApiError;
import dev.persona.core.metrics.RatingErrors;
import dev.persona.recommend.config.RecommendConfig;
import dev.persona.recommend.history.EventWeights;
import dev.persona.recommend.model.AlsParams;
import dev.persona.recommend.model.CatalogueTooLargeException;
import dev.persona.recommend.model.TrainingFootprint;
import dev.persona.recommend.model.Ease;
import dev.persona.recommend.model.EaseParams;
import dev.persona.recommend.model.ExplicitAls;
import dev.persona.recommend.model.ExplicitAlsModel;
import dev.persona.recommend.model.ImplicitAls;
import dev.persona.recommend.model.Interactions;
import dev.persona.recommend.model.ModelCodec;
import dev.persona.recommend.model.ProgressListener;
import dev.persona.recommend.model.TrainedModel;
import dev.persona.recommend.store.ModelStore;
import dev.persona.recommend.store.ServingModels;
import dev.persona.recommend.store.TenantData;
import dev.persona.recommend.store.TenantStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * TrainModel: catches this replica's copy of the log up, trains the model type on it, stores the new version in
 * PostgreSQL and (unless asked not to) makes it serve on every replica. One training per tenant and type at a time
 * across replicas ({@link ModelStore#underTrainingLock}). Serving never waits for it.
 */
@ApplicationScoped
public class ModelTraining {

    private static final Logger LOG = Logger.getLogger(ModelTraining.class);
    /** The training metric that says how many of the tenant's events the training read (impressions aside). */
    public static final String LOG_EVENTS = "log_events";

    /** Told how far a training is: phase, done, total, loss. */
    public interface Progress {
        void report(String phase, long done, long total, double loss);
    }

    /**
     * A validated TrainModel request.
     *
     * @param type "ALS_EXPLICIT", "ALS_IMPLICIT" or "EASE"
     * @param als the ALS parameters (also carries seed and threads for EASE)
     * @param easeLambda EASE's λ
     * @param keepServing store without serving
     */
    public record Request(String type, AlsParams als, double easeLambda, boolean keepServing) {

        /**
         * A request from TrainModel's parameters, already checked, where 0 means the default: 64 factors, 15 sweeps,
         * the type's λ (EASE: 500), α 40.
         */
        public static Request of(String type, int factors, int iterations, double regularization, double alpha,
                                 long seed, int threads, boolean keepServing) {
            AlsParams defaults = type.equals("ALS_EXPLICIT") ? AlsParams.explicitDefaults() : AlsParams.implicitDefaults();
            AlsParams als = defaults.withFactors(factors == 0 ? 64 : factors)
                    .withIterations(iterations == 0 ? 15 : iterations)
                    .withLambda(regularization == 0 ? defaults.lambda() : regularization)
                    .withAlpha(alpha == 0 ? 40 : alpha).withSeed(seed).withThreads(threads);
            return new Request(type, als, regularization == 0 ? 500 : regularization, keepServing);
        }
    }

    private final TenantStore tenants;
    private final ModelStore store;
    private final ServingModels serving;
    private final RecommendConfig config;
    private final MeterRegistry registry;

    public ModelTraining(TenantStore tenants, ModelStore store, ServingModels serving, RecommendConfig config,
                         MeterRegistry registry) {
        this.registry = registry;
        this.tenants = tenants;
        this.store = store;
        this.serving = serving;
        this.config = config;
    }

    /** Trains, stores and (unless keepServing) serves a new version; returns it. */
    public ModelStore.Version train(String tenant, Request request, Progress progress) {
        return store.underTrainingLock(tenant, request.type(), () -> trainLocked(tenant, request, progress));
    }

    private ModelStore.Version trainLocked(String tenant, Request request, Progress progress) {
        long started = System.currentTimeMillis();
        progress.report("load", 0, 0, 0);
        TenantData data = tenants.get(tenant);
        tenants.catchUp(tenant);
        long sequence = data.sequence();
        long eventsRead = data.eventsRead();
        Interactions x = TrainingData.of(data, request.type(), config.eventWeights());
        progress.report("load", x.size(), x.size(), 0);
        if (x.size() == 0) {
            throw ApiError.precondition(request.type().equals("ALS_EXPLICIT")
                    ? "the log holds no rating: explicit ALS learns from RATING events"
                    : "the log holds no interaction to learn from");
        }
        double[] lastLoss = {0};
        int total = request.type().equals("EASE") ? 1 : request.als().iterations();
        ProgressListener fit = (iteration, of, loss) -> {
            lastLoss[0] = loss;
            progress.report("fit", iteration, total, loss);
        };
        progress.report("fit", 0, total, 0);
        TrainedModel model = fit(x, request, config.training().easeMaxItems(), heapBudget(config), fit);
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (model instanceof ExplicitAlsModel m) {
            metrics.put("train_rmse", trainRmse(m, x));
        }
        AlsParams als = request.als();
        metrics.put("loss", lastLoss[0]);
        metrics.put(LOG_EVENTS, (double) eventsRead);
        progress.report("store", 0, 1, 0);
        byte[] bytes = ModelCodec.encode(model);
        boolean ease = request.type().equals("EASE");
        ModelStore.Version v = store.save(tenant, new ModelStore.Version(null, request.type(), 0,
                System.currentTimeMillis(), ease ? 0 : als.factors(), ease ? 0 : als.iterations(),
                ease ? request.easeLambda() : als.lambda(), request.type().equals("ALS_IMPLICIT") ? als.alpha() : 0,
                als.seed(), metrics, sequence, x.numUsers(), x.numItems(), System.currentTimeMillis() - started,
                false), bytes, !request.keepServing());
        if (!request.keepServing()) {
            serving.refresh(tenant);
            serving.announce(tenant);
        }
        progress.report("store", 1, 1, 0);
        Timer.builder("persona.model.training").description("TrainModel, load to store").tag("type", request.type())
                .register(registry).record(v.elapsedMs(), TimeUnit.MILLISECONDS);
        LOG.infof("tenant %s: trained %s (%d users, %d items, %d interactions) in %d ms", tenant, v.version(),
                x.numUsers(), x.numItems(), x.size(), v.elapsedMs());
        return v;
    }

    /**
     * The interactions a model type trains on, from a copy of the tenant's log (or an evaluation's train split):
     * latest ratings for ALS_EXPLICIT, event weights for ALS_IMPLICIT, 1 per touched item for EASE.
     */
    public static Interactions interactions(TenantData data, String type, EventWeights weights) {
        return TrainingData.of(data, type, weights);
    }

    /**
     * Trains a model of the request's type on {@code x}: the one training code path of TrainModel and of the offline
     * evaluation. FAILED_PRECONDITION when the catalogue is too large for EASE; RESOURCE_EXHAUSTED, before anything is
     * allocated, when the training would need more memory than {@code heapBudget} bytes or its model more than a
     * PostgreSQL value holds; ABORTED when interrupted.
     */
    public static TrainedModel fit(Interactions x, Request request, int easeMaxItems, long heapBudget,
                                   ProgressListener listener) {
        AlsParams als = request.als();
        boolean ease = request.type().equals("EASE");
        try {
            if (ease) {
                // First: a catalogue EASE never takes is FAILED_PRECONDITION whatever memory the replica has.
                Ease.requireCatalogue(x.numItems(), easeMaxItems);
            }
            requireMemory(x, request, heapBudget);
            return switch (request.type()) {
                case "ALS_EXPLICIT" -> ExplicitAls.train(x, als, listener);
                case "ALS_IMPLICIT" -> ImplicitAls.train(x, als, listener);
                default -> Ease.train(x, new EaseParams(request.easeLambda(), easeMaxItems, als.threads()), listener);
            };
        } catch (CatalogueTooLargeException e) {
            throw ApiError.precondition(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.aborted("the training was interrupted");
        }
    }

    /**
     * RESOURCE_EXHAUSTED, before anything is allocated, when the training would need more than {@code heapBudget}
     * bytes or its model more than a PostgreSQL value holds.
     */
    private static void requireMemory(Interactions x, Request request, long heapBudget) {
        AlsParams als = request.als();
        boolean ease = request.type().equals("EASE");
        long need = ease ? TrainingFootprint.ease(x.numItems())
                : TrainingFootprint.als(x.numUsers(), x.numItems(), als.factors(),
                als.threads() > 0 ? als.threads() : Runtime.getRuntime().availableProcessors());
        String shape = ease ? "EASE on " + x.numItems() + " items"
                : request.type() + " with " + als.factors() + " factors on " + x.numUsers() + " users and "
                + x.numItems() + " items";
        if (need > heapBudget) {
            throw ApiError.exhausted(shape + " needs about " + mib(need) + " MiB, more than the " + mib(heapBudget)
                    + " MiB a training may use on this replica (persona.recommend.training.max-heap-fraction of its "
                    + "heap): train with fewer factors, or give the service more memory");
        }
        long stored = ease ? TrainingFootprint.easeStored(x.numItems())
                : TrainingFootprint.alsStored(x.numUsers(), x.numItems(), als.factors());
        if (stored > TrainingFootprint.MAX_STORED_BYTES) {
            throw ApiError.exhausted(shape + " would store about " + mib(stored) + " MiB, more than the "
                    + mib(TrainingFootprint.MAX_STORED_BYTES) + " MiB one PostgreSQL value holds");
        }
    }

    /** The bytes one training may hold: the configured fraction of this JVM's maximum heap. */
    public static long heapBudget(RecommendConfig config) {
        return (long) (Runtime.getRuntime().maxMemory() * config.training().maxHeapFraction());
    }

    private static long mib(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }

    private static double trainRmse(ExplicitAlsModel m, Interactions x) {
        RatingErrors errors = new RatingErrors();
        for (int u = 0; u < x.numUsers(); u++) {
            int[] items = x.itemsOf(u);
            float[] values = x.valuesOf(u);
            int mu = m.userIndex(x.userId(u));
            for (int j = 0; j < items.length; j++) {
                errors.add(m.predict(mu, m.itemIndex(x.itemId(items[j]))), values[j]);
            }
        }
        return errors.count() == 0 ? 0 : errors.rmse();
    }
}
