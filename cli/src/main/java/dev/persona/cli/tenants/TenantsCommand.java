package dev.persona.cli.tenants;

import picocli.CommandLine.Command;

/** {@code persona tenants ...}: registers and lists tenants (profile-service; needs the admin role). */
@Command(name = "tenants", description = {"Registers and lists tenants (profile-service; the admin role). A call "
        + "naming a tenant nobody registered is refused with NOT_FOUND by every service."},
        subcommands = {TenantsCreateCommand.class, TenantsListCommand.class})
public final class TenantsCommand {
}
