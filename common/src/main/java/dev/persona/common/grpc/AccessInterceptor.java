package dev.persona.common.grpc;

import dev.persona.common.audit.AccessLog;
import dev.persona.common.audit.AccessLogEntry;
import dev.persona.common.error.ApiError;
import dev.persona.common.security.Caller;
import dev.persona.common.security.Role;
import dev.persona.common.security.RpcRoles;
import dev.persona.common.security.SecurityConfig;
import dev.persona.common.security.TokenVerifier;
import dev.persona.common.validation.Ids;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every call's gate: the bearer token verified (else UNAUTHENTICATED), the RPC's roles from {@link RpcRoles} checked
 * (else PERMISSION_DENIED), and the tenant bound: {@code x-tenant-id} must be one the token grants (else
 * PERMISSION_DENIED); without it, a token granting exactly one tenant means that one (else INVALID_ARGUMENT). Only the
 * health service passes without a token. With {@code persona.security.enabled=false} (refused in the prod profile,
 * logged loudly elsewhere) every call is an admin's and must name its tenant. Calls to the RPCs that
 * {@link RpcRoles#personal} names, and authenticated callers' refused attempts at them, go to the {@link AccessLog}
 * (an attempt without a valid token names nobody and no verified tenant, so it is refused without an entry: a flood
 * of them cannot fill the log).
 */
@ApplicationScoped
@GlobalInterceptor
public class AccessInterceptor implements ServerInterceptor {

    /** The metadata header that carries the bearer token ({@code Bearer <jwt>}). */
    public static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "Bearer ";
    private static final Caller ANONYMOUS_ADMIN = new Caller("anonymous", EnumSet.of(Role.ADMIN), Set.of(), true,
            Long.MAX_VALUE);

    private final TokenVerifier verifier;
    private final boolean enabled;
    private final AccessLog accessLog;
    private final String service;

    @Inject
    public AccessInterceptor(TokenVerifier verifier, SecurityConfig config, AccessLog accessLog,
                             @ConfigProperty(name = "quarkus.application.name") String service) {
        this.verifier = verifier;
        this.enabled = config.enabled();
        this.accessLog = accessLog;
        this.service = service;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        if (RpcRoles.PUBLIC_SERVICES.contains(call.getMethodDescriptor().getServiceName())) {
            return next.startCall(call, headers);
        }
        boolean personal = RpcRoles.personal(method) && accessLog.enabled();
        Caller caller = ANONYMOUS_ADMIN;
        if (enabled) {
            String authorization = headers.get(AUTHORIZATION);
            if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                return refuse(call, Status.UNAUTHENTICATED.withDescription("a bearer token is required"), null, null);
            }
            try {
                caller = verifier.verify(authorization.substring(BEARER.length()).trim());
            } catch (TokenVerifier.InvalidToken e) {
                return refuse(call, Status.UNAUTHENTICATED.withDescription(e.getMessage()), null, null);
            }
        }
        String tenant = headers.get(Tenant.HEADER);
        if (tenant == null) {
            Optional<String> only = caller.onlyTenant();
            if (only.isEmpty()) {
                return refuse(call, Status.INVALID_ARGUMENT.withDescription(
                        "x-tenant-id: required, as the token does not grant exactly one tenant"), null, null);
            }
            tenant = only.get();
        } else {
            try {
                Ids.require("x-tenant-id", tenant);
            } catch (ApiError e) {
                return refuse(call, Status.INVALID_ARGUMENT.withDescription(e.getMessage()), null, null);
            }
        }
        // Authenticated attempts that are refused are real attempts by a known subject: logged in the tenant they aimed at.
        Optional<Set<Role>> allowed = RpcRoles.allowed(method);
        if (!caller.mayCall(allowed.orElse(Set.of()))) {
            return refuse(call, Status.PERMISSION_DENIED.withDescription(method + " needs the role "
                    + allowed.map(AccessInterceptor::names).orElse("admin")), personal ? caller : null, tenant);
        }
        if (!caller.mayUse(tenant)) {
            return refuse(call, Status.PERMISSION_DENIED.withDescription(
                    "x-tenant-id: the token does not grant the tenant " + tenant), personal ? caller : null, tenant);
        }
        Context context = Context.current().withValue(Tenant.KEY, tenant);
        if (!personal) {
            return Contexts.interceptCall(context, call, headers, next);
        }
        AuditedCall<Q, R> audited = new AuditedCall<>(call, caller, tenant);
        return audited.listen(Contexts.interceptCall(context, audited, headers, next));
    }

    /** A call whose end goes to the access log, with the user its first request names. */
    private final class AuditedCall<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {
        private final Caller caller;
        private final String tenant;
        private volatile String userId = "";

        AuditedCall(ServerCall<Q, R> call, Caller caller, String tenant) {
            super(call);
            this.caller = caller;
            this.tenant = tenant;
        }

        ServerCall.Listener<Q> listen(ServerCall.Listener<Q> listener) {
            return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
                private boolean first = true;

                @Override
                public void onMessage(Q message) {
                    // A stream of requests (an import, a batch of events) names many users: it is logged as naming none.
                    if (first && getMethodDescriptor().getType().clientSendsOneMessage()) {
                        userId = UserIds.named(message);
                    }
                    first = false;
                    super.onMessage(message);
                }
            };
        }

        @Override
        public void close(Status status, Metadata trailers) {
            record(caller, tenant, getMethodDescriptor().getFullMethodName(), userId, status);
            super.close(status, trailers);
        }
    }

    private void record(Caller caller, String tenant, String method, String userId, Status status) {
        List<String> roles = caller.roles().stream().map(Role::claim).sorted().toList();
        accessLog.record(new AccessLogEntry(Instant.now(), service, tenant, caller.subject(), roles, method, userId,
                status.getCode().name()));
    }

    private static String names(Set<Role> roles) {
        StringBuilder s = new StringBuilder();
        for (Role r : roles) {
            s.append(r.claim()).append(" or ");
        }
        return s.append("admin").toString();
    }

    /** Closes the call with {@code status}; with a caller, the refusal goes to the access log too. */
    private <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status, Caller logged, String tenant) {
        if (logged != null) {
            record(logged, tenant, call.getMethodDescriptor().getFullMethodName(), "", status);
        }
        call.close(status, new Metadata());
        return new ServerCall.Listener<>() {
        };
    }
}
