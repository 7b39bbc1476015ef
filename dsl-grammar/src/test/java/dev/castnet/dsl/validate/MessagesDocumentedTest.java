package dev.castnet.dsl.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The user documentation's list of messages ({@code docs/messages.md}) holds every {@link Message} word for word, so
 * a new or reworded message cannot leave the page behind.
 */
class MessagesDocumentedTest {

    static Path page() {
        String root = System.getProperty("castnet.root");
        return (root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize()).resolve("docs/messages.md");
    }

    /** The table row a message has on the page: its constant, then its text as a code span. */
    static String row(String constant, String text) {
        return "| `" + constant + "` | `` " + text.replace("\n", "\\n").replace("|", "\\|") + " `` |";
    }

    /** The messages whose row is missing from {@code lines} (or differs from the source). */
    static List<String> undocumented(List<String> lines) {
        List<String> missing = new ArrayList<>();
        for (Message m : Message.values()) {
            String row = row(m.name(), m.text());
            if (lines.stream().noneMatch(l -> l.startsWith(row))) missing.add(m.name() + ": " + row);
        }
        return missing;
    }

    @Test
    void everyMessageIsOnThePageWordForWord() throws IOException {
        assertEquals(List.of(), undocumented(Files.readAllLines(page())), "messages missing from " + page());
    }

    @Test
    void aMissingOrRewordedMessageIsFound() {
        Message a = Message.values()[0];
        Message b = Message.values()[1];
        List<String> lines = new ArrayList<>();
        lines.add(row(a.name(), a.text() + " (reworded)") + " note |");
        for (Message m : Message.values()) if (m != a && m != b) lines.add(row(m.name(), m.text()) + " |");
        List<String> missing = undocumented(lines);
        assertEquals(2, missing.size(), missing.toString());
        assertTrue(missing.get(0).startsWith(a.name() + ": "), missing.toString());
        assertTrue(missing.get(1).startsWith(b.name() + ": "), missing.toString());
    }
}
