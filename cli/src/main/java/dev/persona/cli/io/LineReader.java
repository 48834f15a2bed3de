package dev.persona.cli.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads lines (LF or CRLF) as bytes and decodes each on its own. Working on bytes keeps the position in the file
 * exact, for the progress meter, and lets the decoding be chosen per line (see {@link Decoding}).
 */
public final class LineReader implements Closeable {

    private static final int BUFFER_BYTES = 1 << 16;

    private final InputStream in;
    private final Decoding decoding;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int position;
    private int limit;
    private byte[] line = new byte[256];
    private int lineLength;
    private long bytesRead;
    private long lineNumber;

    public LineReader(InputStream in, Decoding decoding) {
        this.in = in;
        this.decoding = decoding;
    }

    public static LineReader open(Path file, Decoding decoding) throws IOException {
        return new LineReader(Files.newInputStream(file), decoding);
    }

    /** The next line without its line terminator, or null at the end of the input. */
    public String readLine() throws IOException {
        lineLength = 0;
        boolean sawAnyByte = false;
        while (true) {
            if (position == limit && !fill()) {
                if (!sawAnyByte) {
                    return null;
                }
                break;
            }
            sawAnyByte = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            append(start, position - start);
            bytesRead += position - start;
            if (position < limit) {
                position++;
                bytesRead++;
                break;
            }
        }
        if (lineLength > 0 && line[lineLength - 1] == '\r') {
            lineLength--;
        }
        lineNumber++;
        return decoding.decode(line, lineLength);
    }

    /** The 1-based number of the line last returned. */
    public long lineNumber() {
        return lineNumber;
    }

    /** Bytes consumed so far, line terminators included. */
    public long bytesRead() {
        return bytesRead;
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        position = 0;
        limit = Math.max(n, 0);
        return n > 0;
    }

    private void append(int start, int length) {
        if (lineLength + length > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + length));
        }
        System.arraycopy(buffer, start, line, lineLength, length);
        lineLength += length;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
