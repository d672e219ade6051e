#!/usr/bin/env bash
# The 1D Toeplitz rank (TOE-M: rank T(W) = min(m_out*d_out, m_in*c), c = input positions the windows cover)
# read naively in 2D. docs/theorems.md TOE-2D: in 2D the m_out kernels of one input channel share a left null
# space (2 channels, 1 input: rank = 2*h_o*w_o - (h_o-k_h+1)(w_o-k_w+1)), so the formula overshoots.
# Expected: REFUTED (below-exact), shrunk to one input channel, 2 output channels, 2x2 kernel on 3x3: 7, not 8.
# expect-exit: 1
# expect-output: REFUTED (below-exact): predicted 8, measured 7
# expect-output: smallest case: in(1,3,3) -> conv(2,k=2)
cd "$(dirname "$0")"
../../hessrank conjecture --family conv2d-layer --part T --bound "min(m_out*d_out, m_in*c)" --exact --tries 400 --seed 3
