package dev.castnet.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The user documentation's list of messages ({@code docs/messages.md}) holds every message of the processor's own
 * {@link Message} word for word (the language's are checked in castnet-dsl).
 */
class MessagesDocumentedTest {

    private static Path page() {
        String root = System.getProperty("castnet.root");
        return (root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize()).resolve("docs/messages.md");
    }

    /** A message's pattern; the enum keeps it private, as nothing but its own {@code format} needs it. */
    private static String text(Message m) throws ReflectiveOperationException {
        Field f = Message.class.getDeclaredField("format");
        f.setAccessible(true);
        return (String) f.get(m);
    }

    @Test
    void everyMessageIsOnThePageWordForWord() throws IOException, ReflectiveOperationException {
        List<String> lines = Files.readAllLines(page());
        List<String> missing = new ArrayList<>();
        for (Message m : Message.values()) {
            String row = "| `" + m.name() + "` | `` " + text(m).replace("\n", "\\n").replace("|", "\\|") + " `` |";
            if (lines.stream().noneMatch(l -> l.startsWith(row))) missing.add(m.name() + ": " + row);
        }
        assertEquals(List.of(), missing, "messages missing from " + page());
    }
}
