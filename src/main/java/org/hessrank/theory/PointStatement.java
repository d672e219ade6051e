package org.hessrank.theory;

import java.util.OptionalLong;
import org.hessrank.hessian.Point;
import org.hessrank.net.Architecture;

/**
 * A statement that is not a rank formula but an exact identity at a point (FC-NULL: given
 * directions lie in the null space of H_O; TOE-SHAPE: a conv layer is the linear map T(W)x with
 * the stated output size). {@link #check} decides it exactly (deterministically, over ℤ) at a
 * point; {@link #predict(Instance)} is always empty.
 */
public non-sealed interface PointStatement extends Statement {
    /**
     * Decides the statement at {@code point}.
     *
     * @throws IllegalArgumentException if the statement does not apply to {@code architecture}
     *     (its family or hypothesis), or the point does not fit it
     */
    IdentityCheck check(Architecture architecture, Point point);

    /** Whether the statement's hypothesis holds for the architecture (the point plays no part). */
    boolean appliesTo(Architecture architecture);

    @Override
    default boolean appliesTo(Instance instance) {
        return appliesTo(instance.architecture());
    }

    @Override
    default OptionalLong predict(Instance instance) {
        return OptionalLong.empty();
    }

    @Override
    default boolean everyPoint() {
        return true;
    }

    /**
     * The outcome of an exact check.
     *
     * @param holds whether the identity holds at the point
     * @param detail what was checked, and on failure the first discrepancy
     */
    record IdentityCheck(boolean holds, String detail) {
        public IdentityCheck {
            java.util.Objects.requireNonNull(detail, "detail");
        }
    }
}
