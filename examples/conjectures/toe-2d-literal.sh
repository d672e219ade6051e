#!/usr/bin/env bash
# The literal reading rank T(W) = min(m_out*d_out, m_in*d_in) on 2D conv layers (any stride and padding).
# It ignores input positions that no window covers, so the shrinker finds a stride case first.
# Expected: REFUTED (below-exact), shrunk to a 1x1 kernel with stride 2 on a 1x2 image: 1, not 2.
# expect-exit: 1
# expect-output: REFUTED (below-exact): predicted 2, measured 1
cd "$(dirname "$0")"
../../hessrank conjecture --family conv2d-layer --part T --bound "min(m_out*d_out, m_in*d_in)" --exact --tries 400 --seed 1
