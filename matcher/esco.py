"""Load the ESCO taxonomy (v1.1, English) from a folder of the official CSV files.

The folder is the one the ESCO portal's CSV download unpacks to. Three files are read:

* ``occupations_en.csv``: ``conceptUri``, ``preferredLabel``, ``iscoGroup`` and, when
  present, ``altLabels`` (one label a line) and ``description``;
* ``skills_en.csv``: ``conceptUri``, ``preferredLabel`` and either the official
  ``altLabels`` + ``description`` columns or a single ``text`` column (alternative labels
  and description run together, as in the project's reference copy);
* ``ISCOGroups_en.csv``: ``code`` and ``preferredLabel`` of the ISCO-08 groups.

The optional skill collections (``transversalSkillsCollection_en.csv``,
``languageSkillsCollection_en.csv``, ``ictSkillsCollection_en.csv``) fill in skill types
and give real URIs to extra skill labels. A list of extra skill labels (one a line, e.g.
``skill_labels_en_v1.1.0.txt``) adds every label the skills file lacks, so that the
vocabulary covers all of ESCO v1.1.0.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from matcher.exceptions import EscoDataError

OCCUPATIONS_FILE = "occupations_en.csv"
SKILLS_FILE = "skills_en.csv"
ISCO_FILE = "ISCOGroups_en.csv"
SKILL_LABELS_FILE = "skill_labels_en_v1.1.0.txt"
COLLECTION_FILES = (
    "transversalSkillsCollection_en.csv",
    "languageSkillsCollection_en.csv",
    "ictSkillsCollection_en.csv",
)
SYNTHETIC_SKILL_PREFIX = "urn:pathways:esco-skill-label:"


@dataclass(frozen=True)
class Occupation:
    """One ESCO occupation with its ISCO-08 unit group (4 digits, as text)."""

    uri: str
    label: str
    isco_group: str
    alt_labels: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class Skill:
    """One ESCO skill or knowledge concept; ``skill_type`` is '' where the files do not say."""

    uri: str
    label: str
    alt_labels: tuple[str, ...] = ()
    description: str = ""
    skill_type: str = ""


@dataclass(frozen=True)
class EscoTaxonomy:
    """Occupations, skills and ISCO-08 group names (code -> label, 1 to 4 digits)."""

    occupations: tuple[Occupation, ...]
    skills: tuple[Skill, ...]
    isco_groups: Mapping[str, str]
    _occupation_index: Mapping[str, int] = field(init=False, repr=False, compare=False)
    _skill_index: Mapping[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        occ = {o.uri: i for i, o in enumerate(self.occupations)}
        ski = {s.uri: i for i, s in enumerate(self.skills)}
        object.__setattr__(self, "isco_groups", MappingProxyType(dict(self.isco_groups)))
        object.__setattr__(self, "_occupation_index", MappingProxyType(occ))
        object.__setattr__(self, "_skill_index", MappingProxyType(ski))

    def occupation(self, uri: str) -> Occupation:
        """Return the occupation with this URI; ``KeyError`` if the taxonomy lacks it.

        Examples
        --------
        >>> esco = EscoTaxonomy((Occupation("u:cook", "cook", "5120"),), (), {"5120": "Cooks"})
        >>> esco.occupation("u:cook").label
        'cook'

        """
        try:
            return self.occupations[self._occupation_index[uri]]
        except KeyError:
            raise KeyError(f"No ESCO occupation with URI {uri!r} in this taxonomy.") from None

    def skill(self, uri: str) -> Skill:
        """Return the skill with this URI; ``KeyError`` if the taxonomy lacks it.

        Examples
        --------
        >>> esco = EscoTaxonomy((), (Skill("u:bake", "bake goods"),), {})
        >>> esco.skill("u:bake").label
        'bake goods'

        """
        try:
            return self.skills[self._skill_index[uri]]
        except KeyError:
            raise KeyError(f"No ESCO skill with URI {uri!r} in this taxonomy.") from None

    def isco_label(self, code: str) -> str:
        """Name of an ISCO-08 group, or '' when the code is unknown.

        Examples
        --------
        >>> EscoTaxonomy((), (), {"5120": "Cooks"}).isco_label("5120")
        'Cooks'

        """
        return self.isco_groups.get(code, "")


def synthetic_skill_uri(label: str) -> str:
    """Stable URI for a skill label whose real ESCO URI is not in the files.

    Examples
    --------
    >>> synthetic_skill_uri("bake goods") == synthetic_skill_uri("bake goods")
    True
    >>> synthetic_skill_uri("bake goods").startswith("urn:pathways:esco-skill-label:")
    True

    """
    return SYNTHETIC_SKILL_PREFIX + hashlib.sha1(label.encode(), usedforsecurity=False).hexdigest()[:16]


def split_labels(cell: str) -> tuple[str, ...]:
    r"""Split an ``altLabels`` cell (one label a line, or ``" | "``-separated) into labels.

    Examples
    --------
    >>> split_labels("chef\nhead cook")
    ('chef', 'head cook')
    >>> split_labels("counsel others | guide")
    ('counsel others', 'guide')
    >>> split_labels("")
    ()

    """
    parts = (p.strip() for line in cell.splitlines() for p in line.split(" | "))
    return tuple(dict.fromkeys(p for p in parts if p))


def _read_csv(path: Path, required: Iterable[str]) -> list[dict[str, str]]:
    if not path.is_file():
        raise EscoDataError(
            f"ESCO file {path.name!r} is missing from {str(path.parent)!r}. Download the ESCO v1.1 "
            "CSV package (English) from the ESCO portal and point to the unpacked folder."
        )
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        columns = [c.strip() for c in reader.fieldnames or []]
        missing = [c for c in required if c not in columns]
        if missing:
            raise EscoDataError(
                f"ESCO file {str(path)!r} lacks the column(s) {', '.join(missing)}; "
                f"found: {', '.join(columns) or 'no header'}. Is it the official ESCO v1.1 CSV format?"
            )
        return [{(k or "").strip(): (v or "").strip() for k, v in row.items()} for row in reader]


def _load_occupations(directory: Path) -> tuple[Occupation, ...]:
    rows = _read_csv(directory / OCCUPATIONS_FILE, ("conceptUri", "preferredLabel", "iscoGroup"))
    occupations = []
    for row in rows:
        if not row["conceptUri"]:
            continue
        occupations.append(
            Occupation(
                uri=row["conceptUri"],
                label=row["preferredLabel"],
                isco_group=row["iscoGroup"],
                alt_labels=split_labels(row.get("altLabels", "")),
                description=row.get("description", ""),
            )
        )
    return tuple(occupations)


def _load_collections(directory: Path) -> dict[str, dict[str, str]]:
    """Rows of the optional skill collections, by concept URI."""
    found: dict[str, dict[str, str]] = {}
    for name in COLLECTION_FILES:
        path = directory / name
        if path.is_file():
            for row in _read_csv(path, ("conceptUri", "preferredLabel")):
                found.setdefault(row["conceptUri"], row)
    return found


def _load_skills(directory: Path, collections: Mapping[str, Mapping[str, str]]) -> list[Skill]:
    path = directory / SKILLS_FILE
    rows = _read_csv(path, ("conceptUri", "preferredLabel"))
    if rows and not ({"text", "description", "altLabels"} & rows[0].keys()):
        raise EscoDataError(
            f"ESCO file {str(path)!r} lacks the column(s) altLabels and description "
            "(official format) or text (alternative labels and description together)."
        )
    skills = []
    for row in rows:
        uri = row["conceptUri"]
        if not uri:
            continue
        extra = collections.get(uri, {})
        if "altLabels" in row or "description" in row:
            alt, desc = split_labels(row.get("altLabels", "")), row.get("description", "")
        else:
            alt, desc = split_labels(extra.get("altLabels", "")), row.get("text", "")
        skill_type = row.get("skillType") or extra.get("skillType", "")
        skills.append(Skill(uri, row["preferredLabel"], alt, desc, skill_type))
    return skills


def _extra_skills(
    labels_file: Path, known: list[Skill], collections: Mapping[str, Mapping[str, str]]
) -> list[Skill]:
    if not labels_file.is_file():
        raise EscoDataError(f"The list of extra skill labels {str(labels_file)!r} does not exist.")
    have_labels = {s.label for s in known}
    have_uris = {s.uri for s in known}
    by_label = {row["preferredLabel"]: (uri, row) for uri, row in collections.items()}
    extra = []
    for line in labels_file.read_text(encoding="utf-8").splitlines():
        label = line.strip()
        if not label or label in have_labels:
            continue
        have_labels.add(label)
        uri, row = by_label.get(label, ("", {}))
        if uri and uri not in have_uris:
            alt, desc = split_labels(row.get("altLabels", "")), row.get("description", "")
            extra.append(Skill(uri, label, alt, desc, row.get("skillType", "")))
        else:
            extra.append(Skill(synthetic_skill_uri(label), label))
    return extra


def _load_isco(directory: Path) -> dict[str, str]:
    rows = _read_csv(directory / ISCO_FILE, ("code", "preferredLabel"))
    return {row["code"]: row["preferredLabel"] for row in rows if row["code"]}


def load_esco(directory: str | Path, extra_skill_labels: str | Path | None = None) -> EscoTaxonomy:
    r"""Load an ESCO v1.1 English CSV folder into an :class:`EscoTaxonomy`.

    Parameters
    ----------
    directory:
        The unpacked ESCO CSV download (or the project's reference copy).
    extra_skill_labels:
        A text file of skill preferred labels, one a line; labels the skills file lacks
        are added as skills (with their real URI when a skill collection file knows it,
        else a stable synthetic ``urn:pathways:esco-skill-label:...`` URI). ``None`` uses
        ``skill_labels_en_v1.1.0.txt`` in ``directory`` when that file exists.

    Raises
    ------
    EscoDataError
        When the folder, a required file or a required column is missing.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "occupations_en.csv").write_text(
    ...     'conceptUri,iscoGroup,preferredLabel,altLabels,description\n'
    ...     'u:cook,5120,cook,"chef\nline cook",Prepares food.\n')
    >>> _ = (folder / "skills_en.csv").write_text(
    ...     "conceptUri,preferredLabel,text\nu:bake,bake goods,bake bread Bake goods.\n")
    >>> _ = (folder / "ISCOGroups_en.csv").write_text("code,preferredLabel\n5120,Cooks\n")
    >>> esco = load_esco(folder)
    >>> esco.occupation("u:cook").alt_labels, esco.isco_groups["5120"], len(esco.skills)
    (('chef', 'line cook'), 'Cooks', 1)

    """
    folder = Path(directory)
    if not folder.is_dir():
        raise EscoDataError(
            f"ESCO folder {str(folder)!r} does not exist. Download the ESCO v1.1 CSV package "
            "(English) from the ESCO portal, unpack it, and give that folder."
        )
    collections = _load_collections(folder)
    occupations = _load_occupations(folder)
    skills = _load_skills(folder, collections)
    if extra_skill_labels is not None:
        skills += _extra_skills(Path(extra_skill_labels), skills, collections)
    elif (folder / SKILL_LABELS_FILE).is_file():
        skills += _extra_skills(folder / SKILL_LABELS_FILE, skills, collections)
    if not occupations:
        raise EscoDataError(f"ESCO file {str(folder / OCCUPATIONS_FILE)!r} has no occupations.")
    return EscoTaxonomy(occupations, tuple(skills), _load_isco(folder))
