package org.hessrank.hessian;

import java.util.Objects;

/**
 * The rank a part is expected to reach at a point, and who says so (a statement id), for the
 * progress line's estimate of the time left on long matrix-free runs. Only progress reads it: a
 * forecast never enters a result.
 */
@FunctionalInterface
public interface RankForecast {
    /** No forecasts. */
    RankForecast NONE = (at, part) -> null;

    /** A forecast: {@code rank} as predicted by {@code source} (e.g. {@code FC-L}). */
    record Forecast(long rank, String source) {
        public Forecast {
            Objects.requireNonNull(source, "source");
            if (rank < 0) {
                throw new IllegalArgumentException("rank (" + rank + ") must be >= 0");
            }
        }
    }

    /** The expected rank of {@code part} at {@code at}, or null if nothing predicts it. */
    Forecast forecast(EvaluatedPoint at, Part part);
}
