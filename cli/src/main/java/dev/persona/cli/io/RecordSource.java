package dev.persona.cli.io;

import java.io.IOException;
import java.util.List;

/** Records read one at a time, with how far the reading has got (for progress and ETA). */
public interface RecordSource<T> {

    /** The next record, or null when there are no more. */
    T next() throws IOException;

    /** Work done so far, in the source's own unit (bytes of a file, records of a list). */
    long done();

    /** All the work, in the unit of {@link #done()}; 0 when unknown. */
    long total();

    /** A source over records already in memory (generated benchmark data). */
    static <T> RecordSource<T> of(List<T> records) {
        return new RecordSource<>() {
            private int index;

            @Override
            public T next() {
                return index < records.size() ? records.get(index++) : null;
            }

            @Override
            public long done() {
                return index;
            }

            @Override
            public long total() {
                return records.size();
            }
        };
    }
}
