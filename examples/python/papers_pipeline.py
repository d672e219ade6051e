#!/usr/bin/env python3
"""The papers' own float64 pipeline: JAX Hessians ranked by numpy's SVD.

For a deep linear network given as a hessrank spec ``in(d) -> dense(m1) -> ... -> dense(K)``
this builds, at a random Gaussian point, the three float64 Hessians of the MSE loss
``l(theta) = 1/2 sum_i ||F(x_i) - y_i||^2`` (docs/theorems.md "Setting"):

- ``H_L = jax.hessian(l)``;
- ``H_O = J^T J`` (the outer-product, Gauss-Newton part), with ``J`` the Jacobian of the
  network outputs on all N samples (``jax.jacfwd``), an (N*K) x p matrix;
- ``H_F = sum_i sum_c r_ic Hess F_c(x_i)``, the functional part, built directly as the Hessian
  of ``theta -> sum(stop_gradient(r) * F(theta))`` with the residual r = F(X) - Y held fixed
  (so that ``H_L = H_O + H_F`` exactly, without the cancellation of ``H_L - H_O``);

and ranks each with ``numpy.linalg.matrix_rank`` at its default tolerance
(``S.max() * max(M, N) * eps``), as Singh, Bachmann & Hofmann [NBH21] did. The parameter order
is hessrank's (layer by layer, each weight row-major); ranks do not depend on it.

The point: weights ``W_l ~ N(0, 1/M_{l-1})``, inputs ``X ~ N(0, 1)`` (d x N) and targets
``Y ~ N(0, 1)`` (K x N), from ``numpy.random.default_rng(seed)``. At such a generic point the
float64 ranks are expected to equal hessrank's exact ranks (``./hessrank rank``).

Prints one JSON line: the ranks, p, N, the seconds to build the Hessians and to rank them,
their total, the seconds spent importing JAX (not in the total), and the peak resident memory
of this process (``resource.getrusage``). ``--text`` prints the same as text.

Install: ``pip install "jax[cpu]"``. Not part of hessrank's test command; used by
``hessrank bench-scale`` (``--papers-pipeline``) and by PapersPipelineTest when JAX is there.

Exit codes: 0 ok, 2 bad input (one line on stderr), 3 JAX not installed.
"""

import argparse
import json
import re
import resource
import sys
import time

_IN = re.compile(r"^\s*in\s*\(\s*(\d+)\s*\)\s*$", re.IGNORECASE)
_DENSE = re.compile(r"^\s*dense\s*\(\s*(\d+)\s*\)\s*$", re.IGNORECASE)


class SpecError(ValueError):
    """A spec this pipeline does not take; the message names the layer."""


def parse_spec(spec):
    """The widths [d, m1, ..., K] of ``in(d) -> dense(m1) -> ... -> dense(K)``.

    Raises SpecError naming the input or the layer (numbered from 1, as hessrank does) that is
    not of that form: the pipeline is for deep linear networks only.
    """
    parts = re.split(r"->|\u2192", spec)
    if len(parts) < 2:
        raise SpecError("spec (%r) must be in(d) -> dense(m1) -> ... -> dense(K), with at least one dense layer"
                        % spec)
    m = _IN.match(parts[0])
    if not m:
        raise SpecError("spec input (%r) must be in(d), a vector: the papers' pipeline takes deep linear "
                        "networks in(d) -> dense(m1) -> ... -> dense(K) only" % parts[0].strip())
    widths = [int(m.group(1))]
    for i, layer in enumerate(parts[1:], start=1):
        m = _DENSE.match(layer)
        if not m:
            raise SpecError("spec layer %d (%r) is not dense(m): the papers' pipeline takes deep linear "
                            "networks in(d) -> dense(m1) -> ... -> dense(K) only (no bias, activation, "
                            "conv or block)" % (i, layer.strip()))
        widths.append(int(m.group(1)))
    for i, w in enumerate(widths):
        if w <= 0:
            raise SpecError("spec %s size (%d) must be > 0" % ("input" if i == 0 else "layer %d" % i, w))
    return widths


def parameter_count(widths):
    return sum(a * b for a, b in zip(widths[:-1], widths[1:]))


def peak_rss_gib():
    """Peak resident set of this process in GiB (ru_maxrss is KiB on Linux)."""
    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if sys.platform == "darwin":
        kib /= 1024.0  # bytes there
    return kib / float(1 << 20)


def cpu_seconds():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def run(widths, samples, seed):
    """The three ranks and the timings, as a dict (the JSON line's fields)."""
    t_import = time.perf_counter()
    try:
        import jax
        jax.config.update("jax_enable_x64", True)
        import jax.numpy as jnp
        import numpy as np
    except ImportError as e:
        raise ImportError("JAX not found (%s): pip install \"jax[cpu]\"" % e) from e
    import_seconds = time.perf_counter() - t_import

    t0 = time.perf_counter()
    cpu0 = cpu_seconds()
    rng = np.random.default_rng(seed)
    shapes = [(b, a) for a, b in zip(widths[:-1], widths[1:])]  # W_l is M_l x M_{l-1}
    theta0 = np.concatenate([rng.normal(0.0, 1.0 / np.sqrt(a), size=(b, a)).ravel() for b, a in shapes])
    x = jnp.asarray(rng.normal(size=(widths[0], samples)))
    y = jnp.asarray(rng.normal(size=(widths[-1], samples)))
    theta0 = jnp.asarray(theta0)
    offsets = np.cumsum([0] + [b * a for b, a in shapes])

    def forward(theta):
        h = x
        for (b, a), o in zip(shapes, offsets[:-1]):
            h = theta[o:o + b * a].reshape(b, a) @ h
        return h  # K x N

    def loss(theta):
        r = forward(theta) - y
        return 0.5 * jnp.sum(r * r)

    residual = forward(theta0) - y

    def functional(theta):
        return jnp.sum(jax.lax.stop_gradient(residual) * forward(theta))

    def hessians(theta):
        jac = jax.jacfwd(lambda t: forward(t).ravel())(theta)  # (K*N) x p
        return jac.T @ jac, jax.hessian(functional)(theta), jax.hessian(loss)(theta)

    h = [np.asarray(m) for m in jax.jit(hessians)(theta0)]  # H_O, H_F, H_L, compiled once
    build = time.perf_counter() - t0

    t1 = time.perf_counter()
    ranks = []
    for i in range(3):
        ranks.append(int(np.linalg.matrix_rank(h[i])))
        h[i] = None
    rank_seconds = time.perf_counter() - t1
    total = time.perf_counter() - t0
    return {
        "pipeline": "JAX float64 + numpy SVD (papers' pipeline)",
        "spec": " -> ".join(["in(%d)" % widths[0]] + ["dense(%d)" % w for w in widths[1:]]),
        "p": parameter_count(widths),
        "samples": samples,
        "seed": seed,
        "rank_O": ranks[0],
        "rank_F": ranks[1],
        "rank_L": ranks[2],
        "build_seconds": round(build, 3),
        "rank_seconds": round(rank_seconds, 3),
        "seconds": round(total, 3),
        "cpu_seconds": round(cpu_seconds() - cpu0, 3),
        "import_seconds": round(import_seconds, 3),
        "peak_gib": round(peak_rss_gib(), 3),
        "jax": jax.__version__,
        "numpy": np.__version__,
    }


def text(r):
    return "\n".join([
        "pipeline      %s" % r["pipeline"],
        "architecture  %s" % r["spec"],
        "parameters    %d" % r["p"],
        "point         N=%d samples, Gaussian weights (variance 1/fan-in), inputs and targets, seed %d"
        % (r["samples"], r["seed"]),
        "",
        "part     rank",
        "H_O  %8d" % r["rank_O"],
        "H_F  %8d" % r["rank_F"],
        "H_L  %8d" % r["rank_L"],
        "",
        "Hessians built in %.2f s, ranked in %.2f s, total %.2f s (cpu %.2f s; importing JAX %.2f s"
        " not included); peak RSS %.3f GiB; jax %s, numpy %s"
        % (r["build_seconds"], r["rank_seconds"], r["seconds"], r["cpu_seconds"], r["import_seconds"],
           r["peak_gib"], r["jax"], r["numpy"]),
    ])


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--arch", required=True, help="in(d) -> dense(m1) -> ... -> dense(K)")
    ap.add_argument("--samples", type=int, default=10, help="N, the number of samples (default 10)")
    ap.add_argument("--seed", type=int, default=1, help="seed of the Gaussian point (default 1)")
    ap.add_argument("--text", action="store_true", help="print text instead of one JSON line")
    a = ap.parse_args(argv)
    try:
        widths = parse_spec(a.arch)
        if a.samples <= 0:
            raise SpecError("--samples (%d) must be > 0" % a.samples)
        if a.seed < 0:
            raise SpecError("--seed (%d) must be >= 0" % a.seed)
    except SpecError as e:
        print("papers_pipeline: %s" % e, file=sys.stderr)
        return 2
    try:
        r = run(widths, a.samples, a.seed)
    except ImportError as e:
        print("papers_pipeline: %s" % e, file=sys.stderr)
        return 3
    print(text(r) if a.text else json.dumps(r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
