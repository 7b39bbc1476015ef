package dev.castnet.experiments;

import dev.castnet.runtime.DenseLayer;
import dev.castnet.runtime.TrainableNetwork;
import java.util.List;

/** The ten-layer networks of {@link InitVarianceExperiment}, one annotated interface per initialization. */
final class InitDepth {
    static final int WIDTH = 256;
    static final int DEPTH = 10;

    /** One network of the comparison: its name in the figures, the activation, and a live view of each hidden layer. */
    record Net(String label, String activation, TrainableNetwork net, List<DenseLayer> layers) {}

    private InitDepth() {}

    static List<Net> all(int batch, long seed) {
        return List.of(
                tanh("N(0, 0.01²)", new TanhSmallNet(batch, seed)),
                tanh("N(0, 1)", new TanhLargeNet(batch, seed)),
                tanh("Xavier, gain 1", new TanhXavierNet(batch, seed)),
                tanh("Xavier, gain 4", new TanhXavierGain4Net(batch, seed)),
                tanh("He", new TanhHeNet(batch, seed)),
                sigmoid("N(0, 0.01²)", new SigmoidSmallNet(batch, seed)),
                sigmoid("N(0, 1)", new SigmoidLargeNet(batch, seed)),
                sigmoid("Xavier, gain 4", new SigmoidXavierNet(batch, seed)),
                sigmoid("Xavier, gain 1", new SigmoidXavierGain1Net(batch, seed)),
                sigmoid("He", new SigmoidHeNet(batch, seed)));
    }

    private static Net tanh(String label, TrainableNetwork n) {
        return new Net(label, "tanh", n, views(n));
    }

    private static Net sigmoid(String label, TrainableNetwork n) {
        return new Net(label, "sigmoid", n, views(n));
    }

    /** The ten hidden layers, through the interface each generated class implements. */
    private static List<DenseLayer> views(TrainableNetwork n) {
        if (n instanceof TanhSmall t) return List.of(t.layer1(), t.layer2(), t.layer3(), t.layer4(), t.layer5(), t.layer6(), t.layer7(), t.layer8(), t.layer9(), t.layer10());
        if (n instanceof TanhLarge t) return List.of(t.layer1(), t.layer2(), t.layer3(), t.layer4(), t.layer5(), t.layer6(), t.layer7(), t.layer8(), t.layer9(), t.layer10());
        if (n instanceof TanhXavier t) return List.of(t.layer1(), t.layer2(), t.layer3(), t.layer4(), t.layer5(), t.layer6(), t.layer7(), t.layer8(), t.layer9(), t.layer10());
        if (n instanceof TanhXavierGain4 t) return List.of(t.layer1(), t.layer2(), t.layer3(), t.layer4(), t.layer5(), t.layer6(), t.layer7(), t.layer8(), t.layer9(), t.layer10());
        if (n instanceof TanhHe t) return List.of(t.layer1(), t.layer2(), t.layer3(), t.layer4(), t.layer5(), t.layer6(), t.layer7(), t.layer8(), t.layer9(), t.layer10());
        if (n instanceof SigmoidSmall t) return List.of(t.layer1(), t.layer2(), t.layer3(), t.layer4(), t.layer5(), t.layer6(), t.layer7(), t.layer8(), t.layer9(), t.layer10());
        if (n instanceof SigmoidLarge t) return List.of(t.layer1(), t.layer2(), t.layer3(), t.layer4(), t.layer5(), t.layer6(), t.layer7(), t.layer8(), t.layer9(), t.layer10());
        if (n instanceof SigmoidXavier t) return List.of(t.layer1(), t.layer2(), t.layer3(), t.layer4(), t.layer5(), t.layer6(), t.layer7(), t.layer8(), t.layer9(), t.layer10());
        if (n instanceof SigmoidXavierGain1 t) return List.of(t.layer1(), t.layer2(), t.layer3(), t.layer4(), t.layer5(), t.layer6(), t.layer7(), t.layer8(), t.layer9(), t.layer10());
        if (n instanceof SigmoidHe t) return List.of(t.layer1(), t.layer2(), t.layer3(), t.layer4(), t.layer5(), t.layer6(), t.layer7(), t.layer8(), t.layer9(), t.layer10());
        throw new IllegalArgumentException("not one of the init networks: " + n.networkName());
    }
}
