#!/usr/bin/env bash
# CNN1-F with an FC readout: 2m*min(m0*k1, d1*min(K, N)) (k2 = d1 and b = K*d1 on this family).
# expect-exit: 0
# expect-output: DISCOVERED min(2*m*k2*N, 2*m*min(a, b))
cd "$(dirname "$0")"
../../hessrank discover --family cnn1d --part F --check-tries 200
