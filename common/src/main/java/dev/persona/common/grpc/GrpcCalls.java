package dev.persona.common.grpc;

import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;

/** Call shapes shared by the services' plain grpc-java implementations. */
public final class GrpcCalls {

    private GrpcCalls() {
    }

    /** Answers a unary call with the work's result, or its failure as a status ({@link ErrorMapper}). */
    public static <T> void unary(StreamObserver<T> out, Supplier<T> work) {
        T result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            out.onError(ErrorMapper.toStatus(e).asRuntimeException());
            return;
        }
        out.onNext(result);
        out.onCompleted();
    }
}
