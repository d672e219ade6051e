#!/usr/bin/env python3
"""A hessrank spec from a PyTorch ``nn.Sequential``, and its exact Hessian ranks.

    >>> import torch.nn as nn
    >>> from spec_from_torch import spec_from_torch, hessrank_ranks
    >>> model = nn.Sequential(nn.Conv1d(1, 2, 3, bias=False), nn.Flatten(), nn.Linear(12, 3, bias=False))
    >>> spec_from_torch(model, input_shape=(1, 8))
    'in(1,8) -> conv(2,k=3) -> flatten -> dense(3)'
    >>> hessrank_ranks(model, input_shape=(1, 8), samples=30)   # runs ./hessrank rank --format json
    {'H_O': 24, 'H_F': 12, 'H_L': 35, 'parameters': 42, 'arch': 'in(1,8) -> conv(2,k=3) -> flatten -> dense(3)', ...}

The modules and their specs (docs/spec-grammar.md; docs/python.md):

- ``Linear(n, K, bias)``  ->  ``dense(K)`` or ``dense(K,bias)``; its input must be flat (a vector:
  hessrank's dense flattens any input, torch's Linear acts on the last axis only, so after a
  conv put ``nn.Flatten()`` first);
- ``Conv1d`` / ``Conv2d(C_in, C, k, stride, padding, bias)``  ->  ``conv(C,k=..,stride=..,pad=..[,bias])``
  (``3x2`` for a non-square 2D extent; stride 1 and padding 0 are left out); dilation 1,
  groups 1 and zero padding only;
- ``ReLU``  ->  ``relu``; ``LeakyReLU(a)``  ->  ``leakyrelu(n/d)`` with ``a`` as a fraction;
  ``Tanh``, ``Sigmoid``  ->  ``tanh``, ``sigmoid`` (their exact ranks are refused by hessrank,
  the numeric paths take them);
- ``AvgPool1d(s)`` / ``AvgPool2d(s)``  ->  ``avgpool(s)``: non-overlapping windows only (stride = kernel,
  square in 2D, no padding, no ceil_mode);
- ``Flatten()``  ->  ``flatten``; ``Identity()``  ->  ``id``.

A module whose trainable weights are frozen (``requires_grad`` False on all of its parameters)
becomes ``dense(K,frozen)`` or ``conv(...,frozen)``. Anything else raises ``ValueError`` naming the
module by its index in the Sequential and its class, and why.

Needs only Python 3 for the spec (torch only to build the model); ``hessrank_ranks`` runs the
hessrank launcher (default: the repository's ``./hessrank``; needs java 17+ and mvn).
"""

import json
import os
import subprocess
from fractions import Fraction

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HESSRANK = os.path.join(REPO, "hessrank")


def _pair(value, what, index, name):
    """An int or a pair of ints as (height, width)."""
    if isinstance(value, int):
        return value, value
    if isinstance(value, (tuple, list)) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return int(value[0]), int(value[1])
    raise ValueError("module %d (%s): %s %r is not an int or a pair of ints" % (index, name, what, value))


def _single(value, what, index, name):
    """An int or a 1-tuple of an int."""
    if isinstance(value, int):
        return value
    if isinstance(value, (tuple, list)) and len(value) == 1 and isinstance(value[0], int):
        return int(value[0])
    raise ValueError("module %d (%s): %s %r is not an int" % (index, name, what, value))


def _extent(hw):
    return str(hw[0]) if hw[0] == hw[1] else "%dx%d" % hw


def _frozen(module, index, name):
    """True when every parameter of the module is frozen, False when none is; refuses a mix."""
    flags = [p.requires_grad for p in module.parameters(recurse=False)]
    if flags and all(flags):
        return False
    if flags and not any(flags):
        return True
    raise ValueError("module %d (%s): some of its parameters are frozen and some not; hessrank freezes a "
                     "layer's weights and bias together (dense(K,bias,frozen))" % (index, name))


def _shape_text(shape):
    return "(" + ", ".join(str(s) for s in shape) + ")"


def spec_from_torch(model, input_shape):
    """The hessrank spec of ``model``, an ``nn.Sequential``, on inputs of ``input_shape``.

    ``input_shape`` is one sample's shape without the batch axis: ``(d,)`` (or an int ``d``) for a
    vector, ``(C, L)`` for a 1D signal, ``(C, H, W)`` for an image. Raises ``ValueError`` naming
    the module (index and class) that has no spec, or whose input shape does not fit it.
    """
    import torch.nn as nn

    if not isinstance(model, nn.Sequential):
        raise ValueError("model (%s) must be an nn.Sequential" % type(model).__name__)
    shape = (input_shape,) if isinstance(input_shape, int) else tuple(int(s) for s in input_shape)
    if not 1 <= len(shape) <= 3 or any(s <= 0 for s in shape):
        raise ValueError("input_shape %r must be (d,), (C, L) or (C, H, W) with positive sizes" % (input_shape,))
    parts = ["in(%s)" % ",".join(str(s) for s in shape)]
    if len(model) == 0:
        raise ValueError("model has no modules")
    for index, module in enumerate(model):
        name = type(module).__name__
        spec, shape = _layer(module, index, name, shape, nn)
        parts.append(spec)
    return " -> ".join(parts)


def _layer(m, index, name, shape, nn):
    """(spec, output shape) of one module on an input of ``shape``."""
    where = "module %d (%s)" % (index, name)
    if isinstance(m, nn.Linear):
        if len(shape) != 1:
            raise ValueError("%s: input shape %s is not flat; put nn.Flatten() before it (hessrank's dense "
                             "flattens its input, torch's Linear acts on the last axis only)"
                             % (where, _shape_text(shape)))
        if m.in_features != shape[0]:
            raise ValueError("%s: in_features (%d) differs from its input size (%d)" % (where, m.in_features, shape[0]))
        flags = (",bias" if m.bias is not None else "") + (",frozen" if _frozen(m, index, name) else "")
        return "dense(%d%s)" % (m.out_features, flags), (m.out_features,)
    if isinstance(m, (nn.Conv1d, nn.Conv2d)):
        two_d = isinstance(m, nn.Conv2d)
        if len(shape) != (3 if two_d else 2):
            raise ValueError("%s: input shape %s must be %s" % (where, _shape_text(shape),
                                                                "(C, H, W)" if two_d else "(C, L)"))
        if m.in_channels != shape[0]:
            raise ValueError("%s: in_channels (%d) differs from its input's channels (%d)"
                             % (where, m.in_channels, shape[0]))
        if m.groups != 1:
            raise ValueError("%s: groups (%d) must be 1: hessrank has no grouped conv" % (where, m.groups))
        if m.padding_mode != "zeros":
            raise ValueError("%s: padding_mode (%r) must be 'zeros'" % (where, m.padding_mode))
        if isinstance(m.padding, str):
            if m.padding != "valid":
                raise ValueError("%s: padding (%r) has no spec; give the padding as a number" % (where, m.padding))
            padding = 0
        else:
            padding = m.padding
        read = _pair if two_d else _single
        dil = read(m.dilation, "dilation", index, name)
        if dil != ((1, 1) if two_d else 1):
            raise ValueError("%s: dilation %r must be 1: hessrank has no dilated conv" % (where, m.dilation))
        k, s, p = (read(v, w, index, name) for v, w in ((m.kernel_size, "kernel_size"), (m.stride, "stride"),
                                                        (padding, "padding")))
        if not two_d:
            k, s, p = (k, k), (s, s), (p, p)
        sizes = shape[1:] if two_d else shape[1:] * 2
        out = []
        for axis in range(2):
            if k[axis] > sizes[axis] + 2 * p[axis]:
                raise ValueError("%s: kernel (%d) is larger than its padded input (%d)"
                                 % (where, k[axis], sizes[axis] + 2 * p[axis]))
            out.append((sizes[axis] + 2 * p[axis] - k[axis]) // s[axis] + 1)
        ext = _extent if two_d else (lambda hw: str(hw[0]))
        text = "conv(%d,k=%s" % (m.out_channels, ext(k))
        if s != (1, 1):
            text += ",stride=" + ext(s)
        if p != (0, 0):
            text += ",pad=" + ext(p)
        text += (",bias" if m.bias is not None else "") + (",frozen" if _frozen(m, index, name) else "") + ")"
        return text, (m.out_channels, out[0], out[1]) if two_d else (m.out_channels, out[0])
    if isinstance(m, (nn.AvgPool1d, nn.AvgPool2d)):
        two_d = isinstance(m, nn.AvgPool2d)
        if len(shape) != (3 if two_d else 2):
            raise ValueError("%s: input shape %s must be %s" % (where, _shape_text(shape),
                                                                "(C, H, W)" if two_d else "(C, L)"))
        read = _pair if two_d else _single
        k = read(m.kernel_size, "kernel_size", index, name)
        s = read(m.stride if m.stride is not None else m.kernel_size, "stride", index, name)
        p = read(m.padding, "padding", index, name)
        if two_d and k[0] != k[1]:
            raise ValueError("%s: kernel_size %r must be square: avgpool(s) averages s x s windows" % (where, k))
        if s != k:
            raise ValueError("%s: stride %r must equal kernel_size %r: avgpool(s) has non-overlapping windows"
                             % (where, m.stride, m.kernel_size))
        if p not in (0, (0, 0)):
            raise ValueError("%s: padding %r must be 0" % (where, m.padding))
        if m.ceil_mode:
            raise ValueError("%s: ceil_mode must be False: avgpool(s) rounds sizes down" % where)
        if two_d and m.divisor_override is not None:
            raise ValueError("%s: divisor_override must be None" % where)
        w = k[0] if two_d else k
        if any(w > size for size in shape[1:]):
            raise ValueError("%s: window (%d) is larger than its input %s" % (where, w, _shape_text(shape)))
        return "avgpool(%d)" % w, (shape[0],) + tuple(size // w for size in shape[1:])
    if isinstance(m, nn.Flatten):
        if m.start_dim != 1 or m.end_dim != -1:
            raise ValueError("%s: start_dim %d, end_dim %d must be 1 and -1 (flatten a whole sample)"
                             % (where, m.start_dim, m.end_dim))
        size = 1
        for d in shape:
            size *= d
        return "flatten", (size,)
    if isinstance(m, nn.LeakyReLU):
        slope = Fraction(m.negative_slope).limit_denominator(10 ** 6)
        if float(slope) != float(m.negative_slope):
            raise ValueError("%s: negative_slope %r is not a fraction with denominator <= 10^6"
                             % (where, m.negative_slope))
        return "leakyrelu(%d/%d)" % (slope.numerator, slope.denominator), shape
    simple = {nn.ReLU: "relu", nn.Tanh: "tanh", nn.Sigmoid: "sigmoid", nn.Identity: "id"}
    if type(m) in simple:
        return simple[type(m)], shape
    raise ValueError("%s: no hessrank spec for this module (spec_from_torch takes Linear, Conv1d, Conv2d, ReLU, "
                     "LeakyReLU, Tanh, Sigmoid, AvgPool1d, AvgPool2d, Flatten and Identity)" % where)


def rank_spec(spec, samples=None, hessrank=HESSRANK, extra=()):
    """``hessrank rank --arch SPEC --format json`` (plus ``--samples``, plus ``extra`` arguments).

    Returns a dict: ``H_O``, ``H_F``, ``H_L`` (the exact ranks), ``parameters``, ``arch`` (hessrank's
    canonical spec), ``grade`` (of H_L), and ``report`` (the whole JSON report). A violated
    statement (exit code 1) still returns its ranks; bad input (exit code 2) raises ``ValueError``
    with hessrank's message, any other failure ``RuntimeError``.
    """
    cmd = [hessrank, "rank", "--arch", spec, "--format", "json"]
    if samples is not None:
        cmd += ["--samples", str(int(samples))]
    cmd += [str(a) for a in extra]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode == 2:
        raise ValueError(proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "hessrank: exit 2")
    if proc.returncode not in (0, 1):
        raise RuntimeError("%s exited with %d: %s" % (" ".join(cmd), proc.returncode, proc.stderr.strip()[-2000:]))
    report = json.loads(proc.stdout)
    h = report["hessian"]
    return {"H_O": h["O"]["rank"], "H_F": h["F"]["rank"], "H_L": h["L"]["rank"],
            "parameters": report["parameters"], "arch": report["arch"], "grade": h["L"]["grade"],
            "report": report}


def hessrank_ranks(model, input_shape, samples=None, hessrank=HESSRANK, extra=()):
    """The exact ranks of ``model`` by ``hessrank rank``: ``rank_spec(spec_from_torch(model, input_shape), ...)``.

    Also checks that hessrank counts as many parameters as torch (trainable ones: ``requires_grad``);
    raises ``ValueError`` if not.
    """
    spec = spec_from_torch(model, input_shape)
    r = rank_spec(spec, samples=samples, hessrank=hessrank, extra=extra)
    torch_count = sum(p.numel() for p in model.parameters() if p.requires_grad)
    if torch_count != r["parameters"]:
        raise ValueError("hessrank counts %d parameters in %s, torch %d" % (r["parameters"], spec, torch_count))
    return r


if __name__ == "__main__":
    import torch.nn as nn

    demo = nn.Sequential(nn.Conv1d(1, 2, 3, bias=False), nn.Flatten(), nn.Linear(12, 3, bias=False))
    s = spec_from_torch(demo, input_shape=(1, 8))
    print(s)
    r = hessrank_ranks(demo, input_shape=(1, 8), samples=30)
    print({k: v for k, v in r.items() if k != "report"})
