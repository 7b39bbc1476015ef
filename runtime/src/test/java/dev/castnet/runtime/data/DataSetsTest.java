package dev.castnet.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSetsTest {
    @TempDir
    Path dir;

    @Test
    void digitsByName() {
        DataSets.Loaded d = DataSets.load("digits");
        assertEquals(1797, d.train().size());
        assertNull(d.test());
    }

    @Test
    void csvWithDetectedHeaderAndNamedLabel() throws IOException {
        Path p = Files.writeString(dir.resolve("iris.csv"), "species,len\n1,4.5\n0,3.25\n");
        DataSets.Loaded d = DataSets.load(p + "#species");
        assertArrayEquals(new int[] {1, 0}, d.train().labels());
        assertArrayEquals(new float[] {4.5f, 3.25f}, d.train().x());
        Path q = Files.writeString(dir.resolve("plain.csv"), "4.5,1\n3.25,0\n");
        assertArrayEquals(new int[] {1, 0}, DataSets.load(q.toString()).train().labels());
    }

    @Test
    void unknownSourceSaysWhatWouldWork() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataSets.load("digitz"));
        assertEquals("--data digitz: no such file or folder; expected digits, fashion-mnist, a folder of IDX files or"
                + " of images, or a .csv file", e.getMessage());
    }
}
