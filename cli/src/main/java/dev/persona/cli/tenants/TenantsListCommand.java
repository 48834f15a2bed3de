package dev.persona.cli.tenants;

import dev.persona.api.v1.ListTenantsRequest;
import dev.persona.api.v1.ListTenantsResponse;
import dev.persona.api.v1.Tenant;
import dev.persona.cli.ConnectionOptions;
import dev.persona.cli.ExitCodes;
import dev.persona.cli.InstantOption;
import dev.persona.cli.console.TextTable;
import dev.persona.cli.grpc.ProfileConnection;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code persona tenants list}: the registered tenants the token grants (ListTenants). */
@Command(name = "list", description = "Lists the registered tenants the token grants, by id (ListTenants; the admin role).")
public final class TenantsListCommand implements Callable<Integer> {

    private static final int PAGE = 1000;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() {
        TextTable table = new TextTable("tenant", "name", "created", "created by");
        try (ProfileConnection profiles = ProfileConnection.open(connection.settings())) {
            String token = "";
            do {
                ListTenantsResponse page = profiles.unary().listTenants(ListTenantsRequest.newBuilder()
                        .setPageSize(PAGE).setPageToken(token).build());
                for (Tenant t : page.getTenantsList()) {
                    table.row(t.getTenantId(), t.getDisplayName(), InstantOption.format(t.getCreatedAt()),
                            t.getCreatedBy());
                }
                token = page.getNextPageToken();
            } while (!token.isEmpty());
        }
        table.print(spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
