package dev.persona.recommend.grpc;

import dev.persona.common.testing.ServiceHealthContract;
import dev.persona.common.testing.StandInProfileResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(StandInProfileResource.class)
class RecommendServiceHealthTest extends ServiceHealthContract {

    @Override
    protected String serviceName() {
        return "persona.v1.RecommendService";
    }
}
