#!/usr/bin/env bash
# TOE-M in 1D without padding, any stride: rank T(W) = min(m_out*d_out, m_in*c). The contrast to toe-2d-naive.sh.
# Expected: HOLDS, tight at every single unpadded 1D conv layer drawn (toe-1d-padding.sh shows why pad = 0 is needed).
# expect-exit: 0
# expect-output: HOLDS on all
cd "$(dirname "$0")"
../../hessrank conjecture --family conv1d-layer --part T --bound "min(m_out*d_out, m_in*c)" --where "pad == 0" --exact --tries 400 --seed 1
