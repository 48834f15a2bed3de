package dev.persona.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConcurrentCallsTest {

    @Test
    void everyCallIsMadeOnceAndTimed() throws InterruptedException {
        Set<Integer> made = ConcurrentHashMap.newKeySet();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        ConcurrentCalls.Run run = ConcurrentCalls.run(1_000, 4, i -> {
            assertTrue(made.add(i));
            threads.add(Thread.currentThread().getName());
        });
        assertEquals(1_000, made.size());
        assertEquals(1_000, run.nanos().length);
        assertTrue(threads.size() <= 4, threads::toString);
        assertTrue(run.callsPerSecond() > 0);
    }

    @Test
    void theFirstFailureStopsTheRunAndIsThrownAsItIs() {
        IllegalStateException failure = new IllegalStateException("call 10 failed");
        AtomicInteger made = new AtomicInteger();
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> ConcurrentCalls.run(1_000_000, 2, i -> {
                    made.incrementAndGet();
                    if (i == 10) {
                        throw failure;
                    }
                }));
        assertSame(failure, thrown);
        assertTrue(made.get() < 1_000_000, () -> made.get() + " calls");
    }
}
