package dev.persona.profile.service;

import java.util.List;

/** The outcome of a streamed import (see persona.v1 ImportSummary). */
public record ImportResult(long received, long accepted, long duplicates, long rejected, List<Rejected> rejections) {

    /** One refused record: its 0-based position in the stream, the field at fault and why. */
    public record Rejected(long index, String field, String reason) {
    }
}
