package dev.persona.common.grpc;

import dev.persona.common.error.ApiError;
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

/** Validates {@code x-tenant-id} on every call and makes it available through {@link Tenant#current()}. */
@ApplicationScoped
@GlobalInterceptor
public class TenantInterceptor implements ServerInterceptor {

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String tenant = headers.get(Tenant.HEADER);
        if (tenant == null) {
            tenant = Tenant.DEFAULT;
        } else {
            try {
                Ids.require("x-tenant-id", tenant);
            } catch (ApiError e) {
                call.close(Status.INVALID_ARGUMENT.withDescription(e.getMessage()), new Metadata());
                return new ServerCall.Listener<>() {
                };
            }
        }
        return Contexts.interceptCall(Context.current().withValue(Tenant.KEY, tenant), call, headers, next);
    }
}
