package dev.castnet.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void labelByNameWithHeader() throws IOException {
        Path p = write("iris.csv", "a,species,b\n1.5,2,3\n\n-4,0,\"5e-1\"\r\n");
        Dataset d = new CsvReader().header(true).labelColumn("species").classes(3).read(p);
        assertEquals("iris", d.name());
        assertEquals(2, d.size());
        assertEquals(2, d.features());
        assertArrayEquals(new float[] {1.5f, 3f, -4f, 0.5f}, d.x());
        assertArrayEquals(new int[] {2, 0}, d.labels());
        assertEquals(3, d.classes());
    }

    @Test
    void labelByIndexWithoutHeaderInfersClasses() throws IOException {
        Path p = write("d.csv", "4,1,2\n3,0,5\n");
        Dataset d = new CsvReader().labelColumn(0).read(p);
        assertArrayEquals(new int[] {4, 3}, d.labels());
        assertEquals(5, d.classes());
        assertArrayEquals(new float[] {1, 2, 0, 5}, d.x());
    }

    @Test
    void nonNumericCellNamesLineColumnAndCell() throws IOException {
        Path p = write("bad.csv", "x,y,label\n1,2,0\n3,abc,1\n");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> new CsvReader().header(true).labelColumn("label").read(p));
        assertEquals(p + ":3:3: field 2 is not a finite number: 'abc'", e.getMessage());
    }

    @Test
    void labelOutOfRangeNamesTheLine() throws IOException {
        Path p = write("r.csv", "1,0\n2,1\n3,7\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> new CsvReader().classes(3).read(p));
        assertEquals(p + ":3:3: label 7 outside [0, 3) (3 classes)", e.getMessage());
    }

    @Test
    void fractionalLabelIsRefused() throws IOException {
        Path p = write("f.csv", "1,0.5\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> new CsvReader().read(p));
        assertEquals(p + ":1:3: label (field 2) must be a class index 0, 1, 2, ..., got '0.5'", e.getMessage());
    }

    @Test
    void raggedRowIsRefused() throws IOException {
        Path p = write("g.csv", "1,2,0\n1,0\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> new CsvReader().read(p));
        assertEquals(p + ":2:1: expected 3 columns like the first line, got 2", e.getMessage());
    }

    @Test
    void unknownLabelNameListsColumns() throws IOException {
        Path p = write("h.csv", "a,b\n1,0\n");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> new CsvReader().header(true).labelColumn("class").read(p));
        assertEquals(p + ":1:1: no column named 'class'; columns: a, b", e.getMessage());
    }
}
