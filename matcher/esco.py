"""Load the ESCO taxonomy from folders of the official CSV files, in one language or several.

A folder is the one the ESCO portal's CSV download unpacks to, in any language ``xx``
(ESCO v1.0 or v1.1 column sets). Three files are read per language:

* ``occupations_xx.csv``: ``conceptUri``, ``preferredLabel``, ``iscoGroup`` and, when
  present, ``altLabels`` (one label a line) and ``description``;
* ``skills_xx.csv``: ``conceptUri``, ``preferredLabel`` and either the official
  ``altLabels`` + ``description`` columns or a single ``text`` column (alternative labels
  and description run together, as in the project's reference copy);
* ``ISCOGroups_xx.csv``: ``code`` and ``preferredLabel`` of the ISCO-08 groups.

Several languages load at once (several folders, or one folder holding several languages'
files; see :func:`load_esco`): concepts are keyed by their URI, which ESCO shares across
languages, so every language's labels ground to the same concept. English, when loaded, is
the primary language (``Occupation.label``); the others are ``translations``.

The optional skill collections (``transversalSkillsCollection_en.csv``,
``languageSkillsCollection_en.csv``, ``ictSkillsCollection_en.csv``) fill in skill types
and give real URIs to extra skill labels. A list of extra skill labels (one a line, e.g.
``skill_labels_en_v1.1.0.txt``) adds every label the skills file lacks, so that the
vocabulary covers all of ESCO v1.1.0.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, cast

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
_OCCUPATIONS_NAME = re.compile(r"^occupations_([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)?)\.csv$")


@dataclass(frozen=True)
class LocalLabels:
    """A concept's labels (and description) in one language other than its primary one."""

    language: str
    label: str
    alt_labels: tuple[str, ...] = ()
    description: str = ""


class _Labelled:
    """Labels of a concept in every loaded language."""

    uri: str
    label: str
    alt_labels: tuple[str, ...]
    description: str
    language: str
    translations: tuple[LocalLabels, ...]

    def labels_by_language(self) -> tuple[LocalLabels, ...]:
        """The primary language's labels first, then each translation.

        Examples
        --------
        >>> cook = Occupation("u:cook", "cook", "5120", ("chef",),
        ...                   translations=(LocalLabels("es", "cocinero", ("cocinera",)),))
        >>> [(x.language, x.label) for x in cook.labels_by_language()]
        [('en', 'cook'), ('es', 'cocinero')]

        """
        own = LocalLabels(self.language, self.label, self.alt_labels, self.description)
        return (own, *self.translations)

    def label_in(self, language: str) -> str:
        """The preferred label in ``language`` (its primary-language label when ESCO has none there).

        Examples
        --------
        >>> cook = Occupation("u:cook", "cook", "5120", translations=(LocalLabels("fr", "cuisinier"),))
        >>> cook.label_in("fr"), cook.label_in("es")
        ('cuisinier', 'cook')

        """
        for local in self.translations:
            if local.language == language:
                return local.label
        return self.label


@dataclass(frozen=True)
class Occupation(_Labelled):
    """One ESCO occupation with its ISCO-08 unit group (4 digits, as text)."""

    uri: str
    label: str
    isco_group: str
    alt_labels: tuple[str, ...] = ()
    description: str = ""
    language: str = "en"
    translations: tuple[LocalLabels, ...] = ()


@dataclass(frozen=True)
class Skill(_Labelled):
    """One ESCO skill or knowledge concept; ``skill_type`` is '' where the files do not say."""

    uri: str
    label: str
    alt_labels: tuple[str, ...] = ()
    description: str = ""
    skill_type: str = ""
    language: str = "en"
    translations: tuple[LocalLabels, ...] = ()


@dataclass(frozen=True)
class EscoTaxonomy:
    """Occupations, skills and ISCO-08 group names (code -> label, 1 to 4 digits).

    ``languages`` are the loaded languages, primary first; ``isco_translations`` holds the
    group names in the other languages (language -> code -> label).
    """

    occupations: tuple[Occupation, ...]
    skills: tuple[Skill, ...]
    isco_groups: Mapping[str, str]
    languages: tuple[str, ...] = ("en",)
    isco_translations: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    _occupation_index: Mapping[str, int] = field(init=False, repr=False, compare=False)
    _skill_index: Mapping[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        occ = {o.uri: i for i, o in enumerate(self.occupations)}
        ski = {s.uri: i for i, s in enumerate(self.skills)}
        object.__setattr__(self, "isco_groups", MappingProxyType(dict(self.isco_groups)))
        translated = {k: MappingProxyType(dict(v)) for k, v in self.isco_translations.items()}
        object.__setattr__(self, "isco_translations", MappingProxyType(translated))
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
            f"ESCO file {path.name!r} is missing from {str(path.parent)!r}. Download the ESCO CSV "
            "package (v1.0 or v1.1, in the language you need) from the ESCO portal and point to the "
            "unpacked folder."
        )
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        columns = [c.strip() for c in reader.fieldnames or []]
        missing = [c for c in required if c not in columns]
        if missing:
            raise EscoDataError(
                f"ESCO file {str(path)!r} lacks the column(s) {', '.join(missing)}; "
                f"found: {', '.join(columns) or 'no header'}. Is it the official ESCO CSV format?"
            )
        return [{(k or "").strip(): (v or "").strip() for k, v in row.items()} for row in reader]


def _load_occupations(directory: Path, language: str = "en") -> tuple[Occupation, ...]:
    rows = _read_csv(directory / f"occupations_{language}.csv", ("conceptUri", "preferredLabel", "iscoGroup"))
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
                language=language,
            )
        )
    return tuple(occupations)


def _load_collections(directory: Path, language: str = "en") -> dict[str, dict[str, str]]:
    """Rows of the optional skill collections, by concept URI."""
    found: dict[str, dict[str, str]] = {}
    for name in COLLECTION_FILES:
        path = directory / name.replace("_en.csv", f"_{language}.csv")
        if path.is_file():
            for row in _read_csv(path, ("conceptUri", "preferredLabel")):
                found.setdefault(row["conceptUri"], row)
    return found


def _load_skills(
    directory: Path, collections: Mapping[str, Mapping[str, str]], language: str = "en"
) -> list[Skill]:
    path = directory / f"skills_{language}.csv"
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
        skills.append(Skill(uri, row["preferredLabel"], alt, desc, skill_type, language=language))
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


def _load_isco(directory: Path, language: str = "en") -> dict[str, str]:
    rows = _read_csv(directory / f"ISCOGroups_{language}.csv", ("code", "preferredLabel"))
    return {row["code"]: row["preferredLabel"] for row in rows if row["code"]}


def esco_folders(directory: str | Path | Sequence[str | Path]) -> list[Path]:
    """The folders named by ``directory``: one path, a sequence of them, or paths joined by ``os.pathsep``.

    Examples
    --------
    >>> [p.name for p in esco_folders("/data/esco-en" + os.pathsep + "/data/esco-es")]
    ['esco-en', 'esco-es']
    >>> [p.name for p in esco_folders(["/data/esco-fr"])]
    ['esco-fr']

    """
    if isinstance(directory, (str, Path)):
        parts = [p for p in str(directory).split(os.pathsep) if p.strip()]
    else:
        parts = [str(p) for p in directory]
    return [Path(p.strip()) for p in dict.fromkeys(parts)]


def folder_languages(folder: str | Path) -> tuple[str, ...]:
    """ESCO languages of a folder: the ``xx`` of every ``occupations_xx.csv`` in it, sorted.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "occupations_fr.csv").write_text("")
    >>> _ = (folder / "occupations_es.csv").write_text("")
    >>> folder_languages(folder)
    ('es', 'fr')

    """
    names = (p.name for p in Path(folder).iterdir() if p.is_file())
    return tuple(sorted(m.group(1) for m in map(_OCCUPATIONS_NAME.match, names) if m))


def _language_folders(folders: Sequence[Path], languages: Sequence[str] | None) -> dict[str, Path]:
    """Each language to load -> its folder; English first when loaded, then the others in order."""
    found: dict[str, Path] = {}
    for folder in folders:
        if not folder.is_dir():
            raise EscoDataError(
                f"ESCO folder {str(folder)!r} does not exist. Download the ESCO CSV package (v1.1, "
                "in each language you need) from the ESCO portal, unpack it, and give that folder."
            )
        codes = folder_languages(folder)
        if not codes:
            raise EscoDataError(
                f"ESCO folder {str(folder)!r} has no occupations file (occupations_en.csv, "
                "occupations_es.csv, ...: occupations_ and the language code of the download)."
            )
        for code in codes:
            if code in found and found[code] != folder:
                raise EscoDataError(
                    f"ESCO language {code!r} is in two folders, {str(found[code])!r} and {str(folder)!r}; "
                    "give each language once."
                )
            found[code] = folder
    wanted = list(languages) if languages else sorted(found, key=lambda c: (c != "en", c))
    absent = [c for c in wanted if c not in found]
    if absent:
        raise EscoDataError(
            f"No ESCO files for the language(s) {', '.join(absent)} in {', '.join(map(str, folders))}; "
            f"found: {', '.join(sorted(found))}."
        )
    return {code: found[code] for code in wanted}


def _merge(primary: Sequence[Any], others: Mapping[str, Sequence[Any]]) -> tuple[Any, ...]:
    """Concepts of the primary language with the other languages' labels added by URI.

    A concept only another language has joins with that language as its primary one.
    """
    merged: dict[str, Any] = {c.uri: c for c in primary}
    extra: dict[str, list[LocalLabels]] = {}
    for language, concepts in others.items():
        for concept in concepts:
            if concept.uri not in merged:
                merged[concept.uri] = concept
            else:
                labels = LocalLabels(language, concept.label, concept.alt_labels, concept.description)
                extra.setdefault(concept.uri, []).append(labels)
    for uri, added in extra.items():
        merged[uri] = replace(merged[uri], translations=(*merged[uri].translations, *added))
    return tuple(merged.values())


def load_esco(
    directory: str | Path | Sequence[str | Path],
    extra_skill_labels: str | Path | None = None,
    languages: Sequence[str] | None = None,
) -> EscoTaxonomy:
    r"""Load ESCO CSV folders (one language or several) into an :class:`EscoTaxonomy`.

    Parameters
    ----------
    directory:
        The unpacked ESCO CSV download (or the project's reference copy); several folders
        as a sequence or joined by ``os.pathsep`` (``/data/esco-en:/data/esco-es``). A folder
        may hold several languages' files. Each language needs its ``occupations_xx.csv``,
        ``skills_xx.csv`` and ``ISCOGroups_xx.csv``.
    extra_skill_labels:
        A text file of English skill preferred labels, one a line; labels the skills file
        lacks are added as skills (with their real URI when a skill collection file knows
        it, else a stable synthetic ``urn:pathways:esco-skill-label:...`` URI). ``None``
        uses ``skill_labels_en_v1.1.0.txt`` in the English folder when that file exists.
    languages:
        The languages to load, primary first; ``None`` loads every language found, English
        first when it is there.

    Raises
    ------
    EscoDataError
        When a folder, a required file or a required column is missing, or a language is
        given twice.

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
    by_language = _language_folders(esco_folders(directory), languages)
    codes = tuple(by_language)
    occupations: dict[str, tuple[Occupation, ...]] = {}
    skills: dict[str, list[Skill]] = {}
    isco: dict[str, dict[str, str]] = {}
    for code, folder in by_language.items():
        collections = _load_collections(folder, code)
        occupations[code] = _load_occupations(folder, code)
        skills[code] = _load_skills(folder, collections, code)
        if code == "en":
            extra = Path(extra_skill_labels) if extra_skill_labels is not None else folder / SKILL_LABELS_FILE
            if extra_skill_labels is not None or extra.is_file():
                skills[code] += _extra_skills(extra, skills[code], collections)
        isco[code] = _load_isco(folder, code)
        if not occupations[code]:
            raise EscoDataError(f"ESCO file {str(folder / f'occupations_{code}.csv')!r} has no occupations.")
    primary, others = codes[0], codes[1:]
    groups = dict(isco[primary])
    for code in others:
        groups.update({k: v for k, v in isco[code].items() if k not in groups})
    return EscoTaxonomy(
        occupations=cast(
            tuple[Occupation, ...], _merge(occupations[primary], {c: occupations[c] for c in others})
        ),
        skills=_merge(skills[primary], {c: skills[c] for c in others}),
        isco_groups=groups,
        languages=codes,
        isco_translations={c: isco[c] for c in others},
    )
