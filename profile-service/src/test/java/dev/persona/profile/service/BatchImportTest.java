package dev.persona.profile.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.persona.common.error.ApiError;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchImportTest {

    @Test
    void commitsInBatchesAndCountsWrittenAndDuplicates() {
        List<List<String>> batches = new ArrayList<>();
        BatchImport<String> imp = new BatchImport<>(3, 10, b -> {
            batches.add(b);
            return (int) b.stream().filter(s -> !s.startsWith("dup")).count();
        }, null);
        for (String s : List.of("a", "b", "dup1", "c", "dup2", "d", "e")) {
            imp.offer(() -> s);
        }
        ImportResult r = imp.finish();
        assertEquals(List.of(List.of("a", "b", "dup1"), List.of("c", "dup2", "d"), List.of("e")), batches);
        assertEquals(new ImportResult(7, 5, 2, 0, List.of()), r);
    }

    @Test
    void rejectionsAreExactButTheirListIsCapped() {
        BatchImport<String> imp = new BatchImport<>(100, 2, List::size, null);
        for (int i = 0; i < 5; i++) {
            int n = i;
            imp.offer(() -> {
                if (n % 2 == 0) {
                    throw ApiError.invalid("event.value", "bad " + n);
                }
                return "ok";
            });
        }
        ImportResult r = imp.finish();
        assertEquals(3, r.rejected());
        assertEquals(2, r.accepted());
        assertEquals(List.of(new ImportResult.Rejected(0, "event.value", "bad 0"), new ImportResult.Rejected(2, "event.value", "bad 2")),
                r.rejections());
    }

    @Test
    void keyedImportsWriteARepeatedKeyOnceLastWins() {
        List<List<String>> batches = new ArrayList<>();
        BatchImport<String> imp = new BatchImport<>(10, 10, b -> {
            batches.add(b);
            return b.size();
        }, s -> s.substring(0, 1));
        for (String s : List.of("a1", "b1", "a2")) {
            imp.offer(() -> s);
        }
        ImportResult r = imp.finish();
        assertEquals(List.of(List.of("a2", "b1")), batches);
        assertEquals(new ImportResult(3, 2, 1, 0, List.of()), r);
    }

    @Test
    void aFailedBatchSaysWhatWasCommitted() {
        BatchImport<String> imp = new BatchImport<>(1, 10, b -> {
            if (b.get(0).equals("boom")) {
                throw new IllegalStateException("connection refused");
            }
            return 1;
        }, null);
        imp.offer(() -> "fine");
        ApiError e = assertThrows(ApiError.class, () -> imp.offer(() -> "boom"));
        assertEquals(ApiError.Kind.UNAVAILABLE, e.kind());
        assertEquals(true, e.getMessage().contains("1 accepted and committed"));
    }
}
