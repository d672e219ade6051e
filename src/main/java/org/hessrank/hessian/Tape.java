package org.hessrank.hessian;

/**
 * The values of a network at a point that the Hessian algorithm reads, in one number system:
 * θ, and per stage the coefficients its rule needs. Per-sample values are laid out
 * {@code [unit·N + sample]}, so that one unit of all samples is contiguous.
 *
 * <ul>
 *   <li>{@code theta}: the p parameters;</li>
 *   <li>{@code unit[s]}: the coefficient of a bias of stage s (index s of one array);</li>
 *   <li>{@code coefficients[s]}: per term of a fixed linear stage;</li>
 *   <li>{@code input[s]}: the input of a parameter stage;</li>
 *   <li>{@code slope[s]}, {@code curvature[s]}: σ' and σ'' of an activation stage (curvature null
 *       when σ'' = 0 everywhere, as for (leaky) ReLU with its mask fixed at the point);</li>
 *   <li>{@code signal[s]}: the loss gradient backpropagated to the output of stage s (parameter
 *       stages, and activation stages with curvature), filled by
 *       {@link HessianAlgorithm#backpropagate}.</li>
 * </ul>
 *
 * Mutable while it is being filled, then only read (by any number of threads).
 */
final class Tape<V> {
    final int samples;
    final V theta;
    final V unit;
    /** Per stage (index = stage); a small holder so that generic arrays never reach callers. */
    final Slots<V> coefficients;
    final Slots<V> input;
    final Slots<V> slope;
    final Slots<V> curvature;
    final Slots<V> signal;

    Tape(int stages, int samples, V theta, V unit) {
        this.samples = samples;
        this.theta = theta;
        this.unit = unit;
        this.coefficients = new Slots<>(stages);
        this.input = new Slots<>(stages);
        this.slope = new Slots<>(stages);
        this.curvature = new Slots<>(stages);
        this.signal = new Slots<>(stages);
    }

    /** One value per stage, or null. */
    static final class Slots<V> {
        private final Object[] values;

        Slots(int size) {
            this.values = new Object[size];
        }

        @SuppressWarnings("unchecked")
        V get(int stage) {
            return (V) values[stage];
        }

        void set(int stage, V value) {
            values[stage] = value;
        }
    }
}
