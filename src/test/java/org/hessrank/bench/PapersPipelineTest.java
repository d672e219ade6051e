package org.hessrank.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The papers' pipeline (examples/python/papers_pipeline.py, JAX float64 + numpy SVD) against
 * hessrank's exact ranks on a small deep linear net; skipped when python3 with jax is not installed.
 * Its skip rules and its refusals are tested without JAX.
 */
class PapersPipelineTest {
    private static final Path SCRIPT = Path.of(PapersPipeline.SCRIPT);
    private static final PapersPipeline PAPERS = PapersPipeline.locate("python3", SCRIPT);

    /** in(6) -> dense(5) -> dense(4) -> dense(3), N = 10: the script's ranks at its Gaussian point equal hessrank's exact ones. */
    @Test
    void agreesWithTheExactRanksOnASmallNet() throws Exception {
        PapersPipeline papers = PAPERS;
        Assumptions.assumeTrue(papers.missing().isEmpty(), () -> "papers_pipeline.py not run: "
                + papers.missing().get());
        String spec = "in(6) -> dense(5) -> dense(4) -> dense(3)";
        PapersPipeline.Result r = papers.run(spec, 10, 3);
        ScaleBench.Measurement exact = ScaleBench.measureOne(spec, "dense", 10, line -> { });
        assertEquals(List.of(exact.rankO(), exact.rankF(), exact.rankL()), List.of(r.rankO(), r.rankF(), r.rankL()));
        assertEquals(List.of(18, 45, 54), List.of(r.rankO(), r.rankF(), r.rankL()));
        assertTrue(r.seconds() >= r.buildSeconds() && r.peakGiB() > 0, r.toString());
    }

    /** A spec that is not a deep linear net is refused by the script, naming the layer (no JAX needed). */
    @Test
    void refusesWhatIsNotADeepLinearNet() {
        PapersPipeline papers = PAPERS;
        Assumptions.assumeTrue(papers.missing().isEmpty(), () -> "papers_pipeline.py not run: "
                + papers.missing().get());
        IOException e = assertThrows(IOException.class,
                () -> papers.run("in(4) -> dense(3) -> relu -> dense(2)", 5, 1));
        assertTrue(e.getMessage().startsWith("spec layer 2 ('relu') is not dense(m)"), e.getMessage());
        e = assertThrows(IOException.class, () -> papers.run("in(1,8) -> conv(2,k=3) -> dense(3)", 5, 1));
        assertTrue(e.getMessage().startsWith("spec input ('in(1,8)') must be in(d)"), e.getMessage());
    }

    @Test
    void missingPythonOrScriptIsReportedWithHowToInstall() {
        PapersPipeline noScript = PapersPipeline.locate("python3", Path.of("no/such/papers_pipeline.py"));
        assertEquals("script no/such/papers_pipeline.py not found", noScript.missing().orElseThrow());
        PapersPipeline noPython = PapersPipeline.locate("/no/such/python3", SCRIPT);
        assertEquals("/no/such/python3 not found; pip install \"jax[cpu]\"", noPython.missing().orElseThrow());
        assertThrows(IllegalStateException.class, () -> noPython.run("in(2) -> dense(1)", 1, 1));
        assertTrue(PapersPipeline.defaultScript().endsWith(SCRIPT));
    }

    /** Skipped over the time budget (p³ from the reference or the last run) or over 80% of memory. */
    @Test
    void skipsOverTheBudget() {
        double gib = 1L << 30;
        assertNull(PapersPipeline.skipReason(1880, null, 900, 24 * gib));
        assertEquals("skipped: est. 1566 s > --max-seconds", PapersPipeline.skipReason(11640, null, 900, 24 * gib));
        assertNull(PapersPipeline.skipReason(11640, new double[] {1880, 1.0}, 900, 24 * gib));
        assertEquals("skipped: est. 1566 s > --max-seconds", PapersPipeline.skipReason(11640, new double[] {140, 0.5},
                900, 24 * gib));
        assertEquals("skipped: needs ~26 GiB (of 24 GiB)", PapersPipeline.skipReason(26600, null, 1e9, 24 * gib));
        assertFalse(PapersPipeline.physicalMemoryBytes() <= 0);
    }

    @Test
    void takesDeepLinearNetsOnly() {
        assertTrue(PapersPipeline.takes("in(64) -> dense(20) -> dense(20) -> dense(10)"));
        assertTrue(PapersPipeline.takes("IN(3)->DENSE(1)"));
        assertFalse(PapersPipeline.takes("in(4) -> dense(3,bias) -> dense(2)"));
        assertFalse(PapersPipeline.takes("in(8) -> dense(8,frozen) -> dense(2)"));
        assertFalse(PapersPipeline.takes("in(4) -> dense(3) -> relu -> dense(2)"));
        assertFalse(PapersPipeline.takes("in(1,8) -> dense(3)"));
    }

    @Test
    void modeNamesTheOption() {
        assertEquals(PapersPipeline.Mode.AUTO, PapersPipeline.Mode.of("--papers-pipeline", "auto"));
        assertEquals(PapersPipeline.Mode.OFF, PapersPipeline.Mode.of("--papers-pipeline", "off"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PapersPipeline.Mode.of("--papers-pipeline", "maybe"));
        assertEquals("--papers-pipeline (maybe) must be auto, on or off", e.getMessage());
    }
}
