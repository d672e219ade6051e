package org.hessrank.net;

/**
 * A kernel size, stride or padding: {@code height × width}. In specs a square extent is written
 * as one number ({@code 3}) and any other as {@code 3x2} (height x width). On a 1D signal only
 * square extents are allowed and the single number is the 1D size. Immutable value type.
 *
 * @param height the vertical extent
 * @param width the horizontal extent (the 1D extent on signals)
 */
public record Extent(int height, int width) {
    /** A square extent {@code n × n}. */
    public static Extent of(int n) {
        return new Extent(n, n);
    }

    /** The extent {@code height × width}. */
    public static Extent of(int height, int width) {
        return new Extent(height, width);
    }

    /** True if height equals width (writable as a single number; usable in 1D). */
    public boolean isSquare() {
        return height == width;
    }

    /** {@code 3} or {@code 3x2}. */
    public String spec() {
        return isSquare() ? Integer.toString(width) : height + "x" + width;
    }

    @Override
    public String toString() {
        return spec();
    }
}
