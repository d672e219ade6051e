#!/usr/bin/env python3
"""Times numpy's float64 rank of a square matrix, for `hessrank bench --float64` (docs/benchmarks.md).

Usage: python3 numpy_rank.py FILE N [REPEATS]

FILE holds an N x N float64 matrix, row-major, little-endian, no header (what
`hessrank bench --float64 N` writes). Prints, for each of
numpy.linalg.matrix_rank (SVD, the papers' rank) and numpy.linalg.eigvalsh (symmetric
eigenvalues, for reference), one line
    numpy <name> rank=<r> first=<seconds> best=<seconds>
where the eigvalsh rank counts |lambda| > max|lambda| * N * eps, numpy's default tolerance.
Times are wall-clock seconds of the call alone (not reading the file). numpy uses its BLAS's
threads (OPENBLAS_NUM_THREADS etc. to change that).
"""
import sys
import time

import numpy as np


def main(argv):
    if len(argv) not in (3, 4):
        sys.stderr.write("usage: numpy_rank.py FILE N [REPEATS]\n")
        return 2
    path, n = argv[1], int(argv[2])
    repeats = int(argv[3]) if len(argv) == 4 else 2
    a = np.fromfile(path, dtype="<f8")
    if a.size != n * n:
        sys.stderr.write("numpy_rank.py: %s holds %d doubles, not N*N = %d\n" % (path, a.size, n * n))
        return 2
    a = a.reshape(n, n)
    eps = np.finfo(np.float64).eps

    def eig_rank(m):
        w = np.abs(np.linalg.eigvalsh(m))
        return int(np.sum(w > w.max() * n * eps))

    for name, f in (("matrix_rank", np.linalg.matrix_rank), ("eigvalsh", eig_rank)):
        times = []
        rank = None
        for _ in range(repeats):
            t = time.perf_counter()
            rank = int(f(a))
            times.append(time.perf_counter() - t)
        print("numpy %s rank=%d first=%.3f best=%.3f" % (name, rank, times[0], min(times)))
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
