package dev.castnet.bench;

import dev.castnet.runtime.TrainableNetwork;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The generated conv and LSTM networks of {@code fashion_seq.nn} (the PyTorch baselines' nets) as a user calls
 * them: one {@code trainStep} on a batch of 64 Fashion-sized inputs, a {@code forward} of 64 samples in inference
 * mode and a one-sample {@code predict}; average time per call. Run with and without
 * {@code --add-modules jdk.incubator.vector}: {@code java -jar bench/target/benchmarks.jar SeqNetworkBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class SeqNetworkBenchmark extends NetworkCalls {
    @Param({"cnn", "lstm"})
    public String net;

    @Override
    TrainableNetwork create() {
        return net.equals("cnn") ? new FashionCnnBench(BATCH, 42) : new FashionLstmBench(BATCH, 42);
    }
}
