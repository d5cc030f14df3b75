"""Parameters are data: YAML files where every default has a value, a unit and a source.

Packaged parameter sets live in ``planner/parameters/*.yaml``. A parameter file has a ``title`` and
sections (``cooperative``, ``business``, ``threex6``); each entry is a mapping with ``value``, ``unit``
and ``source`` (and an optional ``note``, and ``as_of``: the day a published figure was published, so
that its age can be said). A user's plan file (see ``planner/examples``) names the
packaged ``defaults`` to start from and overrides any values, plainly (``monthly_saving: 500``) or in
the same value/unit/source form.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

import yaml

from planner.config import BusinessConfig, CooperativeConfig, ThreeBySixConfig, build
from planner.exceptions import ConfigError, ParameterError
from planner.feasibility import MarketEvidence

_ENTRY_KEYS = {"value", "unit", "source", "note", "currency", "confirm", "as_of"}
#: the example plan files shipped with the package
EXAMPLES = Path(__file__).resolve().parent / "examples"


@dataclass(frozen=True)
class Parameter:
    """One default: its value, unit and where it comes from.

    ``value`` is ``None`` where no source was found (the planner then asks for the figure);
    ``currency`` names the currency of an amount when it is not the file's; ``confirm`` marks a
    figure that should be checked against its source before it is relied on; ``as_of`` is the day a
    figure that moves (a lending rate) was published, so that a page can say how old it is.
    """

    value: Any
    unit: str
    source: str
    note: str = ""
    currency: str = ""
    confirm: bool = False
    as_of: dt.date | None = None


@dataclass(frozen=True)
class ParameterSet:
    """A packaged parameter file: title plus sections of named :class:`Parameter` entries."""

    name: str
    title: str
    sections: Mapping[str, Mapping[str, Parameter]]
    currency: str = ""

    def values(self, section: str) -> dict[str, Any]:
        """Plain ``name -> value`` of one section (empty when the file has no such section)."""
        return {k: p.value for k, p in self.sections.get(section, {}).items()}


def available_parameter_sets() -> list[str]:
    """Names of the packaged parameter files.

    Examples
    --------
    >>> "threex6_burundi" in available_parameter_sets()
    True
    """
    folder = resources.files("planner") / "parameters"
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


def _read_yaml(path: Path | Any, label: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read {label}: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{label} must be a mapping of sections, not {type(data).__name__}")
    return data


def _parse_entry(raw: Any, where: str) -> Parameter:
    if not isinstance(raw, dict) or "value" not in raw:
        raise ParameterError(f"{where} needs 'value', 'unit' and 'source'")
    extra = set(raw) - _ENTRY_KEYS
    if extra:
        raise ConfigError(f"{where} has unknown key(s) {', '.join(sorted(extra))}")
    for key in ("unit", "source"):
        if not str(raw.get(key, "")).strip():
            raise ParameterError(f"{where} has no {key}; every default needs a unit and a source")
    as_of = raw.get("as_of")
    if as_of is not None and (not isinstance(as_of, dt.date) or isinstance(as_of, dt.datetime)):
        raise ConfigError(f"{where}.as_of must be the day the figure was published, written YYYY-MM-DD")
    return Parameter(
        raw["value"],
        str(raw["unit"]),
        str(raw["source"]),
        str(raw.get("note", "")),
        str(raw.get("currency", "")),
        bool(raw.get("confirm", False)),
        as_of,
    )


def load_parameter_set(name_or_path: str | Path) -> ParameterSet:
    """Load a packaged parameter set by name (``"cooperative_nepal"``) or a parameter file by path.

    Raises
    ------
    ConfigError
        The file is missing, not YAML, or not laid out as sections of entries.
    ParameterError
        An entry has no value, unit or source.

    Examples
    --------
    >>> p = load_parameter_set("threex6_burundi")
    >>> p.sections["threex6"]["daily_wage"].value
    2.4
    """
    path = Path(name_or_path)
    if path.suffix not in (".yaml", ".yml"):
        return _packaged(str(name_or_path))
    return _parameter_set(_read_yaml(path, str(path)), path.stem)


@functools.cache
def _packaged(name: str) -> ParameterSet:
    """A packaged parameter set, read once a process (they do not change while it runs), read-only.

    A plan form reads the same few files about twenty times (13 ms each).
    """
    resource = resources.files("planner") / "parameters" / f"{name}.yaml"
    if not resource.is_file():
        known = ", ".join(available_parameter_sets())
        raise ConfigError(f"no packaged parameter set called {name!r}; known: {known}")
    params = _parameter_set(_read_yaml(resource, f"parameter set {name}"), name)
    frozen = {key: MappingProxyType(entries) for key, entries in params.sections.items()}
    return dataclasses.replace(params, sections=MappingProxyType(frozen))


def _parameter_set(data: dict[str, Any], name: str) -> ParameterSet:
    """The :class:`ParameterSet` of a parameter file's parsed YAML."""
    sections: dict[str, dict[str, Parameter]] = {}
    for section, entries in data.items():
        if section in ("title", "description", "currency"):
            continue
        if not isinstance(entries, dict):
            raise ConfigError(f"{name}: section {section!r} must be a mapping of parameters")
        sections[section] = {k: _parse_entry(v, f"{name}.{section}.{k}") for k, v in entries.items()}
    return ParameterSet(
        name=name,
        title=str(data.get("title", name)),
        sections=sections,
        currency=str(data.get("currency", "")),
    )


def _plain(values: Mapping[str, Any], where: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, raw in values.items():
        out[key] = _parse_entry(raw, f"{where}.{key}").value if isinstance(raw, dict) else raw
    return out


def _section(overrides: Mapping[str, Any], key: str, where: str) -> dict[str, Any]:
    raw = overrides.get(key, {}) or {}
    if not isinstance(raw, Mapping):
        raise ConfigError(f"{where}: section {key!r} must be a mapping of settings")
    return _plain(raw, f"{where}.{key}")


SettingsT = TypeVar("SettingsT", CooperativeConfig, ThreeBySixConfig)


def _with_business(
    cls: type[SettingsT], section: str, overrides: Mapping[str, Any] | None, defaults: str | Path
) -> SettingsT:
    """Settings ``cls`` of ``section``: packaged defaults with ``overrides`` on top, ``business`` nested."""
    overrides = dict(overrides or {})
    base = load_parameter_set(defaults)
    business = {**base.values("business"), **_section(overrides, "business", "business")}
    own = _plain({k: v for k, v in overrides.items() if k != "business"}, section)
    values = {**base.values(section), **own}
    values["business"] = build(BusinessConfig, business, "business")
    return build(cls, values, section)


def cooperative_config(
    overrides: Mapping[str, Any] | None = None, *, defaults: str | Path = "cooperative_nepal"
) -> CooperativeConfig:
    """Cooperative settings: packaged defaults with ``overrides`` on top (e.g. from a web form).

    ``overrides`` may hold cooperative fields at the top level and a nested ``business`` mapping.

    Examples
    --------
    >>> cfg = cooperative_config({"initial_members": 25, "business": {"enabled": False}})
    >>> cfg.initial_members, cfg.business.enabled
    (25, False)
    """
    return _with_business(CooperativeConfig, "cooperative", overrides, defaults)


def threex6_config(
    overrides: Mapping[str, Any] | None = None, *, defaults: str | Path = "threex6_burundi"
) -> ThreeBySixConfig:
    """3x6 settings: packaged defaults (Burundi unless told) with ``overrides`` on top.

    Examples
    --------
    >>> cfg = threex6_config({"participants": 60})
    >>> cfg.daily_wage, cfg.match_ratio, cfg.participants
    (2.4, 3.0, 60)
    """
    return _with_business(ThreeBySixConfig, "threex6", overrides, defaults)


def read_plan_file(path: str | Path) -> dict[str, Any]:
    """Read a plan file (``model``, ``defaults``, ``runs``, ``seed`` and setting sections).

    Raises
    ------
    ConfigError
        When the file cannot be read or has no ``model`` line.

    Examples
    --------
    >>> read_plan_file(EXAMPLES / "coop_kathmandu.yaml")["model"]
    'cooperative'
    """
    data = _read_yaml(Path(path), str(path))
    if data.get("model") not in ("cooperative", "3x6"):
        raise ConfigError(f"{path}: 'model' must be 'cooperative' or '3x6', got {data.get('model')!r}")
    return data


_PLAN_KEYS = {"model", "defaults", "runs", "seed", "title", "description", "business"}


def _plan(path: str | Path, model: str, sections: set[str]) -> dict[str, Any]:
    data = read_plan_file(path)
    if data["model"] != model:
        command = "coop" if data["model"] == "cooperative" else data["model"]
        raise ConfigError(f"{path} is a {data['model']} plan; run it with 'pathways plan {command}'")
    unknown = sorted(set(data) - _PLAN_KEYS - sections)
    if unknown:
        known = ", ".join(sorted(_PLAN_KEYS | sections))
        raise ConfigError(f"{path}: unknown section(s) {', '.join(unknown)}; known: {known}")
    return data


def load_cooperative_plan(path: str | Path) -> CooperativeConfig:
    """Cooperative settings from a plan file such as ``planner/examples/coop_kathmandu.yaml``.

    Examples
    --------
    >>> load_cooperative_plan(EXAMPLES / "coop_kathmandu.yaml").business.startup_cost
    200000
    """
    data = _plan(path, "cooperative", {"cooperative"})
    overrides = dict(_section(data, "cooperative", str(path)))
    overrides["business"] = _section(data, "business", str(path))
    return cooperative_config(overrides, defaults=data.get("defaults", "cooperative_nepal"))


def load_threex6_plan(path: str | Path) -> ThreeBySixConfig:
    """3x6 settings from a plan file such as ``planner/examples/3x6_burundi.yaml``.

    Examples
    --------
    >>> load_threex6_plan(EXAMPLES / "3x6_yemen_loan.yaml").daily_wage
    10.0
    """
    data = _plan(path, "3x6", {"threex6", "market_evidence"})
    overrides = dict(_section(data, "threex6", str(path)))
    overrides["business"] = _section(data, "business", str(path))
    return threex6_config(overrides, defaults=data.get("defaults", "threex6_burundi"))


def load_market_evidence(path: str | Path) -> MarketEvidence | None:
    """The optional ``market_evidence`` section of a 3x6 plan file (``None`` when absent).

    Examples
    --------
    >>> load_market_evidence(EXAMPLES / "3x6_burundi.yaml").related_vacancies
    14
    """
    data = read_plan_file(path)
    raw = data.get("market_evidence")
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        raise ConfigError(f"{path}: market_evidence must be a mapping")
    return MarketEvidence.from_mapping(raw)
