package org.hessrank.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON reader for the files hessrank writes itself (JSON Lines of results): objects
 * become {@code LinkedHashMap<String, Object>}, arrays {@code List<Object>}, numbers {@code Long}
 * when integral and {@code Double} otherwise, plus String, Boolean and null.
 */
public final class JsonReader {
    private final String text;
    private final String source;
    private int pos;

    private JsonReader(String text, String source) {
        this.text = text;
        this.source = source;
    }

    /**
     * Parses one JSON value.
     *
     * @param source named in error messages (e.g. {@code results.jsonl line 3})
     * @throws IllegalArgumentException on malformed input, naming the source and the offset
     */
    public static Object parse(String text, String source) {
        JsonReader r = new JsonReader(text, source);
        Object v = r.value();
        r.skipSpace();
        if (r.pos != text.length()) {
            throw r.error("trailing characters");
        }
        return v;
    }

    /** Parses a JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text, String source) {
        Object v = parse(text, source);
        if (!(v instanceof Map)) {
            throw new IllegalArgumentException(source + ": expected a JSON object");
        }
        return (Map<String, Object>) v;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(source + ": " + what + " at offset " + pos);
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private Object value() {
        skipSpace();
        if (pos >= text.length()) {
            throw error("unexpected end of input");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                return number();
        }
    }

    private Object literal(String word, Object v) {
        if (!text.startsWith(word, pos)) {
            throw error("expected " + word);
        }
        pos += word.length();
        return v;
    }

    private Map<String, Object> object() {
        Map<String, Object> m = new LinkedHashMap<>();
        pos++;
        skipSpace();
        if (consume('}')) {
            return m;
        }
        do {
            skipSpace();
            if (!at('"')) {
                throw error("expected a key");
            }
            String key = string();
            skipSpace();
            if (!consume(':')) {
                throw error("expected ':'");
            }
            m.put(key, value());
        } while (another('}'));
        return m;
    }

    private List<Object> array() {
        List<Object> list = new ArrayList<>();
        pos++;
        skipSpace();
        if (consume(']')) {
            return list;
        }
        do {
            list.add(value());
        } while (another(']'));
        return list;
    }

    /** True if the next character is {@code c}. O(1). */
    private boolean at(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    /** Steps over {@code c} if it is next; true if it was. O(1). */
    private boolean consume(char c) {
        if (at(c)) {
            pos++;
            return true;
        }
        return false;
    }

    /**
     * After a member of an object or array: true past a ',' (another member follows), false past
     * {@code close} (the end).
     *
     * @throws IllegalArgumentException (via {@code error}) on anything else
     */
    private boolean another(char close) {
        skipSpace();
        if (consume(',')) {
            return true;
        }
        if (consume(close)) {
            return false;
        }
        throw error("expected ',' or '" + close + "'");
    }

    private String string() {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\\') {
                if (pos >= text.length()) {
                    break;
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw error("truncated \\u escape");
                        }
                        sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> sb.append(e);
                }
            } else {
                sb.append(c);
            }
        }
        throw error("unterminated string");
    }

    private Object number() {
        int start = pos;
        while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        String t = text.substring(start, pos);
        if (t.isEmpty()) {
            throw error("unexpected character '" + text.charAt(pos) + "'");
        }
        try {
            if (t.matches("-?\\d+")) {
                return Long.parseLong(t);
            }
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw error("malformed number '" + t + "'");
        }
    }
}
