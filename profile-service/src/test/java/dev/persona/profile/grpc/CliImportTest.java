package dev.persona.profile.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.persona.api.v1.GetItemRequest;
import dev.persona.api.v1.GetUserRequest;
import dev.persona.api.v1.Interaction;
import dev.persona.api.v1.Item;
import dev.persona.cli.PersonaCli;
import dev.persona.common.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The persona CLI importing a small committed MovieLens-format sample into the real service. */
@QuarkusTest
class CliImportTest extends GrpcTestSupport {

    private static final String SAMPLE = "src/test/resources/sample-movielens";

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    /** The CLI against the test server, which serves plaintext (TLS is on in the prod profile only). */
    private int persona(String... args) {
        register(tenant);
        String[] all = new String[args.length + 7];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--target";
        all[args.length + 1] = "localhost:" + port;
        all[args.length + 2] = "--tenant";
        all[args.length + 3] = tenant;
        all[args.length + 4] = "--token";
        all[args.length + 5] = TestTokens.admin(tenant);
        all[args.length + 6] = "--plaintext";
        return PersonaCli.execute(all);
    }

    @Test
    void importsUsersItemsAndRatingsSkippingTheMalformedLineIdempotently() {
        assertEquals(0, persona("import", "movielens", SAMPLE));

        assertEquals("technician", blocking().getUser(GetUserRequest.newBuilder().setUserId("1").build()).getUser()
                .getAttributesOrThrow("occupation"));
        Item noir = blocking().getItem(GetItemRequest.newBuilder().setItemId("2").build()).getItem();
        assertEquals("Café Noir (1996)", noir.getTitle());
        assertEquals("Comedy", noir.getCategory());
        assertEquals(List.of("Comedy", "Film-Noir"), noir.getTagsList());
        List<Interaction> log = exportAll(0);
        assertEquals(7, log.size(), "seven good ratings, the malformed line skipped");
        assertEquals(5.0, log.get(0).getValue());

        assertEquals(0, persona("import", "movielens", SAMPLE));
        assertEquals(7, exportAll(0).size(), "a second import adds nothing");
    }

    @Test
    void failFastStopsAtTheMalformedLineAndAWrongPathFails() {
        assertNotEquals(0, persona("import", "movielens", SAMPLE, "--fail-fast"));
        assertNotEquals(0, persona("import", "movielens", "no/such/folder"));
    }
}
