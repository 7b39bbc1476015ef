package dev.castnet.runtime.checkpoint;

import dev.castnet.runtime.testing.SoftmaxRegression;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Child process for {@link CheckpointTest}: writes checkpoints of a large network to {@code args[0]} in an
 * endless loop, every parameter set to the round number, and prints the number after each completed write.
 */
public final class CheckpointWriterMain {
    public static void main(String[] args) throws Exception {
        Path path = Path.of(args[0]);
        SoftmaxRegression net = new SoftmaxRegression("Big", 1000, 500, 1, 1, 0.1, 0.9, 0);
        double[] w = new double[1000 * 500];
        for (int round = 1; ; round++) {
            Arrays.fill(w, round);
            net.parameters().write("dense0.weight", w);
            Checkpoint.capture(net).write(path);
            System.out.println(round);
            System.out.flush();
        }
    }
}
