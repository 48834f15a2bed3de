package dev.persona.cli.grpc;

import io.grpc.Status;

/** Says in one line what went wrong in a call to profile-service. */
public final class ServiceErrors {

    private ServiceErrors() {
    }

    public static String describe(Status status, String target) {
        String detail = status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription());
        // A status with a cause was made on this side (connection refused, name not resolved); one without was sent
        // by the service (for example its database is down), and then "is it running?" would mislead.
        if (status.getCode() == Status.Code.UNAVAILABLE && status.getCause() != null) {
            return "profile-service is not reachable at " + target + ": is it running? (" + detail + ")";
        }
        if (status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
            return "profile-service at " + target + " did not answer in time (" + detail
                    + "); raise --deadline-seconds or --stream-deadline-seconds if it is just slow";
        }
        return "profile-service at " + target + " answered " + detail;
    }
}
