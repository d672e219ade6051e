package org.hessrank.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        CliRunner.Run r = ConjectureExamplesTest.runPromised(script);
        assertTrue(r.code() == 0 ? r.out().endsWith("\nDISCOVERED " + r.out().substring(r.out().lastIndexOf("DISCOVERED ")
                + "DISCOVERED ".length())) : r.out().endsWith("\nNOT DISCOVERED\n"), r.out());
    }
}
