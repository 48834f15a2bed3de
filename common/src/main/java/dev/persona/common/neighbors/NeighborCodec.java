package dev.persona.common.neighbors;

import dev.persona.core.similarity.Neighbor;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored form of one neighbour list, a Redis hash value: the number of neighbours (varint), then per neighbour
 * its id (varint byte length, UTF-8), its score (8 bytes, IEEE 754 big-endian, so scores round-trip exactly) and its
 * support (varint). About 13 bytes plus the id per neighbour, against about 30 in text, and it decodes without
 * parsing numbers. The empty list is one zero byte.
 */
public final class NeighborCodec {

    private NeighborCodec() {
    }

    public static byte[] encode(List<Neighbor> neighbors) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 + neighbors.size() * 24);
        varint(out, neighbors.size());
        byte[] score = new byte[8];
        for (Neighbor n : neighbors) {
            byte[] id = n.id().getBytes(StandardCharsets.UTF_8);
            varint(out, id.length);
            out.write(id, 0, id.length);
            ByteBuffer.wrap(score).putDouble(n.score());
            out.write(score, 0, 8);
            varint(out, n.support());
        }
        return out.toByteArray();
    }

    /** The list stored in {@code bytes}; throws {@link IllegalArgumentException} on a malformed value. */
    public static List<Neighbor> decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            int count = varint(in);
            List<Neighbor> neighbors = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                byte[] id = new byte[varint(in)];
                in.get(id);
                double score = in.getDouble();
                neighbors.add(new Neighbor(new String(id, StandardCharsets.UTF_8), score, varint(in)));
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("trailing bytes after " + count + " neighbours");
            }
            return neighbors;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed neighbour list: " + e.getMessage(), e);
        }
    }

    private static void varint(ByteArrayOutputStream out, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative length or support " + value);
        }
        while ((value & ~0x7F) != 0) {
            out.write((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write(value);
    }

    private static int varint(ByteBuffer in) {
        int value = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            byte b = in.get();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (value < 0) {
                    throw new IllegalArgumentException("varint out of range");
                }
                return value;
            }
        }
        throw new IllegalArgumentException("varint too long");
    }
}
