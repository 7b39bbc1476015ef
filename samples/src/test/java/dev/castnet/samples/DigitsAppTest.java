package dev.castnet.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castnet.runtime.train.Progress;
import dev.castnet.runtime.train.TrainResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java sample: an annotated interface trained through the runtime API on the bundled digits. */
class DigitsAppTest {
    @Test
    void annotatedDigitsNetworkReaches95PercentAndWritesItsOutputs(@TempDir Path out) throws IOException {
        TrainResult r = DigitsApp.train(DigitsApp.options().progress(Progress.Mode.NONE)
                .log(new PrintStream(OutputStream.nullOutputStream())), out);
        assertTrue(r.validation().accuracy() >= 0.95, "validation accuracy " + r.validation().accuracy());
        for (String f : new String[] {"model.ckpt", "history.csv", "summary.json", "loss.png", "accuracy.png"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
    }
}
