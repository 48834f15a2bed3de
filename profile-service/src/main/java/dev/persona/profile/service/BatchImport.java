package dev.persona.profile.service;

import dev.persona.common.error.ApiError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One streamed import: validates records as they arrive, buffers the valid ones and commits them a batch at
 * a time through {@code writer}, which returns how many of the batch were written (the rest are duplicates).
 * Counts are exact; the list of rejections is capped. Not thread-safe: a stream feeds it in order.
 *
 * @param <R> the validated record type
 */
public final class BatchImport<R> {

    private final int batchSize;
    private final int maxRejections;
    private final Function<List<R>, Integer> writer;
    private final Function<R, String> streamKey;
    private final Set<String> seenKeys;
    private final List<ImportResult.Rejected> rejections = new ArrayList<>();
    private List<R> buffer;
    /** Keyed imports buffer here instead, so that a key repeated within a batch is written once, last wins. */
    private final Map<String, R> buffered = new LinkedHashMap<>();
    private long received;
    private long accepted;
    private long duplicates;
    private long rejected;

    /**
     * @param streamKey when not null, records repeating a key seen earlier in the stream count as duplicates
     *                  (they are still written: the last one wins)
     */
    public BatchImport(int batchSize, int maxRejections, Function<List<R>, Integer> writer, Function<R, String> streamKey) {
        this.batchSize = batchSize;
        this.maxRejections = maxRejections;
        this.writer = writer;
        this.streamKey = streamKey;
        this.seenKeys = streamKey == null ? null : new HashSet<>();
        this.buffer = new ArrayList<>(batchSize);
    }

    /** Validates one record (the supplier throws {@link ApiError} when it is invalid) and buffers it. */
    public void offer(Supplier<R> validated) {
        long index = received++;
        R record;
        try {
            record = validated.get();
        } catch (ApiError e) {
            rejected++;
            if (rejections.size() < maxRejections) {
                rejections.add(new ImportResult.Rejected(index, e.field() == null ? "" : e.field(), e.reason()));
            }
            return;
        }
        if (seenKeys != null) {
            String key = streamKey.apply(record);
            if (!seenKeys.add(key)) {
                duplicates++;
                if (buffered.containsKey(key)) {
                    buffered.put(key, record);
                    return;
                }
            }
            buffered.put(key, record);
        } else {
            buffer.add(record);
        }
        if (buffer.size() + buffered.size() >= batchSize) {
            flush();
        }
    }

    /** Commits what is buffered and returns the summary. */
    public ImportResult finish() {
        flush();
        return new ImportResult(received, accepted, duplicates, rejected, List.copyOf(rejections));
    }

    private void flush() {
        if (buffer.isEmpty() && buffered.isEmpty()) {
            return;
        }
        List<R> batch = buffer;
        if (!buffered.isEmpty()) {
            batch = new ArrayList<>(buffered.values());
            buffered.clear();
        }
        buffer = new ArrayList<>(batchSize);
        int written;
        try {
            written = writer.apply(batch);
        } catch (RuntimeException e) {
            String done = "after " + received + " records received, " + accepted + " accepted and committed"
                    + " before this failure; re-sending the stream is safe";
            if (e instanceof ApiError a) {
                throw a;
            }
            throw ApiError.unavailable("import interrupted " + done + ": " + e.getMessage(), e);
        }
        if (seenKeys == null) {
            accepted += written;
            duplicates += batch.size() - written;
        } else {
            accepted = received - rejected - duplicates;
        }
    }
}
