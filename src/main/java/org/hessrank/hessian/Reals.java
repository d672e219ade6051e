package org.hessrank.hessian;

import java.math.BigInteger;
import org.apfloat.Apfloat;
import org.apfloat.FixedPrecisionApfloatHelper;

/**
 * The scalar operations of a real number system for {@link RealNetwork}: IEEE doubles or
 * apfloat at a fixed number of decimal digits (every result rounded to P digits). Scalars are
 * boxed ({@code Double} or {@code Apfloat}); the sizes of the numeric paths (p up to a few
 * thousand in float64, a few hundred in apfloat) make that affordable.
 */
abstract class Reals<T> {
    private final Class<T> type;
    private final T zero;
    private final T one;

    /** A system of boxed scalars of class {@code type} with these 0 and 1. */
    Reals(Class<T> type, T zero, T one) {
        this.type = type;
        this.zero = zero;
        this.one = one;
    }

    /** The boxed scalar class, so that arrays have their true component type. */
    final Class<T> type() {
        return type;
    }

    /** A new array of n zeros. */
    @SuppressWarnings("unchecked")
    final T[] zeros(int n) {
        T[] a = (T[]) java.lang.reflect.Array.newInstance(type(), n);
        java.util.Arrays.fill(a, zero());
        return a;
    }

    /** A new array of n null rows. */
    @SuppressWarnings("unchecked")
    final T[][] rows(int n) {
        return (T[][]) java.lang.reflect.Array.newInstance(type().arrayType(), n);
    }

    @SuppressWarnings("unchecked")
    final T[][][] blocks(int n) {
        return (T[][][]) java.lang.reflect.Array.newInstance(type().arrayType().arrayType(), n);
    }

    final T zero() {
        return zero;
    }

    final T one() {
        return one;
    }

    /** num / den (den &gt; 0), rounded once to this system when it is not representable. */
    abstract T ratio(BigInteger num, BigInteger den);

    abstract T add(T a, T b);

    abstract T sub(T a, T b);

    abstract T mul(T a, T b);

    abstract T div(T a, T b);

    abstract T tanh(T a);

    abstract T exp(T a);

    abstract T log(T a);

    abstract int signum(T a);

    abstract double toDouble(T a);

    /** The same value in this system (re-rounded). */
    abstract T of(T value);

    T of(long v) {
        return ratio(BigInteger.valueOf(v), BigInteger.ONE);
    }

    static final Reals<Double> DOUBLE = new Reals<>(Double.class, 0.0, 1.0) {
        @Override
        Double ratio(BigInteger num, BigInteger den) {
            if (den.equals(BigInteger.ONE)) {
                return num.doubleValue();
            }
            return new java.math.BigDecimal(num).divide(new java.math.BigDecimal(den), java.math.MathContext.DECIMAL128)
                    .doubleValue();
        }

        @Override
        Double add(Double a, Double b) {
            return a + b;
        }

        @Override
        Double sub(Double a, Double b) {
            return a - b;
        }

        @Override
        Double mul(Double a, Double b) {
            return a * b;
        }

        @Override
        Double div(Double a, Double b) {
            return a / b;
        }

        @Override
        Double tanh(Double a) {
            return Math.tanh(a);
        }

        @Override
        Double exp(Double a) {
            return Math.exp(a);
        }

        @Override
        Double log(Double a) {
            return Math.log(a);
        }

        @Override
        int signum(Double a) {
            return a > 0 ? 1 : a < 0 ? -1 : 0;
        }

        @Override
        double toDouble(Double a) {
            return a;
        }

        @Override
        Double of(Double value) {
            return value;
        }
    };

    /** Apfloat at {@code digits} significant decimal digits. */
    static Reals<Apfloat> apfloat(int digits) {
        FixedPrecisionApfloatHelper h = new FixedPrecisionApfloatHelper(digits);
        return new Reals<>(Apfloat.class, new Apfloat(0), h.valueOf(new Apfloat(1))) {
            private final java.math.MathContext exactly = new java.math.MathContext(digits,
                    java.math.RoundingMode.UNNECESSARY);

            @Override
            Apfloat ratio(BigInteger num, BigInteger den) {
                // num/den exact in P digits (integers, and the point's θ/2^a·R, X/R with R a power of 2):
                // the same value as apfloat's division, computed by BigDecimal without apfloat's
                // P-digit Newton division, which took seconds before the JIT had compiled it
                try {
                    return h.valueOf(new Apfloat(new java.math.BigDecimal(num).divide(new java.math.BigDecimal(den),
                            exactly), digits));
                } catch (ArithmeticException inexact) {
                    // not exact in P digits: apfloat's rounding, as before
                }
                return h.divide(new Apfloat(num, digits), new Apfloat(den, digits));
            }

            @Override
            Apfloat add(Apfloat a, Apfloat b) {
                return h.add(a, b);
            }

            @Override
            Apfloat sub(Apfloat a, Apfloat b) {
                return h.subtract(a, b);
            }

            @Override
            Apfloat mul(Apfloat a, Apfloat b) {
                return h.multiply(a, b);
            }

            @Override
            Apfloat div(Apfloat a, Apfloat b) {
                return h.divide(a, b);
            }

            @Override
            Apfloat tanh(Apfloat a) {
                return h.tanh(a);
            }

            @Override
            Apfloat exp(Apfloat a) {
                return h.exp(a);
            }

            @Override
            Apfloat log(Apfloat a) {
                return h.log(a);
            }

            @Override
            int signum(Apfloat a) {
                return a.signum();
            }

            @Override
            double toDouble(Apfloat a) {
                return a.doubleValue();
            }

            @Override
            Apfloat of(Apfloat value) {
                return h.valueOf(value);
            }
        };
    }
}
