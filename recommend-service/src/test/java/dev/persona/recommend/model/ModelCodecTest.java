package dev.persona.recommend.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ModelCodecTest {

    @Test
    void explicitAlsRoundTrips() throws InterruptedException {
        Interactions ratings = Synthetic.ratings(40, 20, 0.4, 2);
        ExplicitAlsModel model = ExplicitAls.train(ratings, new AlsParams(5, 3, 0.1, 0, 1, 1, 0, true),
                ProgressListener.NONE);
        model.erase("u4");
        byte[] bytes = ModelCodec.encode(model);
        ExplicitAlsModel back = assertInstanceOf(ExplicitAlsModel.class, ModelCodec.decode(bytes));
        assertArrayEquals(model.userIds(), back.userIds());
        assertArrayEquals(model.itemIds(), back.itemIds());
        assertArrayEquals(model.userFactorArray(), back.userFactorArray());
        assertArrayEquals(model.itemFactorArray(), back.itemFactorArray());
        assertArrayEquals(model.userBiasArray(), back.userBiasArray());
        assertArrayEquals(model.itemBiasArray(), back.itemBiasArray());
        assertEquals(model.mean(), back.mean());
        assertEquals(model.lambda(), back.lambda());
        assertEquals(-1, back.userIndex("u4"));
        assertEquals(model.predict("u1", "i2"), back.predict("u1", "i2"));
        assertArrayEquals(bytes, ModelCodec.encode(back));
        // Header, dimensions, ids, 4 float arrays and the checksum: nothing else.
        assertEquals(7 + 12 + 16 + idBytes(model.userIds()) + idBytes(model.itemIds())
                + 4 * (40 + 20 + 40 * 5 + 20 * 5) + 4, bytes.length);
    }

    @Test
    void implicitAlsRoundTrips() throws InterruptedException {
        Interactions data = Synthetic.implicit(30, 15, 4);
        ImplicitAlsModel model = ImplicitAls.train(data, new AlsParams(4, 3, 0.2, 3, 1, 1, 2, true),
                ProgressListener.NONE);
        ImplicitAlsModel back = assertInstanceOf(ImplicitAlsModel.class, ModelCodec.decode(ModelCodec.encode(model)));
        assertArrayEquals(model.userFactorArray(), back.userFactorArray());
        assertArrayEquals(model.itemFactorArray(), back.itemFactorArray());
        assertArrayEquals(model.userIds(), back.userIds());
        assertArrayEquals(model.itemIds(), back.itemIds());
        assertEquals(model.lambda(), back.lambda());
        assertEquals(model.alpha(), back.alpha());
        assertTrue(back.scaleLambda());
        assertArrayEquals(model.foldIn(data.itemsOf(2), data.valuesOf(2)),
                back.foldIn(data.itemsOf(2), data.valuesOf(2)));
    }

    @Test
    void easeRoundTripsWithUnicodeIds() throws InterruptedException {
        Interactions data = Interactions.builder().add("ü", "café", 1).add("ü", "日本", 1).add("v", "café", 1)
                .add("v", "", 1).build(Interactions.Duplicates.SUM);
        EaseModel model = Ease.train(data, new EaseParams(2, 100, 1), ProgressListener.NONE);
        EaseModel back = assertInstanceOf(EaseModel.class, ModelCodec.decode(ModelCodec.encode(model)));
        assertArrayEquals(model.itemIds(), back.itemIds());
        assertArrayEquals(model.weightArray(), back.weightArray());
        assertEquals(model.lambda(), back.lambda());
        assertEquals(1, back.itemIndex("日本"));
        assertEquals(2, back.itemIndex(""));
    }

    @Test
    void rejectsDamagedBytes() throws InterruptedException {
        Interactions data = Synthetic.implicit(20, 10, 4);
        byte[] bytes = ModelCodec.encode(Ease.train(data, new EaseParams(2, 100, 1), ProgressListener.NONE));
        byte[] flipped = bytes.clone();
        flipped[bytes.length / 2] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> ModelCodec.decode(flipped));
        assertThrows(IllegalArgumentException.class, () -> ModelCodec.decode(Arrays.copyOf(bytes, bytes.length - 9)));
        assertThrows(IllegalArgumentException.class, () -> ModelCodec.decode(new byte[3]));
        byte[] version = bytes.clone();
        version[5] = 9;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelCodec.decode(version));
        assertTrue(e.getMessage().contains("version 9"), e.getMessage());
    }

    private static int idBytes(String[] ids) {
        int n = 0;
        for (String id : ids) {
            n += 4 + (id == null ? 0 : id.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        }
        return n;
    }
}
