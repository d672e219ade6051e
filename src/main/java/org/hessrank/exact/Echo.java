package org.hessrank.exact;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way an error message echoes a value a user gave: at most {@value #MAX} characters,
 * then {@code "… (N characters)"}, so that a 100,000-character option value or spec gives a
 * one-line message. Used by every package's messages (it lives here, at the bottom, so that
 * all can use it) and, as a safety net, on every message the command line prints. Cost O(length).
 */
public final class Echo {
    /** The most characters of a value shown. */
    public static final int MAX = 80;

    /** A quote opens after the start, a space, '(', '=' or ':' (not in "JVM's"). */
    private static final Pattern LONG = Pattern.compile("(?<=^|[\\s(=:])'([^']{" + (MAX + 1)
            + ",})'|(?<=^|[\\s(=:])\"([^\"]{" + (MAX + 1) + ",})\"|([^\\s()'\"]{" + (MAX + 1) + ",})");

    private Echo() {
    }

    /** {@code value} itself, or its first {@value #MAX} characters and {@code "… (N characters)"}. */
    public static String value(String value) {
        if (value.length() <= MAX) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(MAX - 1)) ? MAX - 1 : MAX;
        return value.substring(0, end) + "… (" + value.length() + " characters)";
    }

    /**
     * {@code message} with every quoted ({@code '…'}, {@code "…"}) or whitespace-free run longer
     * than {@value #MAX} characters shortened by {@link #value}: for messages whose text this code
     * does not write (picocli's, the JDK's).
     */
    public static String message(String message) {
        Matcher m = LONG.matcher(message);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group(1) != null) {
                replacement = "'" + value(m.group(1)) + "'";
            } else if (m.group(2) != null) {
                replacement = "\"" + value(m.group(2)) + "\"";
            } else {
                replacement = value(m.group(3));
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        return m.appendTail(sb).toString();
    }
}
