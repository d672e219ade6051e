import java.nio.file.*;
import java.util.*;
import org.hessrank.report.SvgChart;
String[][] specs = {
  {"attn-2layers-F", "two lightning-attention layers, one head, a <= d, t >= 2, N >= p: rank H_F against p"},
  {"res-fc-O", "linear residual MLPs (res-fc, relu = 0, N >= p): rank H_O against p"},
  {"poly-mlp-pow2-L", "in(d) -> dense(M) -> pow(2) -> dense(K), N >= p: rank H_L against p"}};
for (String[] s : specs) {
  List<String> lines = Files.readAllLines(Path.of("proofs-check/discovered/" + s[0] + ".csv"));
  String[] head = lines.get(0).split(",");
  int pCol = Arrays.asList(head).indexOf("p");
  int rCol = Arrays.asList(head).indexOf("rank");
  List<double[]> pts = new ArrayList<>();
  for (String l : lines.subList(1, lines.size())) {
    // the arch field is quoted when it has commas
    String rest = l.startsWith("\"") ? l.substring(l.indexOf('"', 1) + 2) : l.substring(l.indexOf(',') + 1);
    String[] f = ("x," + rest).split(",");
    pts.add(new double[] {Double.parseDouble(f[pCol]), Double.parseDouble(f[rCol])});
  }
  pts.sort(Comparator.comparingDouble(a -> a[0]));
  double[] x = pts.stream().mapToDouble(a -> a[0]).toArray();
  double[] y = pts.stream().mapToDouble(a -> a[1]).toArray();
  Files.writeString(Path.of("proofs-check/discovered/" + s[0] + ".svg"), SvgChart.builder(s[1]).axes("parameters p", "rank").line("measured rank (exact)", x, y).dashed("p", x, x, 0).build().render());
}
/exit
