#!/usr/bin/env bash
# TOE-M in 1D, with stride and padding: rank T(W) = min(m_out*d_out, m_in*c). The contrast to toe-2d-naive.sh.
# Expected: HOLDS, tight at every single 1D conv layer drawn.
# expect-exit: 0
# expect-output: HOLDS on all
cd "$(dirname "$0")"
../../hessrank conjecture --family conv1d-layer --part T --bound "min(m_out*d_out, m_in*c)" --exact --tries 400 --seed 1
