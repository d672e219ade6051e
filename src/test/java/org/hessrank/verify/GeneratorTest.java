package org.hessrank.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Predicate;
import org.hessrank.hessian.PointOptions.Targets;
import org.hessrank.net.Architecture;
import org.hessrank.net.Layer;
import org.hessrank.net.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GeneratorTest {
    private static final int COUNT = 300;

    @ParameterizedTest
    @EnumSource(value = Family.class, names = "CUSTOM", mode = EnumSource.Mode.EXCLUDE)
    void limitsAreRespectedAndCasesBelongToTheirFamily(Family f) {
        Generator g = Architectures.of(f).maxParameters(60).maxDepth(Math.max(3, Generator.minDepth(f))).maxChannels(3)
                .maxSamples(5);
        for (Case c : g.cases(11, COUNT)) {
            Architecture a = c.architecture();
            assertTrue(f.matches(a), () -> f + " generated " + a.spec());
            assertTrue(a.parameterCount() <= 60, c::toString);
            assertTrue(c.samples() >= 1 && c.samples() <= 5, c::toString);
            long depth = a.layers().stream().filter(Layer::hasParameters).count();
            assertTrue(depth <= Math.max(3, Generator.minDepth(f)), c::toString);
            for (Layer l : a.layers()) {
                int w = l instanceof Layer.Dense d ? d.units() : l instanceof Layer.Conv cv ? cv.channels()
                        : l instanceof Layer.Local lc ? lc.channels() : 0;
                assertTrue(w <= 3, c::toString);
            }
            assertTrue(g.accepts(c), c::toString);
            assertTrue(c.effectiveDataRank() >= 1 && c.effectiveDataRank() <= c.fullDataRank(), c::toString);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = "CUSTOM", mode = EnumSource.Mode.EXCLUDE)
    void sameSeedSameCaseAndSeedsDiffer(Family f) {
        Generator g = Architectures.of(f);
        assertEquals(g.cases(5, 40), g.cases(5, 40));
        assertEquals(g.generate(123), Architectures.of(f).generate(123));
        assertNotEquals(g.cases(5, 40), g.cases(6, 40));
        Case c = g.cases(5, 40).get(17);
        assertEquals(c, g.generate(c.seed()), "a printed case seed reproduces the case");
    }

    private static boolean some(Generator g, Predicate<Case> p) {
        return g.cases(3, COUNT).stream().anyMatch(p);
    }

    private static boolean hasWidthOne(Architecture a) {
        List<Layer> ls = a.layers();
        for (int i = 0; i < ls.size() - 1; i++) {
            if (ls.get(i) instanceof Layer.Dense d && d.units() == 1
                    || ls.get(i) instanceof Layer.Conv c && c.channels() == 1) {
                return true;
            }
        }
        return false;
    }

    @Test
    void edgeCasesAreProducedOnPurpose() {
        Generator fc = Architectures.fullyConnected();
        assertTrue(some(fc, c -> c.samples() == 1), "N = 1");
        assertTrue(some(fc, c -> hasWidthOne(c.architecture())), "width 1");
        assertTrue(some(fc, c -> c.architecture().outputSize() == 1), "K = 1");
        assertTrue(some(fc, c -> c.samples() < c.architecture().input().size()), "N < d");
        assertTrue(some(fc, c -> c.effectiveDataRank() < c.fullDataRank()), "low-rank data");
        assertTrue(some(fc, c -> c.targets() == Targets.INTERPOLATE), "zero residual");
        assertTrue(some(fc, c -> c.targets() == Targets.ONE_HOT), "one-hot targets");
        assertTrue(some(fc, c -> c.architecture().layerCount() >= 4), "deep");
        Generator cnn = Architectures.oneHiddenCnn1d();
        assertTrue(some(cnn, c -> c.architecture().layer(1) instanceof Layer.Conv cv
                && cv.kernel().width() == c.architecture().input().length()), "kernel = input length");
        assertTrue(some(cnn, c -> ((Layer.Conv) c.architecture().layer(1)).kernel().width() == 1), "K = 1 kernel");
        assertTrue(some(cnn, c -> c.architecture().layer(2) instanceof Layer.Dense), "FC readout");
        assertTrue(some(cnn, c -> c.architecture().layer(2) instanceof Layer.Conv), "all-conv");
        assertTrue(some(cnn, c -> ((Layer.Conv) c.architecture().layer(1)).stride().width() > 1), "stride");
        assertTrue(some(cnn, c -> ((Layer.Conv) c.architecture().layer(1)).padding().width() > 0), "padding");
        assertTrue(some(Architectures.deepCnn(), c -> c.architecture().input().kind() == Shape.Kind.IMAGE), "2D deep");
        assertTrue(some(Architectures.convLayer(), c -> c.architecture().input().kind() == Shape.Kind.IMAGE), "2D");
    }

    @Test
    void badLimitsAreRefusedWithTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Architectures.fullyConnected().maxParameters(0));
        assertEquals("maxParameters (0) must be >= 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Architectures.deepCnn().maxDepth(2));
        assertEquals("maxDepth (2) must be >= 3 for deepCnn", e.getMessage());
        assertThrows(IllegalStateException.class, () -> Architectures.deepCnn().maxParameters(2).generate(1));
    }
}
