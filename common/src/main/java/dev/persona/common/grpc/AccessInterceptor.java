package dev.persona.common.grpc;

import dev.persona.common.error.ApiError;
import dev.persona.common.security.Caller;
import dev.persona.common.security.Role;
import dev.persona.common.security.RpcRoles;
import dev.persona.common.security.SecurityConfig;
import dev.persona.common.security.TokenVerifier;
import dev.persona.common.validation.Ids;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Every call's gate: the bearer token verified (else UNAUTHENTICATED), the RPC's roles from {@link RpcRoles} checked
 * (else PERMISSION_DENIED), and the tenant bound: {@code x-tenant-id} must be one the token grants (else
 * PERMISSION_DENIED); without it, a token granting exactly one tenant means that one (else INVALID_ARGUMENT). Only the
 * health service passes without a token. With {@code persona.security.enabled=false} (refused in the prod profile,
 * logged loudly elsewhere) every call is an admin's and must name its tenant.
 */
@ApplicationScoped
@GlobalInterceptor
public class AccessInterceptor implements ServerInterceptor {

    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "Bearer ";
    private static final Caller ANONYMOUS_ADMIN = new Caller("anonymous", EnumSet.of(Role.ADMIN), Set.of(), true,
            Long.MAX_VALUE);

    private final TokenVerifier verifier;
    private final boolean enabled;

    @Inject
    public AccessInterceptor(TokenVerifier verifier, SecurityConfig config) {
        this.verifier = verifier;
        this.enabled = config.enabled();
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        if (RpcRoles.PUBLIC_SERVICES.contains(call.getMethodDescriptor().getServiceName())) {
            return next.startCall(call, headers);
        }
        Caller caller;
        if (enabled) {
            String authorization = headers.get(AUTHORIZATION);
            if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                return refuse(call, Status.UNAUTHENTICATED.withDescription("a bearer token is required"));
            }
            try {
                caller = verifier.verify(authorization.substring(BEARER.length()).trim());
            } catch (TokenVerifier.InvalidToken e) {
                return refuse(call, Status.UNAUTHENTICATED.withDescription(e.getMessage()));
            }
            Optional<Set<Role>> allowed = RpcRoles.allowed(method);
            if (!caller.mayCall(allowed.orElse(Set.of()))) {
                return refuse(call, Status.PERMISSION_DENIED.withDescription(method + " needs the role "
                        + allowed.map(AccessInterceptor::names).orElse("admin")));
            }
        } else {
            caller = ANONYMOUS_ADMIN;
        }
        String tenant = headers.get(Tenant.HEADER);
        if (tenant == null) {
            Optional<String> only = caller.onlyTenant();
            if (only.isEmpty()) {
                return refuse(call, Status.INVALID_ARGUMENT.withDescription(
                        "x-tenant-id: required, as the token does not grant exactly one tenant"));
            }
            tenant = only.get();
        } else {
            try {
                Ids.require("x-tenant-id", tenant);
            } catch (ApiError e) {
                return refuse(call, Status.INVALID_ARGUMENT.withDescription(e.getMessage()));
            }
            if (!caller.mayUse(tenant)) {
                return refuse(call, Status.PERMISSION_DENIED.withDescription(
                        "x-tenant-id: the token does not grant the tenant " + tenant));
            }
        }
        Context context = Context.current().withValue(Tenant.KEY, tenant).withValue(Tenant.CALLER, caller);
        return Contexts.interceptCall(context, call, headers, next);
    }

    private static String names(Set<Role> roles) {
        StringBuilder s = new StringBuilder();
        for (Role r : roles) {
            s.append(r.claim()).append(" or ");
        }
        return s.append("admin").toString();
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status) {
        call.close(status, new Metadata());
        return new ServerCall.Listener<>() {
        };
    }
}
