package dev.castnet.bench;

import dev.castnet.runtime.TrainableNetwork;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The generated {@code FashionMlp} (784-256-128-10 ReLU, softmax + cross-entropy, Adam) as a user calls it: one
 * {@code trainStep} on a batch of 64, a {@code forward} of 64 samples in inference mode, and a one-sample
 * {@code predict}; average time per call. Run with and without {@code --add-modules jdk.incubator.vector}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class NetworkBenchmark extends NetworkCalls {
    @Override
    TrainableNetwork create() {
        return new FashionMlp(BATCH, 42);
    }
}
