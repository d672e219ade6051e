#!/usr/bin/env python3
"""Tests of spec_from_torch.py (plain unittest): python3 examples/python/test_spec_from_torch.py

Skipped, with the reason, when torch is not installed (pip install torch). The rank tests run the
repository's ./hessrank launcher (java 17+ and mvn; it builds the jar on first use). Not part of
hessrank's Maven test command.
"""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

try:
    import torch
    import torch.nn as nn
    HAVE_TORCH = True
except ImportError:
    HAVE_TORCH = False

from spec_from_torch import hessrank_ranks, rank_spec, spec_from_torch  # noqa: E402

SKIP = "torch not installed (pip install torch, or pip install torch --index-url https://download.pytorch.org/whl/cpu)"


def fc_formulas(widths, n):
    """FC-O, FC-F, FC-L of docs/theorems.md for in(d) -> dense(M_1) -> ... -> dense(K) at N = n, X of full rank."""
    d, k, hidden = widths[0], widths[-1], widths[1:-1]
    big_l = len(widths) - 1
    r = min(d, n)
    q = min([r, k] + hidden)
    s = min(r, k)
    sum_m = sum(hidden)
    return (q * (r + k - q), 2 * q * sum_m + 2 * q * s - big_l * q * q, 2 * q * sum_m + q * (r + k) - big_l * q * q)


@unittest.skipUnless(HAVE_TORCH, SKIP)
class SpecText(unittest.TestCase):
    def test_deep_linear_net(self):
        m = nn.Sequential(nn.Linear(6, 5, bias=False), nn.Linear(5, 4, bias=False), nn.Linear(4, 3, bias=False))
        self.assertEqual("in(6) -> dense(5) -> dense(4) -> dense(3)", spec_from_torch(m, input_shape=(6,)))
        self.assertEqual("in(6) -> dense(5) -> dense(4) -> dense(3)", spec_from_torch(m, input_shape=6))

    def test_bias_relu_leaky_relu_frozen(self):
        m = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 3, bias=False), nn.LeakyReLU(0.1),
                          nn.Linear(3, 2), nn.Tanh(), nn.Linear(2, 2), nn.Sigmoid(), nn.Identity(), nn.Linear(2, 1))
        for p in m[6].parameters():
            p.requires_grad_(False)
        self.assertEqual("in(4) -> dense(3,bias) -> relu -> dense(3) -> leakyrelu(1/10) -> dense(2,bias) -> tanh"
                         " -> dense(2,bias,frozen) -> sigmoid -> id -> dense(1,bias)",
                         spec_from_torch(m, input_shape=(4,)))
        self.assertEqual("in(4) -> leakyrelu(1/100) -> dense(1)",
                         spec_from_torch(nn.Sequential(nn.LeakyReLU(), nn.Linear(4, 1, bias=False)), (4,)))

    def test_conv1d_stride_padding_bias_pool(self):
        m = nn.Sequential(nn.Conv1d(2, 3, kernel_size=3, stride=2, padding=1), nn.LeakyReLU(0.25),
                          nn.AvgPool1d(2), nn.Flatten(), nn.Linear(3 * 2, 2))
        # L = 9: conv (9 + 2 - 3) // 2 + 1 = 5, pool 5 // 2 = 2
        self.assertEqual("in(2,9) -> conv(3,k=3,stride=2,pad=1,bias) -> leakyrelu(1/4) -> avgpool(2) -> flatten"
                         " -> dense(2,bias)", spec_from_torch(m, input_shape=(2, 9)))

    def test_conv2d_rectangular_kernel_stride_padding_pool(self):
        m = nn.Sequential(nn.Conv2d(1, 2, kernel_size=(3, 2), stride=(1, 2), padding=1, bias=False), nn.ReLU(),
                          nn.AvgPool2d(2), nn.Flatten(), nn.Linear(2 * 4 * 2, 3, bias=False))
        # 8x8: conv height (8 + 2 - 3) + 1 = 8, width (8 + 2 - 2) // 2 + 1 = 5; pool 4 x 2
        self.assertEqual("in(1,8,8) -> conv(2,k=3x2,stride=1x2,pad=1) -> relu -> avgpool(2) -> flatten -> dense(3)",
                         spec_from_torch(m, input_shape=(1, 8, 8)))
        m = nn.Sequential(nn.Conv2d(2, 4, 3, padding=(0, 1)), nn.Flatten(), nn.Linear(4 * 3 * 5, 1))
        self.assertEqual("in(2,5,5) -> conv(4,k=3,pad=0x1,bias) -> flatten -> dense(1,bias)",
                         spec_from_torch(m, input_shape=(2, 5, 5)))


@unittest.skipUnless(HAVE_TORCH, SKIP)
class Refusals(unittest.TestCase):
    def refused(self, model, shape, message):
        with self.assertRaises(ValueError) as c:
            spec_from_torch(model, input_shape=shape)
        self.assertTrue(str(c.exception).startswith(message), str(c.exception))

    def test_module_without_spec_is_named(self):
        self.refused(nn.Sequential(nn.Conv1d(1, 2, 3), nn.MaxPool1d(2), nn.Flatten(), nn.Linear(6, 1)), (1, 8),
                     "module 1 (MaxPool1d): no hessrank spec for this module")
        self.refused(nn.Sequential(nn.Linear(4, 4), nn.BatchNorm1d(4)), (4,), "module 1 (BatchNorm1d): no hessrank")
        self.refused(nn.Sequential(nn.Sequential(nn.Linear(4, 4))), (4,), "module 0 (Sequential): no hessrank")

    def test_linear_on_an_unflattened_input(self):
        self.refused(nn.Sequential(nn.Conv1d(1, 2, 3), nn.Linear(6, 1)), (1, 8),
                     "module 1 (Linear): input shape (2, 6) is not flat; put nn.Flatten() before it")

    def test_shapes_and_options_that_do_not_fit(self):
        self.refused(nn.Sequential(nn.Linear(5, 2)), (4,), "module 0 (Linear): in_features (5) differs from its "
                     "input size (4)")
        self.refused(nn.Sequential(nn.Conv1d(2, 2, 3)), (1, 8), "module 0 (Conv1d): in_channels (2) differs")
        self.refused(nn.Sequential(nn.Conv1d(1, 2, 3, dilation=2)), (1, 8), "module 0 (Conv1d): dilation (2,) must")
        self.refused(nn.Sequential(nn.Conv1d(2, 2, 3, groups=2)), (2, 8), "module 0 (Conv1d): groups (2) must be 1")
        self.refused(nn.Sequential(nn.Conv1d(1, 2, 3, padding="same")), (1, 8), "module 0 (Conv1d): padding ('same')")
        self.refused(nn.Sequential(nn.Conv1d(1, 2, 9)), (1, 8), "module 0 (Conv1d): kernel (9) is larger")
        self.refused(nn.Sequential(nn.Conv2d(1, 2, 3)), (1, 8), "module 0 (Conv2d): input shape (1, 8) must be "
                     "(C, H, W)")
        self.refused(nn.Sequential(nn.AvgPool1d(3, stride=1)), (1, 8), "module 0 (AvgPool1d): stride (1,) must equal")
        self.refused(nn.Sequential(nn.AvgPool2d((2, 3))), (1, 8, 8), "module 0 (AvgPool2d): kernel_size (2, 3) must "
                     "be square")
        self.refused(nn.Sequential(nn.AvgPool1d(2, ceil_mode=True)), (1, 8), "module 0 (AvgPool1d): ceil_mode")
        self.refused(nn.Sequential(nn.Flatten(0)), (1, 8), "module 0 (Flatten): start_dim 0, end_dim -1 must be")
        self.refused(nn.Sequential(nn.LeakyReLU(0.1234567891)), (4,), "module 0 (LeakyReLU): negative_slope")
        half = nn.Linear(4, 1)
        half.bias.requires_grad_(False)
        self.refused(nn.Sequential(half), (4,), "module 0 (Linear): some of its parameters are frozen")
        self.refused(nn.Sequential(nn.Linear(4, 1)), (4, 0), "input_shape (4, 0) must be")
        with self.assertRaises(ValueError):
            spec_from_torch(nn.Linear(4, 1), input_shape=(4,))


@unittest.skipUnless(HAVE_TORCH, SKIP)
class Ranks(unittest.TestCase):
    """The ranks hessrank returns for converted models, against the FC formulas and against hand-written specs."""

    def test_deep_linear_net_against_the_fc_formulas(self):
        for widths, n in (([6, 5, 4, 3], 10), ([4, 2, 3], 7)):
            m = nn.Sequential(*[nn.Linear(a, b, bias=False) for a, b in zip(widths[:-1], widths[1:])])
            r = hessrank_ranks(m, input_shape=(widths[0],), samples=n)
            self.assertEqual(fc_formulas(widths, n), (r["H_O"], r["H_F"], r["H_L"]), widths)
            self.assertEqual(spec_from_torch(m, (widths[0],)), r["arch"])  # our spec is hessrank's canonical form

    def test_conv_net_against_the_hand_written_spec(self):
        m = nn.Sequential(nn.Conv1d(1, 2, 3, bias=False), nn.Flatten(), nn.Linear(12, 3, bias=False))
        r = hessrank_ranks(m, input_shape=(1, 8), samples=30)
        hand = rank_spec("in(1,8) -> conv(2,k=3) -> dense(3)", samples=30)
        self.assertEqual((hand["H_O"], hand["H_F"], hand["H_L"]), (r["H_O"], r["H_F"], r["H_L"]))
        self.assertEqual(42, r["parameters"])

    def test_strided_padded_conv_with_bias_and_relu(self):
        m = nn.Sequential(nn.Conv1d(2, 2, 3, stride=2, padding=1), nn.ReLU(), nn.Flatten(), nn.Linear(10, 2))
        r = hessrank_ranks(m, input_shape=(2, 9), samples=6)
        self.assertEqual("in(2,9) -> conv(2,k=3,stride=2,pad=1,bias) -> relu -> flatten -> dense(2,bias)", r["arch"])
        hand = rank_spec("in(2,9) -> conv(2,k=3,stride=2,pad=1,bias) -> relu -> dense(2,bias)", samples=6)
        self.assertEqual((hand["H_O"], hand["H_F"], hand["H_L"]), (r["H_O"], r["H_F"], r["H_L"]))
        self.assertEqual(sum(p.numel() for p in m.parameters()), r["parameters"])

    def test_bad_spec_is_hessranks_one_line(self):
        with self.assertRaises(ValueError) as c:
            rank_spec("in(6) -> dense(0)")
        self.assertEqual("hessrank: spec position 10: dense layer 1: units (0) must be > 0", str(c.exception))


if __name__ == "__main__":
    unittest.main()
