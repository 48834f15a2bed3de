package dev.persona.common.grpc;

import dev.persona.common.audit.AccessLog;
import dev.persona.common.audit.AccessLogEntry;
import dev.persona.common.error.ApiError;
import dev.persona.common.security.Caller;
import dev.persona.common.security.Role;
import dev.persona.common.security.RpcRoles;
import dev.persona.common.security.SecurityConfig;
import dev.persona.common.security.TokenVerifier;
import dev.persona.common.tenant.TenantRegistry;
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
import io.vertx.core.Vertx;
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
 * PERMISSION_DENIED); without it, a token granting exactly one tenant means that one (else INVALID_ARGUMENT); and it
 * must be registered (else NOT_FOUND, checked last so that strangers learn nothing; {@link TenantRegistry}). The
 * tenant registry's own RPCs ({@link RpcRoles#unscoped}) need no tenant. Only the health service passes without a
 * token. With {@code persona.security.enabled=false} (refused in the prod profile,
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
    private static final Context.Key<Caller> CALLER = Context.key("persona-caller");
    private static final Caller ANONYMOUS_ADMIN = new Caller("anonymous", EnumSet.of(Role.ADMIN), Set.of(), true,
            Long.MAX_VALUE);

    private final TokenVerifier verifier;
    private final boolean enabled;
    private final AccessLog accessLog;
    private final String service;
    private final TenantRegistry tenants;

    @Inject
    public AccessInterceptor(TokenVerifier verifier, SecurityConfig config, AccessLog accessLog,
                             TenantRegistry tenants,
                             @ConfigProperty(name = "quarkus.application.name") String service) {
        this.tenants = tenants;
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
        // The tenant registry's RPCs act on the platform: a header is optional, and still must be granted.
        boolean unscoped = RpcRoles.unscoped(method);
        String tenant = headers.get(Tenant.HEADER);
        if (tenant == null && !unscoped) {
            Optional<String> only = caller.onlyTenant();
            if (only.isEmpty()) {
                return refuse(call, Status.INVALID_ARGUMENT.withDescription(
                        "x-tenant-id: required, as the token does not grant exactly one tenant"), null, null);
            }
            tenant = only.get();
        } else if (tenant != null) {
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
        if (tenant != null && !caller.mayUse(tenant)) {
            return refuse(call, Status.PERMISSION_DENIED.withDescription(
                    "x-tenant-id: the token does not grant the tenant " + tenant), personal ? caller : null, tenant);
        }
        if (unscoped) {
            return start(call, headers, next, caller, null, false);
        }
        // Checked only once the caller may use the tenant: whether a tenant exists is not told to strangers. A tenant
        // this replica has not seen is looked up; on an event loop thread (a non-blocking RPC) without blocking it.
        if (!tenants.known(tenant)) {
            io.vertx.core.Context loop = Vertx.currentContext();
            if (loop != null && io.vertx.core.Context.isOnEventLoopThread()) {
                return startWhenRegistered(loop, call, headers, next, caller, tenant, personal);
            }
            Status unknown = registered(tenant);
            if (unknown != null) {
                return refuse(call, unknown, null, null);
            }
        }
        return start(call, headers, next, caller, tenant, personal);
    }

    /** Starts the call with the caller (and the tenant, unless null) bound; a personal call goes to the log. */
    private <Q, R> ServerCall.Listener<Q> start(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next,
                                                Caller caller, String tenant, boolean personal) {
        Context context = Context.current().withValue(CALLER, caller);
        if (tenant != null) {
            context = context.withValue(Tenant.KEY, tenant);
        }
        if (!personal) {
            return Contexts.interceptCall(context, call, headers, next);
        }
        AuditedCall<Q, R> audited = new AuditedCall<>(call, caller, tenant);
        return audited.listen(Contexts.interceptCall(context, audited, headers, next));
    }

    /** Looks the tenant up on a worker thread, then starts or refuses the call back on its event loop. */
    private <Q, R> ServerCall.Listener<Q> startWhenRegistered(io.vertx.core.Context loop, ServerCall<Q, R> call,
                                                              Metadata headers, ServerCallHandler<Q, R> next,
                                                              Caller caller, String tenant, boolean personal) {
        DeferredListener<Q> deferred = new DeferredListener<>();
        Context grpc = Context.current();
        loop.executeBlocking(() -> registered(tenant), false).onComplete(looked -> grpc.run(() -> {
            Status unknown = looked.succeeded() ? looked.result() : registryUnavailable(looked.cause());
            if (unknown != null) {
                call.close(unknown, new Metadata());
                deferred.start(new ServerCall.Listener<>() {
                });
            } else {
                deferred.start(start(call, headers, next, caller, tenant, personal));
            }
        }));
        return deferred;
    }

    /** The caller of the current call, as its token says; outside a call that passed this gate there is none. */
    public static Caller caller() {
        Caller caller = CALLER.get();
        if (caller == null) {
            throw new IllegalStateException("no caller is bound outside an authorised call");
        }
        return caller;
    }

    /** Null when {@code tenant} is registered, else the status that refuses the call. */
    private Status registered(String tenant) {
        try {
            if (tenants.exists(tenant)) {
                return null;
            }
            return Status.NOT_FOUND.withDescription("x-tenant-id: no tenant " + tenant
                    + " is registered (an administrator registers it with CreateTenant)");
        } catch (RuntimeException e) {
            return registryUnavailable(e);
        }
    }

    private static Status registryUnavailable(Throwable cause) {
        return ErrorMapper.toStatus(ApiError.unavailable("the tenant registry is unavailable; retry later", cause));
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
