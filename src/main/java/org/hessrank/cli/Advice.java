package org.hessrank.cli;

import org.hessrank.hessian.Hessians;
import org.hessrank.hessian.Limits;
import org.hessrank.net.LoweredNetwork;

/**
 * Advice that depends on the command and the options given, appended to the library's factual
 * refusals (which name the value and the limit but know no command): so that a message never
 * advises an option the command lacks or one that was already given.
 */
final class Advice {
    private Advice() {
    }

    /**
     * Refuses a network with tanh or sigmoid, whose Hessians are not exact over ℚ, for
     * {@code command} (rank, hessian or sweep), naming where numeric ranks are found.
     */
    static void requireExact(LoweredNetwork net, String command) {
        try {
            Hessians.requireExact(net);
        } catch (IllegalArgumentException e) {
            String numeric = "numeric ranks: rank --numeric float64 (or DIGITS), or fidelity point";
            throw new IllegalArgumentException(e.getMessage() + switch (command) {
                case "rank" -> "; for " + numeric + " --arch ...";
                case "hessian" -> "; hessian exports exact Hessians only (for " + numeric + ")";
                default -> "; " + command + " computes exact ranks only (for one net's " + numeric + ")";
            }, e);
        }
    }

    /**
     * Refuses dense Hessians of {@code p} parameters for {@code command} that do not fit
     * ({@link Limits#requireDense}), advising what that command can do instead.
     */
    static void requireDense(String command, EngineChoice method, boolean pathDenseGiven, int p) {
        try {
            method.checkDenseMemory(p);
        } catch (IllegalArgumentException e) {
            boolean tooBig = e.getMessage().contains("must be <=");
            String raise = "raise the heap with HESSRANK_JAVA_OPTS=-Xmx...";
            String advice = switch (command) {
                case "rank" -> method != EngineChoice.modular
                        ? (tooBig ? "" : raise + ", or ") + "use --method modular (mod a prime: the matrix-free path"
                                + " needs no p x p matrix)"
                        : (tooBig ? "" : raise + ", or ") + (pathDenseGiven ? "drop --path dense (auto takes the"
                                + " matrix-free path)" : "use --path matrix-free");
                case "hessian" -> tooBig ? "hessian writes dense p x p matrices; for the ranks of nets this large use"
                        + " rank --path matrix-free" : raise;
                default -> (tooBig ? "" : raise + ", or ") + "for a net this large use rank --path matrix-free";
            };
            throw new IllegalArgumentException(e.getMessage() + "; " + advice, e);
        }
    }
}
