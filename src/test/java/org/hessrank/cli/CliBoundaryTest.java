package org.hessrank.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CLI's boundaries, read from the sources: nothing below the CLI imports it; commands write
 * through picocli's writers (only {@code Main} touches {@code System.out}/{@code System.err});
 * {@code --format} is declared once, in {@link FormatOption}.
 */
class CliBoundaryTest {
    static final Path MAIN = Path.of("src", "main", "java", "org", "hessrank");

    private static List<Path> sources(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    @Test
    void noPackageBelowTheCliImportsIt() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path p : sources(MAIN)) {
            if (!p.startsWith(MAIN.resolve("cli")) && Files.readString(p).contains("org.hessrank.cli")) {
                offenders.add(p.toString());
            }
        }
        assertEquals(List.of(), offenders);
    }

    @Test
    void onlyMainTouchesTheJvmStreams() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path p : sources(MAIN.resolve("cli"))) {
            String text = Files.readString(p);
            if (!p.getFileName().toString().equals("Main.java")
                    && (text.contains("System.out") || text.contains("System.err"))) {
                offenders.add(p.toString());
            }
        }
        assertEquals(List.of(), offenders);
    }

    @Test
    void formatIsDeclaredOnce() throws IOException {
        List<String> declaring = new ArrayList<>();
        for (Path p : sources(MAIN.resolve("cli"))) {
            if (Files.readString(p).contains("names = \"--format\"")) {
                declaring.add(p.getFileName().toString());
            }
        }
        assertEquals(List.of("FormatOption.java"), declaring);
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
