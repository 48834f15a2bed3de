package dev.persona.common.grpc;

import io.grpc.ServerCall;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.Consumer;

/**
 * A call's listener while the gate still waits for an answer it cannot block for (a tenant looked up from an event
 * loop thread): the call's events are kept, in order, and handed to the real listener once {@link #start} names it.
 */
final class DeferredListener<Q> extends ServerCall.Listener<Q> {

    private final Queue<Consumer<ServerCall.Listener<Q>>> pending = new ArrayDeque<>();
    private ServerCall.Listener<Q> delegate;
    private boolean draining;

    /** Hands the kept events, then every later one, to {@code listener}; called once. */
    void start(ServerCall.Listener<Q> listener) {
        synchronized (this) {
            if (delegate != null) {
                throw new IllegalStateException("started twice");
            }
            delegate = listener;
            draining = true;
        }
        drain();
    }

    private void drain() {
        while (true) {
            Consumer<ServerCall.Listener<Q>> event;
            synchronized (this) {
                event = pending.poll();
                if (event == null) {
                    draining = false;
                    return;
                }
            }
            event.accept(delegate);
        }
    }

    private void deliver(Consumer<ServerCall.Listener<Q>> event) {
        synchronized (this) {
            if (delegate == null || draining) {
                pending.add(event);
                return;
            }
        }
        event.accept(delegate);
    }

    @Override
    public void onMessage(Q message) {
        deliver(l -> l.onMessage(message));
    }

    @Override
    public void onHalfClose() {
        deliver(ServerCall.Listener::onHalfClose);
    }

    @Override
    public void onCancel() {
        deliver(ServerCall.Listener::onCancel);
    }

    @Override
    public void onComplete() {
        deliver(ServerCall.Listener::onComplete);
    }

    @Override
    public void onReady() {
        deliver(ServerCall.Listener::onReady);
    }
}
