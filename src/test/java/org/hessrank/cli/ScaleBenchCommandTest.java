package org.hessrank.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** bench-scale's papers'-pipeline options refuse bad values with one line, before any case runs. */
class ScaleBenchCommandTest {
    @Test
    void papersPipelineModeIsChecked() {
        CliRunner.Run r = CliRunner.run("bench-scale", "--cases", "fc-M2", "--papers-pipeline", "maybe");
        assertEquals(ExitCodes.BAD_INPUT, r.code());
        assertEquals("hessrank: --papers-pipeline (maybe) must be auto, on or off\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void papersPipelineOnWithoutPythonIsBadInput() {
        CliRunner.Run r = CliRunner.run("bench-scale", "--cases", "fc-M2", "--papers-pipeline", "on", "--python",
                "/no/such/python3");
        assertEquals(ExitCodes.BAD_INPUT, r.code());
        assertEquals("hessrank: --papers-pipeline (on): /no/such/python3 not found; pip install \"jax[cpu]\"\n",
                r.err());
        assertEquals("", r.out());
    }
}
