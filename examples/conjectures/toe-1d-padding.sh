#!/usr/bin/env bash
# TOE-M in 1D with zero padding allowed: windows cut by the padding see fewer inputs, so the formula is only an
# upper bound there (the finding that restricted the catalogue's TOE-M to pad = 0).
# Expected: REFUTED (below-exact), shrunk to a small padded, strided layer.
# expect-exit: 1
# expect-output: REFUTED (below-exact)
cd "$(dirname "$0")"
../../hessrank conjecture --family conv1d-layer --part T --bound "min(m_out*d_out, m_in*c)" --exact --tries 4000 --seed 7
