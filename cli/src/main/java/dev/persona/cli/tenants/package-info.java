/** {@code persona tenants}: the tenant registry (profile-service's CreateTenant and ListTenants). */
package dev.persona.cli.tenants;
