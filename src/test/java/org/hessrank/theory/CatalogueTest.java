package org.hessrank.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.Collectors;
import org.hessrank.exact.IntegerMatrix;
import org.hessrank.hessian.Part;
import org.hessrank.hessian.Point;
import org.hessrank.hessian.PointOptions;
import org.hessrank.hessian.Points;
import org.hessrank.net.Architecture;
import org.hessrank.net.Layer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The catalogue's ids and lookups, family detection, applicability refusals, conjectures, instances. */
class CatalogueTest {
    static final List<String> THEOREMS_IDS = List.of("FC-O", "FC-F", "FC-L", "FC-SUM", "FC-DEF", "FC-1H", "FC-NULL",
            "FC-ZERO", "FC-RES", "FC-SQRT", "FCB-O", "FCB-F", "FCB-L", "RELU-1H-F", "TOE-SHAPE", "TOE-1", "TOE-M",
            "TOE-2D", "CNN1-F", "CNN1-O", "CNN1-O-2D", "CNN1-L", "CNN-D-O", "CNN-D-F", "CNN-D-L", "LCN-F", "CNN-SQRT",
            "ATT-DIM", "PMLP-DIM", "PMLP-DIM-EQ", "SCNN-DIM", "ATT-F", "ATT-L", "PMLP-F", "RES-O", "RES-F", "RES-L");

    /** docs/catalogue.md has every statement under its own heading, with the code's provenance, hypothesis and formula. */
    @Test
    void theCatalogueDocumentCarriesEveryStatementVerbatim() throws java.io.IOException {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("docs", "catalogue.md"));
        java.util.List<String> missing = new java.util.ArrayList<>();
        for (Statement s : Catalogue.all()) {
            int at = doc.indexOf("\n### " + s.id() + "\n");
            int end = at < 0 ? -1 : doc.indexOf("\n#", at + 1);
            String entry = at < 0 ? "" : doc.substring(at, end < 0 ? doc.length() : end);
            String target = s.target() == Part.T ? "T(W)" : "H_" + s.target();
            for (String line : List.of("- provenance: " + s.provenance().name().toLowerCase(java.util.Locale.ROOT) + " ("
                    + s.source() + "); " + s.kind().name().toLowerCase(java.util.Locale.ROOT) + "; target " + target,
                    "- hypothesis: " + s.hypothesis(), "- formula: `" + s.formula() + "`")) {
                if (!entry.contains(line + "\n")) {
                    missing.add(s.id() + ": " + line);
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void everyTheoremsIdOnceInOrder() {
        assertEquals(THEOREMS_IDS, Catalogue.ids());
        for (Statement s : Catalogue.all()) {
            assertSame(s, Catalogue.byId(s.id()));
            assertFalse(s.hypothesis().isBlank());
            assertFalse(s.formula().isBlank());
            assertTrue(List.of("[NBH21]", "[SHS23]", "[HMK25]", "[KTB19]/[FRWY25]", "[KMST23]", "hessrank discover")
                    .contains(s.source()),
                    s.id());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Catalogue.byId("FC-X"));
        assertTrue(e.getMessage().startsWith("statement id (FC-X) is unknown; known ids: FC-O, FC-F"), e.getMessage());
    }

    @Test
    void tagsAsInTheorems() {
        String paper = "FC-O FC-F FC-L FC-SQRT CNN-SQRT ATT-DIM PMLP-DIM PMLP-DIM-EQ SCNN-DIM";
        String conjecture = "FC-RES FCB-O FCB-F FCB-L";
        String discovered = "ATT-F ATT-L PMLP-F RES-O RES-F RES-L";
        String bound = "FC-F FC-L CNN1-O-2D CNN1-L CNN-D-O CNN-D-F CNN-D-L PMLP-DIM";
        for (Statement s : Catalogue.all()) {
            Statement.Provenance p = List.of(paper.split(" ")).contains(s.id()) ? Statement.Provenance.PAPER
                    : List.of(conjecture.split(" ")).contains(s.id()) ? Statement.Provenance.CONJECTURE
                    : List.of(discovered.split(" ")).contains(s.id()) ? Statement.Provenance.DISCOVERED
                    : Statement.Provenance.DERIVED;
            assertEquals(p, s.provenance(), s.id());
            assertEquals(List.of(bound.split(" ")).contains(s.id()) ? Statement.Kind.BOUND : Statement.Kind.EXACT,
                    s.kind(), s.id());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "in(4) -> dense(3) -> dense(2)                        | FC_LINEAR",
        "in(4) -> dense(3) -> linear -> dense(2)              | FC_LINEAR",
        "in(1,4) -> flatten -> dense(3) -> dense(2)           | FC_LINEAR",
        "in(4) -> dense(3,bias) -> dense(2,bias)              | FC_LINEAR_BIAS",
        "in(4) -> dense(3,bias) -> dense(2)                   | OTHER",
        "in(4) -> dense(2)                                    | OTHER",
        "in(4) -> dense(3) -> relu -> dense(2)                | RELU_ONE_HIDDEN",
        "in(4) -> dense(3,bias) -> relu -> dense(2)           | OTHER",
        "in(4) -> dense(3) -> leakyrelu -> dense(2)           | OTHER",
        "in(4) -> dense(3) -> tanh -> dense(2)                | OTHER",
        "in(1,8) -> conv(2,k=3) -> dense(3)                   | CNN_ONE_HIDDEN",
        "in(1,8) -> conv(2,k=3) -> flatten -> dense(3)        | CNN_ONE_HIDDEN",
        "in(1,8) -> conv(2,k=3) -> conv(3,k=2)                | CNN_ONE_HIDDEN",
        "in(1,5,5) -> conv(2,k=3) -> dense(3)                 | CNN_ONE_HIDDEN",
        "in(1,8) -> conv(2,k=3,stride=2) -> dense(3)          | OTHER",
        "in(1,8) -> conv(2,k=3,pad=1) -> dense(3)             | OTHER",
        "in(1,8) -> conv(2,k=3,bias) -> dense(3)              | OTHER",
        "in(1,8) -> conv(2,k=3) -> relu -> dense(3)           | OTHER",
        "in(1,8) -> conv(2,k=3) -> avgpool(2) -> dense(3)     | OTHER",
        "in(1,8) -> conv(2,k=3) -> dense(3) -> dense(2)       | OTHER",
        "in(1,8) -> conv(2,k=3) -> conv(2,k=3) -> dense(3)    | CNN_DEEP",
        "in(1,8) -> local(2,k=3) -> dense(3)                  | LOCAL_FC",
        "in(1,8) -> local(2,k=3,stride=2) -> dense(3)         | OTHER",
        "in(1,8) -> local(2,k=3,bias) -> dense(3)             | OTHER",
    })
    void families(String spec, Families.Structure family) {
        assertEquals(family, Families.detect(Architecture.parse(spec)));
    }

    @ParameterizedTest(name = "{0} refuses {1}")
    @CsvSource(delimiter = '|', value = {
        "FC-O      | in(4) -> dense(3) -> relu -> dense(2)",
        "FC-O      | in(4) -> dense(3,bias) -> dense(2,bias)",
        "FC-O      | in(4) -> dense(2)",
        "FC-F      | in(1,8) -> conv(2,k=3) -> dense(3)",
        "FC-1H     | in(4) -> dense(3) -> dense(3) -> dense(2)",
        "FCB-O     | in(4) -> dense(3) -> dense(2)",
        "FCB-F     | in(4) -> dense(3,bias) -> dense(2)",
        "RELU-1H-F | in(4) -> dense(3) -> dense(2)",
        "RELU-1H-F | in(4) -> dense(3) -> relu -> dense(3) -> relu -> dense(2)",
        "CNN1-F    | in(1,8) -> conv(2,k=3,stride=2) -> dense(3)",
        "CNN1-F    | in(1,8) -> conv(2,k=3,pad=1) -> dense(3)",
        "CNN1-F    | in(1,8) -> conv(2,k=3) -> conv(2,k=3) -> dense(3)",
        "CNN1-O    | in(1,5,5) -> conv(2,k=3) -> dense(3)",
        "CNN1-O-2D | in(1,8) -> conv(2,k=3) -> dense(3)",
        "CNN1-L    | in(4) -> dense(3) -> dense(2)",
        "CNN-D-O   | in(1,8) -> conv(2,k=3) -> dense(3)",
        "CNN-D-F   | in(1,6,6) -> conv(2,k=2) -> conv(2,k=2) -> dense(3)",
        "CNN-D-L   | in(1,8) -> conv(2,k=3) -> conv(2,k=3,bias) -> dense(3)",
        "LCN-F     | in(1,8) -> conv(2,k=3) -> dense(3)",
        "LCN-F     | in(1,8) -> local(2,k=3,pad=1) -> dense(3)",
        "TOE-1     | in(2,8) -> conv(1,k=3) -> dense(3)",
        "TOE-1     | in(1,8) -> conv(1,k=3,stride=2) -> dense(3)",
        "TOE-M     | in(1,8) -> conv(2,k=3,pad=1) -> dense(3)",
        "TOE-M     | in(1,4,4) -> conv(2,k=3) -> dense(3)",
        "TOE-2D    | in(1,4,4) -> conv(3,k=3) -> dense(3)",
        "TOE-2D    | in(1,4,4) -> conv(2,k=3,stride=2) -> dense(3)",
        "TOE-SHAPE | in(4) -> dense(3) -> dense(2)",
        "FC-NULL   | in(4) -> dense(3) -> relu -> dense(2)",
        "FC-SQRT   | in(1,8) -> conv(2,k=3) -> dense(3)",
        "CNN-SQRT  | in(4) -> dense(3) -> dense(2)",
    })
    void refusesArchitecturesOutsideItsFamily(String id, String spec) {
        Statement s = Catalogue.byId(id);
        Instance i = Instance.generic(Architecture.parse(spec), 50);
        assertFalse(s.appliesTo(i));
        assertFalse(s.predict(i).isPresent());
        assertFalse(s.predict(i, PartRanks.of(1, 1, 1)).isPresent());
        assertFalse(Catalogue.applicable(i).contains(s));
    }

    @Test
    void pointFactsGateApplicability() {
        Instance fc = Instance.generic(Architecture.parse("in(4) -> dense(3) -> dense(2)"), 6);
        assertTrue(FullyConnectedStatements.FC_1H.appliesTo(fc));
        assertFalse(FullyConnectedStatements.FC_1H.appliesTo(new Instance(fc.architecture(), 6, 4, 5, 2)),
                "FC-1H needs rank Ω");
        assertFalse(FullyConnectedStatements.FC_ZERO.appliesTo(fc));
        assertTrue(FullyConnectedStatements.FC_ZERO.appliesTo(fc.withResidualRank(0).withOmegaRank(0)));
        Instance cnn = Instance.generic(Architecture.parse("in(1,8) -> conv(2,k=3) -> dense(3)"), 30);
        assertTrue(ConvolutionalStatements.CNN1_L.appliesTo(cnn));
        assertFalse(ConvolutionalStatements.CNN1_L.appliesTo(cnn.withGradientZero(true)), "critical point");
        assertFalse(ConvolutionalStatements.CNN1_F.appliesTo(new Instance(cnn.architecture(), 30, 5, 6, 3)),
                "CNN1-F needs X of full rank");
        Instance allConv = Instance.generic(Architecture.parse("in(2,5) -> conv(4,k=4) -> conv(3,k=2)"), 9);
        assertFalse(ConvolutionalStatements.CNN1_O.appliesTo(allConv), "N·d_2 = 9 < m_0·RF = 10");
        assertTrue(ConvolutionalStatements.CNN1_O.appliesTo(Instance.generic(allConv.architecture(), 10)));
        assertFalse(ConvolutionalStatements.CNN1_F.appliesTo(Instance.generic(allConv.architecture(), 2)),
                "N·d_2·min(a, k_2) = 4 < min(a, b) = 6");
        assertTrue(ConvolutionalStatements.CNN1_F.appliesTo(Instance.generic(allConv.architecture(), 3)));
        Instance relu = Instance.generic(Architecture.parse("in(4) -> dense(3) -> relu -> dense(2)"), 6);
        assertFalse(FullyConnectedStatements.RELU_1H_F.appliesTo(relu), "activity ranks unknown");
        assertEquals(2 * (2 + 1 + 0), FullyConnectedStatements.RELU_1H_F.predict(relu.withActiveRanks(List.of(4, 1, 0)))
                .getAsLong());
        List<String> ids = Catalogue.applicable(fc).stream().map(Statement::id).collect(Collectors.toList());
        assertEquals(List.of("FC-O", "FC-F", "FC-L", "FC-SUM", "FC-DEF", "FC-1H", "FC-NULL", "FC-SQRT"), ids);
    }

    @Test
    void conjectureBuilderAsInTheJavadoc() {
        Statement lcStride = Conjecture.builder("LC-STRIDE-F")
                .target(Part.F)
                .kind(Statement.Kind.EXACT)
                .hypothesis("in(m0,d) -> local(m,k,stride=s) -> dense(K), no biases, generic point")
                .formula("rank H_F = 2·m·d_1·min(m0·k, K, N)")
                .appliesWhen(inst -> {
                    List<Layer> ls = inst.architecture().layers();
                    return ls.size() == 2 && ls.get(0) instanceof Layer.Local lc && !lc.bias() && lc.padding() == 0
                            && ls.get(1) instanceof Layer.Dense d && !d.bias();
                })
                .predicts(inst -> {
                    Architecture a = inst.architecture();
                    Layer.Local lc = (Layer.Local) a.layer(1);
                    long d1 = a.shape(1).length();
                    long k = Math.min(Math.min((long) a.input().channels() * lc.kernel(), a.outputSize()),
                            inst.samples());
                    return 2 * lc.channels() * d1 * k;
                })
                .build();
        assertEquals("LC-STRIDE-F", lcStride.id());
        assertEquals("user", lcStride.source());
        assertEquals(Statement.Provenance.CONJECTURE, lcStride.provenance());
        assertFalse(lcStride.appliesTo(Instance.generic(Architecture.parse("in(4) -> dense(3) -> dense(2)"), 5)));
        // checked against measured ranks: the conjecture holds on these strided layers
        for (String spec : new String[] {"in(1,9) -> local(2,k=2,stride=2) -> dense(2)",
            "in(2,8) -> local(1,k=3,stride=3) -> dense(3)"}) {
            Architecture a = Architecture.parse(spec);
            List<Measure.At> ats = Measure.points(a, PointOptions.defaults().withSamples(7), 3, 2);
            assertEquals(lcStride.predict(ats.get(0).instance()).getAsLong(), Measure.max(ats).f(), spec);
        }
        Statement rel = Conjecture.builder("MY-L").target(Part.L).kind(Statement.Kind.BOUND)
                .appliesWhen(inst -> true).predictsFromMeasured((inst, m) -> m.o() + m.f()).build();
        Instance any = Instance.generic(Architecture.parse("in(4) -> dense(2)"), 3);
        assertTrue(rel.needsMeasuredRanks());
        assertFalse(rel.predict(any).isPresent());
        assertEquals(7, rel.predict(any, PartRanks.of(3, 4, 5)).getAsLong());
        NullPointerException npe = assertThrows(NullPointerException.class, () -> Conjecture.builder("X")
                .target(Part.F).appliesWhen(inst -> true).predicts(inst -> 0).build());
        assertEquals("X: kind", npe.getMessage());
        assertThrows(IllegalStateException.class, () -> Conjecture.builder("Y").target(Part.F)
                .kind(Statement.Kind.EXACT).appliesWhen(inst -> true).build());
        assertThrows(IllegalArgumentException.class, () -> Conjecture.builder(" "));
    }

    @Test
    void instancesComputeThePointFacts() {
        Architecture a = Architecture.parse("in(3) -> dense(2,bias) -> dense(2,bias)");
        // X with rank 2 whose rows do not reach the all-ones direction: r = 2, r̃ = 3
        IntegerMatrix x = IntegerMatrix.of(new long[][] {{1, 0, 1}, {0, 1, 1}, {1, 1, 2}, {2, 1, 3}});
        Point drawn = Points.draw(a.lower(), PointOptions.defaults().withSamples(4).withSeed(1));
        Point p = Point.of(drawn.theta(), x, drawn.targets());
        Instance i = Instances.of(a, p);
        assertEquals(4, i.samples());
        assertEquals(2, i.dataRank());
        assertEquals(3, i.augmentedDataRank());
        assertEquals(2, i.residualRank());
        assertFalse(i.gradientZero());
        Point interp = Points.draw(a.lower(), PointOptions.defaults().withSamples(4).withSeed(1)
                .withTargets(PointOptions.Targets.INTERPOLATE));
        Instance z = Instances.of(a, interp);
        assertEquals(0, z.residualRank());
        assertEquals(0, z.omegaRank().getAsInt());
        assertTrue(z.gradientZero());
        // ReLU activity: unit m active on the samples where (W_1 x)_m > 0, checked by hand here
        Architecture relu = Architecture.parse("in(2) -> dense(2) -> relu -> dense(1)");
        BigInteger[] theta = {BigInteger.ONE, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ONE.negate(),
            BigInteger.TWO, BigInteger.ONE};
        IntegerMatrix xr = IntegerMatrix.of(new long[][] {{1, 1}, {2, 2}, {-1, 3}});
        Point pr = Point.of(theta, xr, IntegerMatrix.of(new long[][] {{0}, {0}, {0}}));
        // unit 0 = x_0 > 0 on samples 0, 1 (rank 1); unit 1 = −x_1 > 0 on none (rank 0)
        assertEquals(List.of(1, 0), Instances.of(relu, pr).activeRanks());
        Point zeroPre = Point.of(theta, IntegerMatrix.of(new long[][] {{0, 1}}), IntegerMatrix.of(new long[][] {{0}}));
        assertThrows(IllegalStateException.class, () -> Instances.of(relu, zeroPre));
        assertThrows(IllegalArgumentException.class, () -> Instances.of(Architecture.parse("in(5) -> dense(2) -> dense(2)"), p));
    }
}
