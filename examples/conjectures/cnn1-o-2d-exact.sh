#!/usr/bin/env bash
# The same CNN1-O expression in 2D (k1 = k1h*k1w taps, d = h*w positions) as an exact formula (CNN1-O-2D).
# Expected: REFUTED (below-exact), shrunk to a 2x2 kernel on a 3x3 image, m = 2, K = 3, N = 9: 25, not 27.
# expect-exit: 1
# expect-output: REFUTED (below-exact): predicted 27, measured 25
# expect-output: smallest case: in(1,3,3) -> conv(2,k=2) -> dense(3)
cd "$(dirname "$0")"
../../hessrank conjecture --family cnn2d --part O --bound "min(K*min(m0*d0, N), q*(m0*k1 + K*d1 - q))" --where "N >= m0*d0" --exact --max-samples 36 --tries 1000 --seed 1
