package org.hessrank.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EchoTest {
    @Test
    void valuesBeyondEightyCharactersAreShortened() {
        assertEquals("short", Echo.value("short"));
        String eighty = "a".repeat(80);
        assertEquals(eighty, Echo.value(eighty));
        assertEquals(eighty + "… (81 characters)", Echo.value(eighty + "b"));
        String pairs = "a" + "\uD83D\uDE00".repeat(50); // a surrogate pair is not split
        assertEquals(pairs.substring(0, 79) + "… (101 characters)", Echo.value(pairs));
    }

    @Test
    void messagesShortenQuotedAndLongRunsOnly() {
        String x = "x".repeat(200);
        String shown = "x".repeat(80) + "… (200 characters)";
        assertEquals("Invalid value for option '--samples': '" + shown + "' is not an int",
                Echo.message("Invalid value for option '--samples': '" + x + "' is not an int"));
        String spaced = "y ".repeat(60);
        assertEquals("found \"" + Echo.value(spaced) + "\"", Echo.message("found \"" + spaced + "\""));
        assertEquals("--path (" + shown + ") must be auto", Echo.message("--path (" + x + ") must be auto"));
        String prose = "the JVM's heap of 1.0 GiB is too small for a net of this size; raise it with -Xmx or use a"
                + " smaller net's spec";
        assertEquals(prose, Echo.message(prose));
    }
}
