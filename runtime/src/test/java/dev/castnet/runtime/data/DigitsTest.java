package dev.castnet.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DigitsTest {
    @Test
    void bundledDigitsLoad() {
        Dataset d = Digits.load();
        assertEquals(1797, d.size());
        assertEquals(64, d.features());
        assertEquals(10, d.classes());
        assertEquals(new ImageShape(8, 8, 1), d.image());
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        for (float v : d.x()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(0f, min);
        assertEquals(16f, max);
        // the first row of the UCI file is a 0
        assertEquals(0, d.labels()[0]);
        assertEquals(5f, d.x()[2]);
    }

    @Test
    void stratifiedSplitKeepsEachClassShare() {
        Dataset d = Digits.load();
        Split s = Split.stratified(d, 0.2, 7);
        int[] all = d.classCounts(), val = s.validation().classCounts(), train = s.train().classCounts();
        for (int c = 0; c < 10; c++) {
            assertEquals(Math.round(0.2 * all[c]), val[c], "class " + c);
            assertEquals(all[c], val[c] + train[c]);
        }
        assertEquals(d.size(), s.train().size() + s.validation().size());
    }

    @Test
    void splitIsSeeded() {
        Dataset d = Digits.load();
        Split a = Split.stratified(d, 0.1, 1), b = Split.stratified(d, 0.1, 1), c = Split.stratified(d, 0.1, 2);
        assertArrayEquals(a.validation().x(), b.validation().x());
        assertNotEquals(a.validation(), c.validation());
        assertTrue(a.validation().size() > 150 && a.validation().size() < 210);
    }
}
