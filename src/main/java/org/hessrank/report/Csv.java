package org.hessrank.report;

import java.util.Locale;

/**
 * CSV lines (RFC 4180 quoting: a field with a comma, quote or line break is quoted, quotes
 * doubled). Doubles print with 6 significant digits, non-finite ones as empty fields; integers
 * exactly.
 */
public final class Csv {
    private Csv() {
    }

    /** One line (without the line break) of the given fields. */
    public static String row(Object... fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(field(fields[i]));
        }
        return sb.toString();
    }

    private static String field(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            return Double.isFinite(d) ? String.format(Locale.ROOT, "%.6g", d) : "";
        }
        String s = v.toString();
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
