package dev.castnet.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The kernels' JVM properties: defaults when unset, the value when valid, an error naming the property otherwise. */
class KernelSettingsTest {
    private static final String NAME = "castnet.test.setting";

    @AfterEach
    void clear() {
        System.clearProperty(NAME);
    }

    @Test
    void flagsTakeTrueOrFalseOnly() {
        assertTrue(KernelSettings.flag(NAME, true), "unset: the default");
        assertFalse(KernelSettings.flag(NAME, false), "unset: the default");
        System.setProperty(NAME, " FALSE ");
        assertFalse(KernelSettings.flag(NAME, true));
        System.setProperty(NAME, "true");
        assertTrue(KernelSettings.flag(NAME, false));
        for (String bad : new String[] {"flase", "", "0", "yes"}) {
            System.setProperty(NAME, bad);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelSettings.flag(NAME, true));
            assertEquals("-D" + NAME + "=" + bad + ": expected true or false", e.getMessage());
        }
    }

    @Test
    void wholeNumbersTakeWholeNumbersFromTheLeast() {
        assertEquals(7, KernelSettings.whole(NAME, 7, 1, "steps"), "unset: the default");
        System.setProperty(NAME, " 65536 ");
        assertEquals(65536, KernelSettings.whole(NAME, 7, 1, "steps"));
        System.setProperty(NAME, "0");
        assertEquals(0, KernelSettings.whole(NAME, 7, 0, "steps"), "the least value is allowed");
        for (String bad : new String[] {"0", "-3", "abc", "1.5", ""}) {
            System.setProperty(NAME, bad);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> KernelSettings.whole(NAME, 7, 1, "steps"));
            assertEquals("-D" + NAME + "=" + bad + ": expected a whole number of steps, at least 1", e.getMessage());
        }
    }
}
