#!/usr/bin/env bash
# TOE-1: one channel in and out, stride 1, no padding: rank T(w) = d - k + 1, asked without d_out.
# expect-exit: 0
# expect-output: DISCOVERED d_in + 1 - k
cd "$(dirname "$0")"
../../hessrank discover --family conv1d-layer --part T --where "(m_in == 1)*(m_out == 1)*(stride == 1)*(pad == 0)" --without d_out,c,p --check-tries 1000
