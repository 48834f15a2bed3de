package dev.persona.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RatingErrorsTest {

    @Test
    void handComputedRmseAndMae() {
        RatingErrors errors = new RatingErrors();
        errors.add(4, 5);
        errors.add(3, 1);
        errors.add(2.5, 2.5);
        assertEquals(3, errors.count());
        assertEquals(Math.sqrt((1 + 4 + 0) / 3.0), errors.rmse(), 1e-12);
        assertEquals((1 + 2 + 0) / 3.0, errors.mae(), 1e-12);
    }

    @Test
    void nothingAddedIsNaN() {
        assertTrue(Double.isNaN(new RatingErrors().rmse()));
        assertTrue(Double.isNaN(new RatingErrors().mae()));
    }
}
