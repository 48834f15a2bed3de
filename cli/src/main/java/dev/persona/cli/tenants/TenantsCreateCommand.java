package dev.persona.cli.tenants;

import dev.persona.api.v1.CreateTenantRequest;
import dev.persona.api.v1.CreateTenantResponse;
import dev.persona.cli.ConnectionOptions;
import dev.persona.cli.ExitCodes;
import dev.persona.cli.grpc.ProfileConnection;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code persona tenants create <id>}: registers a tenant (CreateTenant). */
@Command(name = "create", description = {"Registers a tenant (CreateTenant; the admin role, with a token that grants "
        + "the tenant). Registering an existing tenant changes nothing."})
public final class TenantsCreateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "<tenant_id>", description = "The new tenant's id.")
    String tenantId;

    @Option(names = "--name", paramLabel = "<text>", defaultValue = "",
            description = "A name for people, for example \"ACME retail (staging)\".")
    String name;

    @Override
    public Integer call() {
        CreateTenantResponse response;
        try (ProfileConnection profiles = ProfileConnection.open(connection.settings())) {
            response = profiles.unary().createTenant(CreateTenantRequest.newBuilder().setTenantId(tenantId)
                    .setDisplayName(name).build());
        }
        spec.commandLine().getOut().println((response.getCreated() ? "registered " : "already registered ")
                + response.getTenant().getTenantId());
        return ExitCodes.OK;
    }
}
