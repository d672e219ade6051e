package org.hessrank.verify;

import java.util.ArrayList;
import java.util.List;

/**
 * Entry points to the seeded architecture generators, one per family of THEOREMS.md. Each returns
 * a {@link Generator} with default limits (p ≤ 150, depth ≤ 4, channels ≤ 6, N ≤ 12, input ≤ 10)
 * that the fluent {@code max…} methods change, e.g.
 * <pre>{@code
 * Case c = Architectures.deepCnn().maxParameters(300).maxChannels(4).generate(42);
 * }</pre>
 * Public API: usable from any test framework.
 */
public final class Architectures {
    private Architectures() {
    }

    /** Deep linear FC nets without bias (FC-*), 1 to maxDepth weight matrices. */
    public static Generator fullyConnected() {
        return Generator.of(Family.FULLY_CONNECTED);
    }

    /** Deep linear FC nets with a bias in every layer (FCB-*). */
    public static Generator fullyConnectedWithBias() {
        return Generator.of(Family.FULLY_CONNECTED_BIAS);
    }

    /** One hidden 1D conv layer, then a conv or FC readout (CNN1-*). */
    public static Generator oneHiddenCnn1d() {
        return Generator.of(Family.ONE_HIDDEN_CNN_1D);
    }

    /** One hidden 2D conv layer, then a conv or FC readout (CNN1-O-2D, CNN1-F, CNN1-L). */
    public static Generator oneHiddenCnn2d() {
        return Generator.of(Family.ONE_HIDDEN_CNN_2D);
    }

    /** Two or more hidden conv layers (mostly 1D, some 2D), then a conv or FC readout (CNN-D-*). */
    public static Generator deepCnn() {
        return Generator.of(Family.DEEP_CNN);
    }

    /** A locally connected layer and an FC readout (LCN-F). */
    public static Generator locallyConnected() {
        return Generator.of(Family.LOCALLY_CONNECTED);
    }

    /** Dense layers with ReLU between them, mostly one hidden layer (RELU-1H-F). */
    public static Generator reluMlp() {
        return Generator.of(Family.RELU_MLP);
    }

    /** A single conv layer, 1D or 2D, with stride and padding (TOE-*). */
    public static Generator convLayer() {
        return Generator.of(Family.CONV_LAYER);
    }

    /** The generator of a family with default limits. */
    public static Generator of(Family family) {
        return Generator.of(family);
    }

    /** One default generator per family, in {@link Family} order. */
    public static List<Generator> all() {
        List<Generator> out = new ArrayList<>();
        for (Family f : Family.values()) {
            out.add(Generator.of(f));
        }
        return out;
    }
}
