"""Faster, lower-precision copies of a sentence-transformers model for the texts to link.

Two ways, both *row-wise*: every number a text's tokens go through is computed from that
text's own tokens only, so a text's vector does not depend on the other texts of its batch
(PyTorch's dynamic quantisation, used before, scales the activations of a whole batch at once:
"bake bread" moved to cosine 0.97 when batched beside a long sentence). The encoder adds the
other half of the guarantee: nothing is padded (:mod:`matcher.packed`, or batches of one token
length: :func:`matcher.encoder.token_batches`). One limit, bfloat16: oneDNN picks its kernel by the
size of each product (with Intel AMX, other kernels for 33 to 511 rows), so a vector could move by
bfloat16 rounding with its batch's size ("skills" by 1.3e-3 a coordinate, a text's skill scores by up
to 1.8e-4). The packed pass therefore runs at least 512 rows in bfloat16 (``BFLOAT16_ROWS``), which
made it exact on that processor; the 8-bit copy is exact, float32 to its rounding (1e-7).

* ``"int8"``: every linear layer in 8-bit integers. Weights are quantised once per output
  row, activations per token (one scale for each token's vector), and the product is an exact
  integer matrix product (``torch._int_mm``), so a token's output depends only on that token.
* ``"bfloat16"``: the whole model in bfloat16 (fp32 accumulation inside the matrix products).
  Far faster than float32 with Intel AMX, faster on AMD Zen 4 (AVX-512 BF16), slower on the others.

``"fast"`` picks by processor (:func:`fastest_precision`). Speeds and quality:
``docs/benchmarks.md`` (issue 22).
"""

from __future__ import annotations

import copy
from typing import Any

import torch

from matcher.exceptions import ModelLoadError

PRECISIONS = ("float32", "int8", "bfloat16", "fast")
#: added to the model id of a reduced-precision copy (its vectors are cached apart)
SUFFIXES = {"float32": "", "int8": "+int8", "bfloat16": "+bf16"}


def _cpu_has(feature: str) -> bool:
    """Whether PyTorch reports this processor feature (``amx_tile``, ``avx2``...); ``False`` if unknown."""
    check = getattr(getattr(torch, "cpu", None), f"_is_{feature}_supported", None)
    return bool(check()) if check is not None else False


def _cpu_vendor() -> str:
    """The processor vendor (``GenuineIntel``, ``AuthenticAMD``) from ``/proc/cpuinfo``, else ``""``."""
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as info:
            for line in info:
                if line.startswith("vendor_id"):
                    return line.partition(":")[2].strip()
    except OSError:
        pass
    return ""


def fastest_precision() -> str:
    """The reduced precision that is fastest on this processor for short texts.

    ``"bfloat16"`` with Intel AMX (two to five times the full model's speed there) and on AMD
    processors with AVX-512 BF16 (Zen 4: about 1.5 times), ``"float32"`` otherwise: on an Intel
    processor limited to AVX-512 BF16 (no AMX) bfloat16 was slower than float32, and the
    row-wise 8-bit copy was never reliably faster than float32 (-25% to +40% from run to run;
    its per-token scaling costs as much as its integer products). Measured on one Sapphire
    Rapids machine with oneDNN limited to each instruction set in turn and on one AMD EPYC
    (``docs/benchmarks.md``, issue 22).
    """
    if _cpu_has("amx_tile") or (_cpu_has("avx512_bf16") and _cpu_vendor() == "AuthenticAMD"):
        return "bfloat16"
    return "float32"


def resolve_precision(precision: str) -> str:
    """``precision`` itself, or for ``"fast"`` the fastest on this processor (:func:`fastest_precision`).

    Examples
    --------
    >>> resolve_precision("int8")
    'int8'
    >>> resolve_precision("fast") in ("bfloat16", "float32")
    True
    >>> resolve_precision("half")
    Traceback (most recent call last):
    ...
    matcher.exceptions.ModelLoadError: Unknown precision 'half': choose one of float32, int8, bfloat16, fast.
    """
    if precision not in PRECISIONS:
        raise ModelLoadError(f"Unknown precision {precision!r}: choose one of {', '.join(PRECISIONS)}.")
    return fastest_precision() if precision == "fast" else precision


def reduced(model: Any, precision: str) -> Any:
    """A copy of the torch module ``model`` in ``precision`` (``"int8"`` or ``"bfloat16"``)."""
    if precision == "float32":
        return model
    if not isinstance(model, torch.nn.Module):
        raise ModelLoadError(f"Only a PyTorch model can run in {precision}; use precision='float32'.")
    # The copy never holds a second float32 set of weights: bfloat16 ones are made directly, and
    # the linear layers the 8-bit copy replaces share the original's tensors until then.
    memo: dict[int, Any] = {}
    for tensor in [*model.parameters(), *model.buffers()]:
        if precision == "bfloat16" and tensor.is_floating_point():
            memo[id(tensor)] = _like(tensor, tensor.detach().to(torch.bfloat16))
        elif precision == "int8":
            memo[id(tensor)] = tensor
    fresh = copy.deepcopy(model, memo)
    if precision == "bfloat16":
        return fresh.to(torch.bfloat16)  # anything left (none in sentence-transformers models)
    for module in list(fresh.modules()):
        for name, child in list(module.named_children()):
            if isinstance(child, torch.nn.Linear):
                setattr(module, name, RowInt8Linear.from_linear(child))
    return fresh


def _like(original: torch.Tensor, data: torch.Tensor) -> torch.Tensor:
    """``data`` wrapped as ``original`` is (a frozen parameter stays a parameter)."""
    if isinstance(original, torch.nn.Parameter):
        return torch.nn.Parameter(data, requires_grad=False)
    return data


class RowInt8Linear(torch.nn.Module):
    """A linear layer in 8-bit integers, scaled per weight row and per input token.

    ``y = (round(x / a) @ round(W / w).T) * a * w + b`` with ``a`` the largest absolute
    value of each token's input over 127 and ``w`` the same for each row of ``W``; the
    integer product is exact, so each output row depends on its own input row only.
    """

    weight_t: torch.Tensor  # (in, out) int8
    scale: torch.Tensor  # (out,) float32
    bias: torch.Tensor | None

    def __init__(self, weight: torch.Tensor, scale: torch.Tensor, bias: torch.Tensor | None) -> None:
        super().__init__()
        self.register_buffer("weight_t", weight)
        self.register_buffer("scale", scale)
        self.register_buffer("bias", bias)

    @classmethod
    def from_linear(cls, linear: torch.nn.Linear) -> RowInt8Linear:
        """The 8-bit copy of ``linear``."""
        weight = linear.weight.detach().float()
        scale = weight.abs().amax(dim=1).clamp(min=1e-12) / 127.0
        quantised = torch.round(weight / scale[:, None]).to(torch.int8).t().contiguous()
        bias = None if linear.bias is None else linear.bias.detach().float().clone()
        return cls(quantised, scale, bias)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """``x`` through the layer, each token's row scaled on its own."""
        rows = x.reshape(-1, x.shape[-1]).float()
        largest = torch.linalg.vector_norm(rows, ord=float("inf"), dim=1, keepdim=True).clamp(min=1e-12)
        integers = torch.round(rows * (127.0 / largest)).to(torch.int8)
        out = torch._int_mm(integers, self.weight_t).float()
        out.mul_(largest * (1.0 / 127.0)).mul_(self.scale)
        if self.bias is not None:
            out.add_(self.bias)
        return out.reshape(*x.shape[:-1], out.shape[-1]).to(x.dtype)


def bfloat16_products_pay() -> bool:
    """Whether a bfloat16 coarse product with the label texts pays for its second, exact pass here.

    On AMD processors with AVX-512 BF16 (Zen 4) the float32 product is slow (MKL's and OpenBLAS's there)
    and the coarse one linked new text about 1.3 times as fast; with Intel AMX the float32 product is fast
    and the coarse pass slowed linking (TECH 163 against 186 sentences/s cold, HOUSE 410 against 639
    warm, ``docs/benchmarks.md``, issue 22, eighth round). Without bfloat16 instructions it is never taken.
    """
    return _cpu_has("avx512_bf16") and _cpu_vendor() == "AuthenticAMD"
