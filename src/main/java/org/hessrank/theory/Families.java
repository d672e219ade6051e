package org.hessrank.theory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hessrank.net.Activation;
import org.hessrank.net.Architecture;
import org.hessrank.net.Extent;
import org.hessrank.net.Layer;
import org.hessrank.net.Shape;

/**
 * Which docs/theorems.md family an {@link Architecture} belongs to, decided exactly from its layers, and
 * the sizes the formulas use. {@code flatten} and {@code linear} layers are identities and are
 * skipped everywhere; any other layer outside a family's list puts the net outside the family.
 *
 * <table>
 * <caption>Families</caption>
 * <tr><th>family</th><th>layers (after dropping flatten / linear)</th></tr>
 * <tr><td>{@link Structure#FC_LINEAR}</td><td>{@code L >= 2} dense layers, none with bias, any input
 *     shape (d = its flat size)</td></tr>
 * <tr><td>{@link Structure#FC_LINEAR_BIAS}</td><td>{@code L >= 2} dense layers, every one with bias</td></tr>
 * <tr><td>{@link Structure#RELU_ONE_HIDDEN}</td><td>{@code dense(M) -> relu -> dense(K)}, no biases
 *     (plain ReLU, not leaky)</td></tr>
 * <tr><td>{@link Structure#CNN_ONE_HIDDEN}</td><td>signal or image input, {@code conv(m)} then a
 *     readout {@code conv(K)} (all-conv) or {@code dense(K)} (FC readout); every conv stride 1, pad
 *     0, no bias; the dense without bias</td></tr>
 * <tr><td>{@link Structure#CNN_DEEP}</td><td>as above with {@code L >= 3} parameter layers (L − 1
 *     hidden conv layers)</td></tr>
 * <tr><td>{@link Structure#LOCAL_FC}</td><td>signal input, {@code local(m, k)} with stride 1, pad 0,
 *     no bias, then {@code dense(K)} without bias</td></tr>
 * </table>
 * Cost: O(layers). Nothing is modified.
 */
public final class Families {
    private Families() {
    }

    /**
     * The structural families of docs/theorems.md, as {@link #detect} recognises them (not to be confused
     * with {@code verify.Family}, the generators' families).
     */
    public enum Structure { FC_LINEAR, FC_LINEAR_BIAS, RELU_ONE_HIDDEN, CNN_ONE_HIDDEN, CNN_DEEP, LOCAL_FC, OTHER }

    /** The family of {@code a} ({@link Structure#OTHER} if none). The families are disjoint. */
    public static Structure detect(Architecture a) {
        Optional<Fc> fc = fullyConnected(a);
        if (fc.isPresent()) {
            return fc.get().bias() ? Structure.FC_LINEAR_BIAS : Structure.FC_LINEAR;
        }
        if (oneHiddenRelu(a).isPresent()) {
            return Structure.RELU_ONE_HIDDEN;
        }
        Optional<Cnn> cnn = linearCnn(a);
        if (cnn.isPresent()) {
            return cnn.get().depth() == 2 ? Structure.CNN_ONE_HIDDEN : Structure.CNN_DEEP;
        }
        if (localFc(a).isPresent()) {
            return Structure.LOCAL_FC;
        }
        return Structure.OTHER;
    }

    /**
     * A deep linear fully connected net: widths {@code M_0 = d, M_1 … M_{L−1} (hidden), M_L = K}.
     *
     * @param widths M_0 … M_L (unmodifiable)
     * @param bias whether every layer has a bias (otherwise none has)
     */
    public record Fc(List<Integer> widths, boolean bias) {
        public Fc {
            widths = List.copyOf(widths);
        }

        /** L, the number of weight matrices. */
        public int depth() {
            return widths.size() - 1;
        }

        /** d = M_0. */
        public int inputSize() {
            return widths.get(0);
        }

        /** K = M_L. */
        public int outputSize() {
            return widths.get(widths.size() - 1);
        }

        /** M_l. */
        public int width(int l) {
            return widths.get(l);
        }

        /** ΣM: the sum of the hidden widths M_1 … M_{L−1}. */
        public long hiddenSum() {
            long s = 0;
            for (int l = 1; l < depth(); l++) {
                s += widths.get(l);
            }
            return s;
        }

        /** min(M_1 … M_{L−1}), or {@code Integer.MAX_VALUE} if L = 1. */
        public int minHidden() {
            int m = Integer.MAX_VALUE;
            for (int l = 1; l < depth(); l++) {
                m = Math.min(m, widths.get(l));
            }
            return m;
        }
    }

    /**
     * The sizes of a deep linear fully connected net (family FC_LINEAR or FC_LINEAR_BIAS), or empty.
     */
    public static Optional<Fc> fullyConnected(Architecture a) {
        Objects.requireNonNull(a, "architecture");
        List<Integer> widths = new ArrayList<>();
        widths.add(a.input().size());
        int withBias = 0;
        for (Layer l : core(a)) {
            if (!(l instanceof Layer.Dense d)) {
                return Optional.empty();
            }
            widths.add(d.units());
            withBias += d.bias() ? 1 : 0;
        }
        int depth = widths.size() - 1;
        if (depth < 2 || (withBias != 0 && withBias != depth)) {
            return Optional.empty();
        }
        return Optional.of(new Fc(widths, withBias == depth));
    }

    /**
     * One hidden ReLU layer {@code dense(M) -> relu -> dense(K)} without biases.
     *
     * @param inputSize d
     * @param hidden M
     * @param outputSize K
     */
    public record Relu1(int inputSize, int hidden, int outputSize) {
    }

    /** The sizes of a one-hidden-ReLU-layer net (family RELU_ONE_HIDDEN), or empty. */
    public static Optional<Relu1> oneHiddenRelu(Architecture a) {
        Objects.requireNonNull(a, "architecture");
        List<Layer> c = core(a);
        if (c.size() == 3 && c.get(0) instanceof Layer.Dense d1 && !d1.bias()
                && c.get(1) instanceof Layer.Act act && act.activation().kind() == Activation.Kind.RELU
                && c.get(2) instanceof Layer.Dense d2 && !d2.bias()) {
            return Optional.of(new Relu1(a.input().size(), d1.units(), d2.units()));
        }
        return Optional.empty();
    }

    /**
     * One layer of a linear CNN in docs/theorems.md's notation: {@code m_in → m_out} channels, kernel
     * {@code kh × kw} (kh = 1 in 1D) on an {@code inH × inW} input ({@code inH = 1} in 1D), giving
     * {@code outH × outW} positions. An FC readout is recorded as the conv whose kernel covers its
     * whole input ({@code k = d_{L−1}}, one output position).
     *
     * @param layerIndex the layer's number in the architecture (from 1)
     */
    public record ConvSize(int layerIndex, int inChannels, int outChannels, int kernelH, int kernelW, int inH, int inW,
            int outH, int outW) {
        /** Kernel taps k (1D) or k_h·k_w (2D). */
        public int taps() {
            return kernelH * kernelW;
        }

        /** Input positions d_in (or h·w). */
        public int inPositions() {
            return inH * inW;
        }

        /** Output positions d_out (or h_o·w_o). */
        public int outPositions() {
            return outH * outW;
        }
    }

    /**
     * A linear CNN with stride 1, no padding and no biases (families CNN_ONE_HIDDEN, CNN_DEEP).
     *
     * @param twoD whether the input is an image
     * @param layers the L parameter layers, the last one the readout (unmodifiable)
     * @param fcReadout whether the readout is a dense layer
     */
    public record Cnn(boolean twoD, List<ConvSize> layers, boolean fcReadout) {
        public Cnn {
            layers = List.copyOf(layers);
        }

        /** L, the number of parameter layers. */
        public int depth() {
            return layers.size();
        }

        /** Layer l (1 … L). */
        public ConvSize layer(int l) {
            return layers.get(l - 1);
        }

        /** m_0. */
        public int inputChannels() {
            return layers.get(0).inChannels();
        }

        /** K, the readout's output channels. */
        public int outputChannels() {
            return layers.get(layers.size() - 1).outChannels();
        }

        /** m_l, the channels after layer l (m_0 for l = 0). */
        public int channels(int l) {
            return l == 0 ? inputChannels() : layer(l).outChannels();
        }

        /** d_0: input positions. */
        public int inputPositions() {
            return layers.get(0).inPositions();
        }
    }

    /** The sizes of a linear CNN (stride 1, pad 0, no bias; 1D or 2D; all-conv or FC readout), or empty. */
    public static Optional<Cnn> linearCnn(Architecture a) {
        Objects.requireNonNull(a, "architecture");
        Shape in = a.input();
        if (in.kind() == Shape.Kind.VECTOR) {
            return Optional.empty();
        }
        boolean twoD = in.kind() == Shape.Kind.IMAGE;
        List<ConvSize> sizes = new ArrayList<>();
        boolean fcReadout = false;
        int params = 0;
        for (int i = 1; i <= a.layerCount(); i++) {
            Layer l = a.layer(i);
            if (skippable(l)) {
                continue;
            }
            if (fcReadout) {
                return Optional.empty(); // nothing may follow the dense readout
            }
            Shape s = a.shape(i - 1);
            Shape o = a.shape(i);
            if (l instanceof Layer.Conv c) {
                if (!c.stride().equals(Extent.of(1)) || !c.padding().equals(Extent.of(0)) || c.bias()) {
                    return Optional.empty();
                }
                sizes.add(new ConvSize(i, s.channels(), c.channels(), twoD ? c.kernel().height() : 1,
                        c.kernel().width(), s.height(), s.width(), o.height(), o.width()));
            } else if (l instanceof Layer.Dense d && !d.bias() && params >= 1) {
                Shape last = a.shape(sizes.get(sizes.size() - 1).layerIndex());
                sizes.add(new ConvSize(i, last.channels(), d.units(), last.height(), last.width(), last.height(),
                        last.width(), 1, 1));
                fcReadout = true;
            } else {
                return Optional.empty();
            }
            params++;
        }
        if (sizes.size() < 2) {
            return Optional.empty();
        }
        return Optional.of(new Cnn(twoD, sizes, fcReadout));
    }

    /**
     * A locally connected layer with an FC readout (LCN-F).
     *
     * @param inputChannels m_0
     * @param inputLength d_0
     * @param channels m
     * @param kernel k
     * @param positions d_1 = d_0 − k + 1
     * @param outputSize K
     */
    public record Lcn(int inputChannels, int inputLength, int channels, int kernel, int positions, int outputSize) {
    }

    /** The sizes of a {@code local(m,k) -> dense(K)} net (stride 1, pad 0, no biases), or empty. */
    public static Optional<Lcn> localFc(Architecture a) {
        Objects.requireNonNull(a, "architecture");
        List<Layer> c = core(a);
        if (a.input().kind() == Shape.Kind.SIGNAL && c.size() == 2 && c.get(0) instanceof Layer.Local lc
                && lc.stride() == 1 && lc.padding() == 0 && !lc.bias()
                && c.get(1) instanceof Layer.Dense d && !d.bias()) {
            int d0 = a.input().length();
            return Optional.of(new Lcn(a.input().channels(), d0, lc.channels(), lc.kernel(), d0 - lc.kernel() + 1,
                    d.units()));
        }
        return Optional.empty();
    }

    /**
     * {@code base} with every hidden width set to {@code width}: the units of every dense layer
     * but the last parameter layer, and the channels of every conv / local layer but the last
     * parameter layer (FC-SQRT, CNN-SQRT sweeps). Other layers are kept.
     *
     * @throws IllegalArgumentException if {@code width <= 0} or the result is not a valid architecture
     */
    public static Architecture withHiddenWidth(Architecture base, int width) {
        Objects.requireNonNull(base, "base");
        if (width <= 0) {
            throw new IllegalArgumentException("width (" + width + ") must be > 0");
        }
        int last = 0;
        for (int i = 1; i <= base.layerCount(); i++) {
            if (base.layer(i).hasParameters()) {
                last = i;
            }
        }
        List<Layer> out = new ArrayList<>();
        for (int i = 1; i <= base.layerCount(); i++) {
            Layer l = base.layer(i);
            if (i != last) {
                if (l instanceof Layer.Dense d) {
                    l = Layer.dense(width, d.bias());
                } else if (l instanceof Layer.Conv c) {
                    l = Layer.conv(width, c.kernel(), c.stride(), c.padding(), c.bias());
                } else if (l instanceof Layer.Local lc) {
                    l = Layer.local(width, lc.kernel(), lc.stride(), lc.padding(), lc.bias());
                }
            }
            out.add(l);
        }
        return Architecture.of(base.input(), out);
    }

    /** The layers with flatten and linear activations dropped. */
    static List<Layer> core(Architecture a) {
        List<Layer> out = new ArrayList<>();
        for (Layer l : a.layers()) {
            if (!skippable(l)) {
                out.add(l);
            }
        }
        return out;
    }

    private static boolean skippable(Layer l) {
        return l instanceof Layer.Flatten
                || (l instanceof Layer.Act act && act.activation().kind() == Activation.Kind.LINEAR);
    }
}
