package org.hessrank.discover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hessrank.hessian.Part;
import org.hessrank.theory.NamedFamilies;
import org.hessrank.verify.Architectures;
import org.junit.jupiter.api.Test;

class DiscoveryTest {
    @Test
    void rediscoversFcO() {
        long t = System.nanoTime();
        String fam = System.getenv().getOrDefault("HR_FAM", "fc");
        Part part = Part.valueOf(System.getenv().getOrDefault("HR_PART", "O"));
        org.hessrank.verify.Generator g = switch (fam) {
            case "fc" -> Architectures.fullyConnected();
            case "cnn1d" -> Architectures.oneHiddenCnn1d();
            case "cnn1d-conv" -> Architectures.oneHiddenCnn1d();
            case "conv1d-layer" -> Architectures.convLayer();
            default -> Architectures.deepCnn();
        };
        Discovery d = Discovery.of(NamedFamilies.byName(fam), g).part(part);
        if (System.getenv("HR_WHERE") != null) {
            d.where(System.getenv("HR_WHERE"));
        }
        Discovery.Result r = d.run();
        System.err.println(r.search() + " " + r.checks() + " " + (System.nanoTime() - t) / 1e9 + " measure " + r.measureSeconds() + " search " + r.searchSeconds() + " check " + r.checkSeconds() + " n=" + r.data().size());
        assertTrue(r.best().isPresent());
    }
}
