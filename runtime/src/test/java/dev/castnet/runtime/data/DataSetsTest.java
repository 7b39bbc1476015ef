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

    @Test
    void aLabelTheNetworkCannotPredictIsLocated() throws IOException {
        Path p = Files.writeString(dir.resolve("points.csv"), "a,b,label\n0.1,0.2,0\n0.3,0.4,1\n0.5,0.6,200\n");
        // without a network's class count, 200 only makes 201 classes
        assertEquals(201, DataSets.load(p.toString()).train().classes());
        DataFormatException e = assertThrows(DataFormatException.class, () -> DataSets.load(p.toString(), null, 2, note -> { }));
        assertEquals(p + ":4:9: label 200 outside [0, 2) (2 classes)", e.getMessage());
    }
}
