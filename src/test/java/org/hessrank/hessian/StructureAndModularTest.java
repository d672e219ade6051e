package org.hessrank.hessian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;
import org.hessrank.exact.IntegerMatrix;
import org.hessrank.exact.Modulus;
import org.hessrank.exact.Primes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StructureAndModularTest {
    static List<TestNets.Net> nets() {
        return TestNets.zoo();
    }

    @ParameterizedTest
    @MethodSource("nets")
    void lossIsOuterPlusFunctionalAllSymmetricFunctionalHasZeroDiagonalBlocks(TestNets.Net net) {
        for (long seed = 1; seed <= 2; seed++) {
            Point point = Points.draw(net.lowered, PointOptions.defaults().withSeed(seed));
            ExactHessians h = Hessians.exact(net.lowered, point);
            int p = net.lowered.parameterCount();
            assertEquals(p, h.parameterCount());
            assertEquals(h.o().add(h.f()), h.l());
            for (IntegerMatrix m : List.of(h.o(), h.f(), h.l())) {
                assertEquals(p, m.rows());
                assertEquals(m, m.transpose(), net.name + ": symmetric");
            }
            int[] owner = ExactReferenceTest.parameterStageOf(net.layers, p);
            boolean offDiagonalNonzero = false;
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    if (owner[a] == owner[b]) {
                        assertEquals(BigInteger.ZERO, h.f().get(a, b), net.name + ": H_F diagonal block");
                    } else {
                        offDiagonalNonzero |= h.f().get(a, b).signum() != 0;
                    }
                }
            }
            assertTrue(offDiagonalNonzero, net.name + ": H_F is not identically zero at random targets");
        }
    }

    @ParameterizedTest
    @MethodSource("nets")
    void bigIntegerReducedModPEqualsModular(TestNets.Net net) {
        SplittableRandom rng = new SplittableRandom(net.name.hashCode());
        Point point = Points.draw(net.lowered, PointOptions.defaults().withSeed(5).withSamples(7));
        ExactHessians exact = Hessians.exact(net.lowered, point);
        for (int bits : new int[] {20, 31, 50, 51, 61, 62}) {
            Modulus mod = Modulus.of(Primes.randomPrime(rng, bits));
            ModularHessians m = Hessians.modular(net.lowered, point, mod);
            assertEquals(exact.scale(), m.scale());
            assertEquals(mod.value(), m.prime());
            for (Part part : Part.hessianParts()) {
                assertEquals(ModularMatrix.reduce(exact.part(part), mod), m.part(part),
                        net.name + " " + part + " mod " + mod.value());
            }
            assertEquals(ModularMatrix.reduce(Hessians.jacobian(net.lowered, point), mod),
                    Hessians.jacobian(net.lowered, point, mod));
        }
    }

    @ParameterizedTest
    @MethodSource("nets")
    void interpolatingTargetsGiveZeroFunctionalPart(TestNets.Net net) {
        Point point = Points.draw(net.lowered,
                PointOptions.defaults().withSeed(3).withTargets(PointOptions.Targets.INTERPOLATE));
        ExactHessians h = Hessians.exact(net.lowered, point);
        assertEquals(IntegerMatrix.zero(h.parameterCount(), h.parameterCount()), h.f());
        assertEquals(h.o(), h.l());
        assertNotEquals(IntegerMatrix.zero(h.parameterCount(), h.parameterCount()), h.o());
        Modulus mod = Modulus.of(Primes.randomPrime(new SplittableRandom(1), 61));
        assertTrue(Hessians.modular(net.lowered, point, mod).f().isZero());
    }

    @org.junit.jupiter.api.Test
    void scaleIsTheProductOfDenominators() {
        List<TestNets.Net> zoo = TestNets.zoo();
        long[] expected = {1, 1, 1, 10, 4, 6, 1};
        for (int i = 0; i < zoo.size(); i++) {
            Point point = Points.draw(zoo.get(i).lowered, PointOptions.defaults().withSeed(1));
            assertEquals(BigInteger.valueOf(expected[i]), Hessians.scale(zoo.get(i).lowered, point), zoo.get(i).name);
        }
    }
}
