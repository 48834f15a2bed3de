package dev.persona.recommend.service;

import dev.persona.common.error.ApiError;
import dev.persona.recommend.config.RecommendConfig;
import dev.persona.recommend.store.ModelStore;
import dev.persona.recommend.store.TenantStore;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Keeps serving models fresh: every {@code persona.recommend.training.retrain-every} (off by default), each tenant's
 * serving model of each type whose log grew by at least {@code retrain-min-new-events} since it was trained is
 * trained again with the parameters it was trained with, and the new version serves. A training another replica holds
 * is skipped (its lock says so), as is a tenant whose training fails (logged; tried again next time).
 */
@ApplicationScoped
public class ScheduledRetraining {

    private static final Logger LOG = Logger.getLogger(ScheduledRetraining.class);

    @Inject
    ModelStore store;

    @Inject
    ModelTraining training;

    @Inject
    TenantStore tenants;

    @Inject
    RecommendConfig config;

    @Scheduled(every = "${persona.recommend.training.retrain-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        try {
            retrain(tenant -> true);
        } catch (RuntimeException e) {
            LOG.warnf("scheduled retraining skipped: %s", e.getMessage());
        }
    }

    /** Retrains what is due in the tenants {@code which} accepts; returns the new versions. */
    public List<ModelStore.Version> retrain(Predicate<String> which) {
        List<ModelStore.Version> trained = new ArrayList<>();
        for (ModelStore.Serving s : store.servingEverywhere()) {
            if (!which.test(s.tenant())) {
                continue;
            }
            ModelStore.Version serving = s.version();
            try {
                tenants.catchUp(s.tenant());
                // a version without the count (trained before it was kept) is due once
                Double read = serving.metrics().get(ModelTraining.LOG_EVENTS);
                long grown = tenants.get(s.tenant()).eventsRead() - (read == null ? 0 : read.longValue());
                if (grown < config.training().retrainMinNewEvents()) {
                    continue;
                }
                ModelStore.Version v = training.train(s.tenant(), requestLike(serving), (phase, done, total, loss) -> {
                });
                LOG.infof("tenant %s: %s retrained as %s (%d new events)", s.tenant(), serving.version(), v.version(),
                        grown);
                trained.add(v);
            } catch (ApiError e) {
                if (e.kind() != ApiError.Kind.ABORTED) {
                    LOG.warnf("tenant %s: retraining %s failed: %s", s.tenant(), serving.version(), e.getMessage());
                }
            } catch (RuntimeException e) {
                LOG.warnf("tenant %s: retraining %s failed: %s", s.tenant(), serving.version(), e.getMessage());
            }
        }
        return trained;
    }

    /** A TrainModel request with the parameters {@code v} was trained with. */
    ModelTraining.Request requestLike(ModelStore.Version v) {
        return ModelTraining.Request.of(v.type(), v.factors(), v.iterations(), v.regularization(), v.alpha(), v.seed(),
                config.training().threads(), false);
    }
}
