package org.hessrank.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.hessrank.theory.Catalogue;
import org.hessrank.verify.Architectures;
import org.hessrank.verify.Case;
import org.hessrank.verify.CaseResult;
import org.hessrank.verify.Generator;
import org.hessrank.verify.Verdict;
import org.hessrank.verify.Verifier;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Example: a user's own JUnit property suite on hessrank's public generators (no jqwik). Each
 * dynamic test is one seeded random deep linear network; it fails with the case and the
 * {@code hessrank rank} command that reproduces it.
 */
class MyPropertySuiteTest {
    private static final Generator DEEP_LINEAR = Architectures.fullyConnected().maxParameters(150).maxDepth(4);

    @TestFactory
    Stream<DynamicTest> fcBoundsHoldOnRandomDeepLinearNets() {
        Verifier verifier = Verifier.of(List.of(Catalogue.byId("FC-O"), Catalogue.byId("FC-F"), Catalogue.byId("FC-L")));
        return DEEP_LINEAR.cases(2026, 25).stream().map(c -> DynamicTest.dynamicTest(c.architecture().spec(), () -> {
            CaseResult r = verifier.verify(c);
            for (Verdict v : r.verdicts()) {
                assertTrue(v.outcome() != Verdict.Outcome.VIOLATED, () -> v + "\nreproduce: " + c.command());
            }
        }));
    }

    /** The generator honours its limits: a property of the test infrastructure itself. */
    @TestFactory
    Stream<DynamicTest> generatedCasesRespectTheLimits() {
        return DEEP_LINEAR.cases(7, 20).stream().map((Case c) -> DynamicTest.dynamicTest(c.toString(),
                () -> assertTrue(c.parameters() <= 150 && DEEP_LINEAR.accepts(c), c::toString)));
    }
}
