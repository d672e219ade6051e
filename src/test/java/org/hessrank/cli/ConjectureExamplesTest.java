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
 * Runs the command of every script in {@code examples/conjectures/} in-process and checks the
 * outcome its comments promise: {@code # expect-exit: N} and each {@code # expect-output: TEXT}
 * (a substring of stdout). The script's command is the line starting with {@code ../../hessrank};
 * its arguments are split like a shell does for plain words and double-quoted strings.
 */
class ConjectureExamplesTest {
    static final Path DIR = Path.of("examples", "conjectures");

    @TestFactory
    Stream<DynamicTest> everyScriptHasItsPromisedOutcome() throws IOException {
        List<Path> scripts;
        try (Stream<Path> s = Files.list(DIR)) {
            scripts = s.filter(p -> p.toString().endsWith(".sh")).sorted().toList();
        }
        assertTrue(scripts.size() >= 6, "scripts in " + DIR + ": " + scripts);
        return scripts.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
    }

    static void check(Path script) throws IOException {
        CliRunner.Run r = runPromised(script);
        assertTrue(r.code() == 0 ? r.out().contains("\nHOLDS on all ") : r.out().endsWith("\nREFUTED\n"), r.out());
    }

    /**
     * Runs an example script's one {@code ../../hessrank} command in-process and checks the exit
     * code ({@code # expect-exit: N}) and each {@code # expect-output: TEXT} it promises; returns
     * the run for the caller's own checks.
     */
    static CliRunner.Run runPromised(Path script) throws IOException {
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
        CliRunner.Run r = CliRunner.run(shellWords(command));
        assertEquals(exit.intValue(), r.code(), script + "\n" + r.out() + r.err());
        for (String o : outputs) {
            assertTrue(r.out().contains(o), script + ": expected '" + o + "' in\n" + r.out());
        }
        return r;
    }

    /** Splits plain words and double-quoted strings (no escapes, no variables: the scripts use none). */
    static String[] shellWords(String line) {
        assertFalse(line.contains("$") || line.contains("\\") || line.contains("'"),
                "command uses shell features the test does not model: " + line);
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    any = false;
                }
            } else {
                cur.append(c);
                any = true;
            }
        }
        assertFalse(quoted, "unbalanced quotes in " + line);
        if (any) {
            out.add(cur.toString());
        }
        return out.toArray(String[]::new);
    }
}
