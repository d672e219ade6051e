package org.hessrank.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hessrank.net.Architecture;
import org.hessrank.net.SpecParser;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * docs/spec-grammar.md is the one statement of the spec grammar; this test holds it against
 * {@link SpecParser}:
 * <ul>
 * <li>every line of a {@code ```spec} block is a spec that must parse, and its canonical form
 *     ({@link Architecture#spec()}) must parse to the same architecture;</li>
 * <li>a {@code ```spec-error} block holds pairs: an unindented spec, then an indented line with the
 *     exact {@link IllegalArgumentException} message ({@code …} matches any text);</li>
 * <li>every layer name the parser lists in its "expected a layer name" message appears quoted in
 *     the {@code ```ebnf} block.</li>
 * </ul>
 */
class SpecGrammarDocTest {
    static final Path GRAMMAR = Path.of("docs", "spec-grammar.md");

    record Invalid(String where, String spec, String message) {
    }

    @Test
    void theGrammarDocumentHasExamplesOfBothKinds() {
        assertTrue(validSpecs().size() >= 10, "too few ```spec examples in " + GRAMMAR);
        assertTrue(invalidSpecs().size() >= 10, "too few ```spec-error examples in " + GRAMMAR);
        assertEquals(1, MarkdownBlocks.blocks(GRAMMAR, "ebnf").size(), "one ```ebnf block in " + GRAMMAR);
    }

    @TestFactory
    Stream<DynamicTest> everyDocumentedSpecParses() {
        return validSpecs().stream().map(s -> DynamicTest.dynamicTest(s[0] + " " + s[1], () -> {
            Architecture a = SpecParser.parse(s[1]);
            assertEquals(a, SpecParser.parse(a.spec()), s[0] + ": canonical form " + a.spec());
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyDocumentedErrorIsTheParsersMessage() {
        return invalidSpecs().stream().map(e -> DynamicTest.dynamicTest(e.where() + " " + e.spec(), () -> {
            String msg = assertThrows(IllegalArgumentException.class, () -> SpecParser.parse(e.spec()),
                    e.where() + ": documented as invalid, but parses: " + e.spec()).getMessage();
            assertTrue(DocCommandsTest.linePattern(e.message()).matcher(msg).matches(),
                    e.where() + ": " + e.spec() + "\n  documented: " + e.message() + "\n  parser:     " + msg);
        }));
    }

    @Test
    void everyLayerNameOfTheParserIsInTheGrammar() {
        String msg = assertThrows(IllegalArgumentException.class, () -> SpecParser.parse("in(6) -> 1")).getMessage();
        Matcher m = Pattern.compile("expected a layer name \\(([^)]*)\\)").matcher(msg);
        assertTrue(m.find(), msg);
        String ebnf = String.join("\n", MarkdownBlocks.blocks(GRAMMAR, "ebnf").get(0).lines());
        for (String name : m.group(1).split(",\\s*")) {
            assertTrue(ebnf.contains("\"" + name + "\""), "layer name '" + name + "' is missing from the EBNF of " + GRAMMAR);
        }
    }

    /** Pairs {where, spec}. */
    static List<String[]> validSpecs() {
        List<String[]> out = new ArrayList<>();
        for (MarkdownBlocks.Block b : MarkdownBlocks.blocks(GRAMMAR, "spec")) {
            for (int i = 0; i < b.lines().size(); i++) {
                if (!b.lines().get(i).isBlank()) {
                    out.add(new String[] {b.where(i), b.lines().get(i)});
                }
            }
        }
        return out;
    }

    static List<Invalid> invalidSpecs() {
        List<Invalid> out = new ArrayList<>();
        for (MarkdownBlocks.Block b : MarkdownBlocks.blocks(GRAMMAR, "spec-error")) {
            List<String> lines = b.lines();
            int i = 0;
            while (i < lines.size()) {
                if (lines.get(i).isBlank()) {
                    i++;
                    continue;
                }
                String spec = lines.get(i);
                if (Character.isWhitespace(spec.charAt(0)) || i + 1 >= lines.size()
                        || !Character.isWhitespace(lines.get(i + 1).isEmpty() ? 'x' : lines.get(i + 1).charAt(0))) {
                    throw new AssertionError(b.where(i) + ": a spec-error block holds an unindented spec, then its"
                            + " indented message");
                }
                out.add(new Invalid(b.where(i), spec, lines.get(i + 1).strip()));
                i += 2;
            }
        }
        return out;
    }
}
