package org.hessrank.theory;

import java.util.List;

/** The convolutional statements of THEOREMS.md [SHS23] (filled in below). */
public final class ConvolutionalStatements {
    private ConvolutionalStatements() {
    }

    static List<Statement> all() {
        return List.of();
    }
}
