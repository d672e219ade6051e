package org.hessrank.net;

/**
 * The shape of a tensor flowing through an {@link Architecture}: a vector {@code (d)}, a 1D
 * signal {@code (C, L)} or an image {@code (C, H, W)}. Flattening is channel-major: entry
 * {@code (c, y, x)} of an image sits at flat index {@code c·H·W + y·W + x}; entry {@code (c, x)}
 * of a signal at {@code c·L + x}. A vector of size d is viewed as d channels of a single
 * position ({@code channels() = d}, {@code height() = width() = 1}); a signal has
 * {@code height() = 1} and {@code width() = length()}. Immutable value type.
 */
public final class Shape {
    /** The three kinds of shape. */
    public enum Kind { VECTOR, SIGNAL, IMAGE }

    private final Kind kind;
    private final int channels;
    private final int height;
    private final int width;
    private final int size;

    private Shape(Kind kind, int channels, int height, int width) {
        this.kind = kind;
        this.channels = channels;
        this.height = height;
        this.width = width;
        try {
            this.size = Math.multiplyExact(Math.multiplyExact(channels, height), width);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("shape " + dims(kind, channels, height, width)
                    + ": size overflows int (" + ((long) channels * height * width) + ")", e);
        }
    }

    /**
     * A vector of {@code d} entries.
     *
     * @throws IllegalArgumentException if {@code d <= 0}
     */
    public static Shape vector(int d) {
        positive("vector size", d);
        return new Shape(Kind.VECTOR, d, 1, 1);
    }

    /**
     * A 1D signal of {@code channels} channels of {@code length} positions.
     *
     * @throws IllegalArgumentException if a size is {@code <= 0} or the total overflows int
     */
    public static Shape signal(int channels, int length) {
        positive("signal channels", channels);
        positive("signal length", length);
        return new Shape(Kind.SIGNAL, channels, 1, length);
    }

    /**
     * An image of {@code channels} channels, {@code height} rows and {@code width} columns.
     *
     * @throws IllegalArgumentException if a size is {@code <= 0} or the total overflows int
     */
    public static Shape image(int channels, int height, int width) {
        positive("image channels", channels);
        positive("image height", height);
        positive("image width", width);
        return new Shape(Kind.IMAGE, channels, height, width);
    }

    private static void positive(String role, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(role + " (" + v + ") must be > 0");
        }
    }

    public Kind kind() {
        return kind;
    }

    /** Channels (for a vector: its size). */
    public int channels() {
        return channels;
    }

    /** Rows of an image; 1 for signals and vectors. */
    public int height() {
        return height;
    }

    /** Columns of an image, length of a signal; 1 for vectors. */
    public int width() {
        return width;
    }

    /** Length of a signal (same as {@link #width()}). */
    public int length() {
        return width;
    }

    /** Number of entries once flattened. */
    public int size() {
        return size;
    }

    /** Index of entry (c, y, x) in the channel-major flattening. */
    public int index(int c, int y, int x) {
        return (c * height + y) * width + x;
    }

    /** The flattened shape: a vector of {@link #size()} entries. */
    public Shape flatten() {
        return kind == Kind.VECTOR ? this : vector(size);
    }

    /** Dimensions as written in a spec: {@code (6)}, {@code (1,10)}, {@code (1,5,5)}. */
    public String dims() {
        return dims(kind, channels, height, width);
    }

    private static String dims(Kind kind, int c, int h, int w) {
        return switch (kind) {
            case VECTOR -> "(" + c + ")";
            case SIGNAL -> "(" + c + "," + w + ")";
            case IMAGE -> "(" + c + "," + h + "," + w + ")";
        };
    }

    /** Spec form: {@code in(6)}, {@code in(1,10)}, {@code in(1,5,5)}. */
    public String spec() {
        return "in" + dims();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && s.kind == kind && s.channels == channels && s.height == height
                && s.width == width;
    }

    @Override
    public int hashCode() {
        return ((kind.hashCode() * 31 + channels) * 31 + height) * 31 + width;
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + dims();
    }
}
