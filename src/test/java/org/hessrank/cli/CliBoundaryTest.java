package org.hessrank.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CLI's boundaries, read from the sources: nothing below the CLI imports it; commands write
 * through picocli's writers (only {@code Main} touches {@code System.out}/{@code System.err});
 * {@code --format} is declared once, in {@link FormatOption}.
 */
class CliBoundaryTest {
    static final Path MAIN = Path.of("src", "main", "java", "org", "hessrank");

    /** The Java files under {@code dir} (sorted) whose text satisfies {@code test}, as paths. */
    private static List<String> sources(Path dir, BiPredicate<Path, String> test) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        List<String> out = new ArrayList<>();
        for (Path p : files) {
            if (test.test(p, Files.readString(p))) {
                out.add(p.toString());
            }
        }
        return out;
    }

    @Test
    void noPackageBelowTheCliImportsIt() throws IOException {
        assertEquals(List.of(), sources(MAIN, (p, text) -> !p.startsWith(MAIN.resolve("cli"))
                && text.contains("org.hessrank.cli")));
    }

    @Test
    void onlyMainTouchesTheJvmStreams() throws IOException {
        assertEquals(List.of(), sources(MAIN.resolve("cli"), (p, text) -> !p.getFileName().toString().equals("Main.java")
                && (text.contains("System.out") || text.contains("System.err"))));
    }

    @Test
    void formatIsDeclaredOnce() throws IOException {
        assertEquals(List.of(MAIN.resolve("cli").resolve("FormatOption.java").toString()),
                sources(MAIN.resolve("cli"), (p, text) -> text.contains("names = \"--format\"")));
    }

    /** Every command that prints a result mixes the option in, so each takes text, json and csv. */
    @Test
    void everyResultCommandTakesTheSharedFormat() {
        picocli.CommandLine root = HessrankCommand.commandLine();
        List<String> without = new ArrayList<>();
        walk(root, without);
        assertEquals(List.of("hessrank", "hessrank fidelity", "hessrank help"), without);
        assertTrue(root.getSubcommands().get("rank").getCommandSpec().findOption("--format").description()[0]
                .contains("text | json | csv"));
    }

    private static void walk(picocli.CommandLine cl, List<String> without) {
        if (cl.getCommandSpec().findOption("--format") == null) {
            without.add(cl.getCommandSpec().qualifiedName());
        }
        for (picocli.CommandLine sub : cl.getSubcommands().values()) {
            walk(sub, without);
        }
    }
}
