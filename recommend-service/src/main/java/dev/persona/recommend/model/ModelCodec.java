package dev.persona.recommend.model;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * A compact binary form of the trained models, for a PostgreSQL bytea column. Little-endian throughout:
 * <pre>
 * magic      4 bytes  "PMDL"
 * type       u8       1 explicit ALS, 2 implicit ALS, 3 EASE
 * version    u16      1
 * explicit ALS: users i32, items i32, factors i32, μ f64, λ f64, user ids, item ids,
 *               user biases f32[users], item biases f32[items], user factors f32[users·factors],
 *               item factors f32[items·factors]
 * implicit ALS: users i32, items i32, factors i32, λ f64, α f64, λ scaled by counts u8, user ids, item ids,
 *               user factors f32[users·factors], item factors f32[items·factors]
 * EASE:         items i32, λ f64, item ids, weights f32[items·items] (row-major)
 * crc32      u32      of every byte before it
 * </pre>
 * An id list is, per id, its UTF-8 length as i32 (−1 for an erased user) and its bytes. Factor matrices are
 * row-major. No Java serialisation, no reflection.
 */
public final class ModelCodec {

    static final int MAGIC = 0x4C444D50; // "PMDL" read little-endian
    static final int VERSION = 1;
    static final byte EXPLICIT_ALS = 1;
    static final byte IMPLICIT_ALS = 2;
    static final byte EASE = 3;

    private ModelCodec() {
    }

    /** The bytes of a model. */
    public static byte[] encode(TrainedModel model) {
        if (model instanceof ExplicitAlsModel m) {
            byte[][] users = utf8(m.userIds());
            byte[][] items = utf8(m.itemIds());
            long size = 7 + 12 + 16 + idBytes(users) + idBytes(items) + 4L * (m.userBiasArray().length
                    + m.itemBiasArray().length + m.userFactorArray().length + m.itemFactorArray().length) + 4;
            ByteBuffer out = header(size, EXPLICIT_ALS);
            out.putInt(users.length).putInt(items.length).putInt(m.factors()).putDouble(m.mean())
                    .putDouble(m.lambda());
            putIds(out, users);
            putIds(out, items);
            putFloats(out, m.userBiasArray());
            putFloats(out, m.itemBiasArray());
            putFloats(out, m.userFactorArray());
            putFloats(out, m.itemFactorArray());
            return finish(out);
        }
        if (model instanceof ImplicitAlsModel m) {
            byte[][] users = utf8(m.userIds());
            byte[][] items = utf8(m.itemIds());
            long size = 7 + 12 + 17 + idBytes(users) + idBytes(items)
                    + 4L * (m.userFactorArray().length + m.itemFactorArray().length) + 4;
            ByteBuffer out = header(size, IMPLICIT_ALS);
            out.putInt(users.length).putInt(items.length).putInt(m.factors()).putDouble(m.lambda())
                    .putDouble(m.alpha()).put((byte) (m.scaleLambda() ? 1 : 0));
            putIds(out, users);
            putIds(out, items);
            putFloats(out, m.userFactorArray());
            putFloats(out, m.itemFactorArray());
            return finish(out);
        }
        EaseModel m = (EaseModel) model;
        byte[][] items = utf8(m.itemIds());
        long size = 7 + 4 + 8 + idBytes(items) + 4L * m.weightArray().length + 4;
        ByteBuffer out = header(size, EASE);
        out.putInt(items.length).putDouble(m.lambda());
        putIds(out, items);
        putFloats(out, m.weightArray());
        return finish(out);
    }

    /**
     * The model of some bytes.
     *
     * @throws IllegalArgumentException when the bytes are not a model of a known type and version, are cut short or
     *                                  corrupted (checksum), or their dimensions do not add up
     */
    public static TrainedModel decode(byte[] bytes) {
        if (bytes.length < 11) {
            throw new IllegalArgumentException("not a model: " + bytes.length + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (in.getInt() != MAGIC) {
            throw new IllegalArgumentException("not a model: wrong magic number");
        }
        byte type = in.get();
        int version = Short.toUnsignedInt(in.getShort());
        if (version != VERSION) {
            throw new IllegalArgumentException("model format version " + version + " is not supported (only "
                    + VERSION + ")");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if ((int) crc.getValue() != stored) {
            throw new IllegalArgumentException("model bytes corrupted: checksum mismatch");
        }
        ByteBuffer body = in.slice().order(ByteOrder.LITTLE_ENDIAN).limit(bytes.length - 4 - 7);
        try {
            TrainedModel model = switch (type) {
                case EXPLICIT_ALS -> {
                    int users = count(body.getInt());
                    int items = count(body.getInt());
                    int factors = count(body.getInt());
                    double mean = body.getDouble();
                    double lambda = body.getDouble();
                    String[] userIds = getIds(body, users, true);
                    String[] itemIds = getIds(body, items, false);
                    float[] userBias = getFloats(body, users);
                    float[] itemBias = getFloats(body, items);
                    float[] userF = getFloats(body, (long) users * factors);
                    float[] itemF = getFloats(body, (long) items * factors);
                    yield new ExplicitAlsModel(userIds, itemIds, factors, mean, lambda, userBias, itemBias, userF,
                            itemF);
                }
                case IMPLICIT_ALS -> {
                    int users = count(body.getInt());
                    int items = count(body.getInt());
                    int factors = count(body.getInt());
                    double lambda = body.getDouble();
                    double alpha = body.getDouble();
                    boolean scale = body.get() != 0;
                    String[] userIds = getIds(body, users, true);
                    String[] itemIds = getIds(body, items, false);
                    float[] userF = getFloats(body, (long) users * factors);
                    float[] itemF = getFloats(body, (long) items * factors);
                    yield new ImplicitAlsModel(userIds, itemIds, factors, lambda, alpha, scale, userF, itemF);
                }
                case EASE -> {
                    int items = count(body.getInt());
                    double lambda = body.getDouble();
                    String[] itemIds = getIds(body, items, false);
                    float[] weights = getFloats(body, (long) items * items);
                    yield new EaseModel(itemIds, lambda, weights);
                }
                default -> throw new IllegalArgumentException("unknown model type " + type);
            };
            if (body.hasRemaining()) {
                throw new IllegalArgumentException("model bytes have " + body.remaining() + " bytes too many");
            }
            return model;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("model bytes cut short", e);
        }
    }

    private static ByteBuffer header(long size, byte type) {
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("model too large to encode: " + size + " bytes");
        }
        return ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN).putInt(MAGIC).put(type)
                .putShort((short) VERSION);
    }

    private static byte[] finish(ByteBuffer out) {
        CRC32 crc = new CRC32();
        crc.update(out.array(), 0, out.position());
        out.putInt((int) crc.getValue());
        if (out.hasRemaining()) {
            throw new IllegalStateException("size miscounted by " + out.remaining());
        }
        return out.array();
    }

    private static byte[][] utf8(String[] ids) {
        byte[][] out = new byte[ids.length][];
        for (int i = 0; i < ids.length; i++) {
            out[i] = ids[i] == null ? null : ids[i].getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    private static long idBytes(byte[][] ids) {
        long size = 0;
        for (byte[] id : ids) {
            size += 4 + (id == null ? 0 : id.length);
        }
        return size;
    }

    private static void putIds(ByteBuffer out, byte[][] ids) {
        for (byte[] id : ids) {
            if (id == null) {
                out.putInt(-1);
            } else {
                out.putInt(id.length).put(id);
            }
        }
    }

    private static String[] getIds(ByteBuffer in, int n, boolean erasable) {
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            int length = in.getInt();
            if (length == -1 && erasable) {
                continue;
            }
            if (length < 0 || length > in.remaining()) {
                throw new IllegalArgumentException("bad id length " + length + " at id " + i);
            }
            byte[] id = new byte[length];
            in.get(id);
            ids[i] = new String(id, StandardCharsets.UTF_8);
        }
        return ids;
    }

    private static void putFloats(ByteBuffer out, float[] values) {
        out.asFloatBuffer().put(values);
        out.position(out.position() + 4 * values.length);
    }

    private static float[] getFloats(ByteBuffer in, long n) {
        if (4 * n > in.remaining()) {
            throw new BufferUnderflowException();
        }
        float[] values = new float[(int) n];
        in.asFloatBuffer().get(values);
        in.position(in.position() + 4 * values.length);
        return values;
    }

    private static int count(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative dimension " + n);
        }
        return n;
    }
}
