package org.hessrank.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the command of every script in {@code examples/discover/} in-process and checks the outcome
 * its comments promise ({@code # expect-exit: N}, each {@code # expect-output: TEXT}), as
 * {@link ConjectureExamplesTest} does for the conjecture scripts.
 */
class DiscoverExamplesTest {
    static final Path DIR = Path.of("examples", "discover");

    @TestFactory
    Stream<DynamicTest> everyScriptHasItsPromisedOutcome() throws IOException {
        List<Path> scripts;
        try (Stream<Path> s = Files.list(DIR)) {
            scripts = s.filter(p -> p.toString().endsWith(".sh")).sorted().toList();
        }
        assertTrue(scripts.size() >= 4, "scripts in " + DIR + ": " + scripts);
        return scripts.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
    }

    static void check(Path script) throws IOException {
        List<String> lines = Files.readAllLines(script);
        assertEquals("#!/usr/bin/env bash", lines.get(0), script + ": shebang");
        assertTrue(Files.isExecutable(script), script + " is not executable");
        String command = null;
        Integer exit = null;
        List<String> outputs = new ArrayList<>();
        for (String l : lines) {
            if (l.startsWith("../../hessrank ")) {
                assertEquals(null, command, script + ": more than one hessrank command");
                command = l.substring("../../hessrank ".length());
            } else if (l.startsWith("# expect-exit: ")) {
                exit = Integer.parseInt(l.substring("# expect-exit: ".length()).trim());
            } else if (l.startsWith("# expect-output: ")) {
                outputs.add(l.substring("# expect-output: ".length()));
            }
        }
        assertNotNull(command, script + ": no ../../hessrank line");
        assertNotNull(exit, script + ": no '# expect-exit:' line");
        assertFalse(outputs.isEmpty(), script + ": no '# expect-output:' line");
        CliRunner.Run r = CliRunner.run(ConjectureExamplesTest.shellWords(command));
        assertEquals(exit.intValue(), r.code(), script + "\n" + r.out() + r.err());
        for (String o : outputs) {
            assertTrue(r.out().contains(o), script + ": expected '" + o + "' in\n" + r.out());
        }
        assertTrue(exit == 0 ? r.out().endsWith("\nDISCOVERED " + r.out().substring(r.out().lastIndexOf("DISCOVERED ")
                + "DISCOVERED ".length())) : r.out().endsWith("\nNOT DISCOVERED\n"), r.out());
    }
}
