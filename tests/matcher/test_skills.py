"""Skill linking on a small hand-made taxonomy (fast: a few dozen texts to encode)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from matcher.esco import EscoTaxonomy, Skill
from matcher.exceptions import NotFittedError
from matcher.heads import identity_head
from matcher.skills import (
    STOP_WORDS,
    SkillLinker,
    SkillMatch,
    best_phrases,
    candidate_spans,
    known_spans,
    label_phrases,
    phrase_words,
    sentence_windows,
)

SKILLS = (
    Skill("u:bake", "bake goods", ("bake bread", "baking"), "Bake bread, pastry and cakes."),
    Skill("u:forklift", "operate forklift", ("drive forklift",), "Operate a forklift truck."),
    Skill("u:java", "Java (computer programming)", (), "The Java programming language."),
    Skill("u:js", "JavaScript", (), "The JavaScript programming language."),
    Skill("u:sew", "sew garments", ("sewing",), "Sew clothes by hand or machine."),
    Skill("u:clean", "clean rooms", ("housekeeping",), "Clean rooms, floors and surfaces."),
    Skill("u:care", "assist patients with personal hygiene", (), "Help patients wash and dress."),
    Skill("u:english", "English", ("speak English",), "The English language."),
    Skill("u:team", "work in teams", ("teamwork",), "Work together with colleagues."),
    Skill("u:cash", "operate cash register", ("use till",), "Handle cash at a till."),
)
ESCO = EscoTaxonomy((), SKILLS, {})


@pytest.fixture(scope="module")
def linker(encoder: object) -> SkillLinker:
    return SkillLinker(encoder=encoder, head=None).fit(ESCO)  # type: ignore[arg-type]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "uri"),
    [
        ("You will bake fresh bread every morning", "u:bake"),
        ("Experience driving a forklift in a warehouse", "u:forklift"),
        ("Strong Java skills required", "u:java"),
        ("I used to sew dresses for my neighbours", "u:sew"),
        ("Handling the till and giving change to customers", "u:cash"),
    ],
)
def test_obvious_sentences_link_their_skill_first(linker: SkillLinker, text: str, uri: str) -> None:
    assert linker.link([text], top_k=3)[0][0].uri == uri


@pytest.mark.model
def test_a_sentence_naming_two_skills_finds_both_in_its_top_three(linker: SkillLinker) -> None:
    found = linker.link(["javascript reactjs java"], top_k=3)[0]
    assert {"u:java", "u:js"} <= {m.uri for m in found}


@pytest.mark.model
def test_links_are_best_first_and_distinct(linker: SkillLinker) -> None:
    results = linker.link(["cleaning hotel rooms", "good spoken English and teamwork"], top_k=5)
    for found in results:
        assert len(found) == 5 and all(isinstance(m, SkillMatch) for m in found)
        assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)
        assert len({m.uri for m in found}) == 5
    assert linker.link([], top_k=5) == []


@pytest.mark.model
def test_identity_head_equals_zero_shot(encoder: object, linker: SkillLinker) -> None:
    with_head = SkillLinker(encoder=encoder, head=identity_head(384)).fit(ESCO)  # type: ignore[arg-type]
    texts = ["bake cakes", "warehouse forklift work"]
    np.testing.assert_allclose(with_head.scores(texts), linker.scores(texts), atol=1e-5)


@pytest.mark.model
def test_default_head_reuses_the_given_encoder(encoder: object) -> None:
    fitted = SkillLinker(encoder=encoder).fit(ESCO)  # type: ignore[arg-type]
    assert fitted.encoder_ is encoder
    assert fitted.link(["bake bread"], top_k=1)[0][0].uri == "u:bake"


def test_link_before_fit_is_an_error() -> None:
    with pytest.raises(NotFittedError, match="fit"):
        SkillLinker(head=None).link(["bake bread"])


@pytest.mark.parametrize(
    ("text", "max_words", "expected"),
    [
        ("Java", 4, ["Java"]),
        ("strong java skills", 2, ["strong", "java", "skills", "strong java", "java skills"]),
        ("a a a", 2, ["a", "a a"]),
        ("", 4, []),
    ],
)
def test_sentence_windows_cover_short_spans(text: str, max_words: int, expected: list[str]) -> None:
    assert sentence_windows(text, max_words=max_words) == expected


@given(
    words=st.lists(st.text(alphabet="abcxyz", min_size=1, max_size=4), max_size=12),
    max_words=st.integers(min_value=1, max_value=5),
)
def test_sentence_windows_are_distinct_short_runs_of_the_text(words: list[str], max_words: int) -> None:
    text = " ".join(words)
    windows = sentence_windows(text, max_words=max_words)
    assert len(windows) == len(set(windows))
    assert all(1 <= len(w.split()) <= max_words and f" {w} " in f" {text} " for w in windows)
    assert set(words) <= set(windows)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "javascript reactjs java",
            [
                "javascript",
                "reactjs",
                "java",
                "javascript reactjs",
                "reactjs java",
                "javascript reactjs java",
            ],
        ),
        ("able to work in teams", ["work", "teams", "work in teams"]),
        ("HTML , CSS ( LESS SCSS )", ["HTML", "CSS", "LESS", "SCSS", "LESS SCSS"]),
        ("Node.js/React experience.", ["Node.js", "React", "experience", "React experience"]),
        ("<ORGANIZATION> is hiring cooks", ["hiring", "cooks", "hiring cooks"]),
        ("and the", []),
        ("", []),
    ],
)
def test_candidate_spans_stay_inside_punctuation_and_skip_function_word_edges(
    text: str, expected: list[str]
) -> None:
    assert candidate_spans(text, max_words=3) == expected


@given(
    words=st.lists(
        st.sampled_from(["java", "and", "sew", ",", "the", "cook", "in", "/", "team"]), max_size=14
    ),
    max_words=st.integers(min_value=1, max_value=4),
)
def test_candidate_spans_are_distinct_short_windows_without_stop_word_edges(
    words: list[str], max_words: int
) -> None:
    text = " ".join(words)
    spans = candidate_spans(text, max_words=max_words)
    windows = set(sentence_windows(text, max_words=max_words))
    assert len(spans) == len(set(spans))
    assert set(spans) <= windows
    for span in spans:
        first, *_, last = span.split() if len(span.split()) > 1 else (span, span)
        assert first.lower() not in STOP_WORDS and last.lower() not in STOP_WORDS
        assert not {",", "/"} & set(span.split())


@pytest.mark.model
def test_old_windows_and_candidate_phrases_agree_on_obvious_skills(encoder: object) -> None:
    before = SkillLinker(encoder=encoder, head=None, window_words=4, all_windows=True).fit(ESCO)  # type: ignore[arg-type]
    now = SkillLinker(encoder=encoder, head=None).fit(ESCO)  # type: ignore[arg-type]
    texts = ["You will bake fresh bread every morning", "Strong Java skills required"]
    assert [m[0].uri for m in before.link(texts, 1)] == [m[0].uri for m in now.link(texts, 1)]


@pytest.mark.model
def test_best_of_groups_equals_the_per_span_maximum(linker: SkillLinker) -> None:
    vectors = linker.ranker_.embed_queries(["bake", "forklift", "java code", "sewing", "till"])
    groups = [[0, 1], [2], [], [3, 4, 0]]
    best = linker.ranker_.best_of_groups(vectors, groups, max_rows=2)
    for row, group in zip(best, groups, strict=True):
        expected = (
            linker.ranker_.scores(vectors[group]).max(axis=0) if group else np.full(len(SKILLS), -np.inf)
        )
        np.testing.assert_allclose(row, expected, atol=1e-6)


LABELS = [text for skill in SKILLS for text in (skill.label, *skill.alt_labels)]


@given(label=st.sampled_from(LABELS), max_words=st.integers(min_value=1, max_value=4))
def test_the_lexical_prefilter_never_drops_a_span_that_is_a_skill_label(label: str, max_words: int) -> None:
    phrases = label_phrases(LABELS, max_words=max_words)
    fits = len(label.split()) <= max_words
    assert known_spans([label, label.upper(), f"({label})"], phrases) == (
        [label, label.upper(), f"({label})"] if fits else []
    )


@given(
    words=st.lists(
        st.sampled_from(["bake", "bread", "Java", "strong", "sewing", "in", "teams", "work", "cook", ","]),
        max_size=12,
    ),
    max_words=st.integers(min_value=1, max_value=3),
)
def test_the_prefilter_keeps_exactly_the_candidates_whose_words_run_inside_a_label(
    words: list[str], max_words: int
) -> None:
    phrases = label_phrases(LABELS, max_words=max_words)
    candidates = candidate_spans(" ".join(words), max_words=max_words)
    kept = known_spans(candidates, phrases)
    assert kept == [span for span in candidates if span in kept]  # a sub-list, order kept
    label_words = [phrase_words(label) for label in LABELS]
    for span in candidates:
        inside = any(
            phrase_words(span) == words_[i : i + len(phrase_words(span))]
            for words_ in label_words
            for i in range(len(words_))
        )
        assert (span in kept) == inside


def test_spans_no_label_has_are_dropped_and_their_label_words_kept() -> None:
    phrases = label_phrases(LABELS, max_words=3)
    spans = candidate_spans("Strong JavaScript skills, teamwork and baking bread", max_words=3)
    assert known_spans(spans, phrases) == ["JavaScript", "teamwork", "baking", "bread"]


@pytest.mark.model
def test_a_span_equal_to_a_label_reuses_the_labels_vector_and_is_not_encoded(encoder: object) -> None:
    linker = SkillLinker(encoder=encoder, head=None).fit(ESCO)  # type: ignore[arg-type]
    before = encoder.encoded_count_  # type: ignore[attr-defined]
    queries_before = linker.query_encoder_.encoded_count_
    vectors = linker._encode(["JavaScript", "teamwork", "JavaScript"], private=True)
    assert encoder.encoded_count_ == before  # type: ignore[attr-defined]
    assert linker.query_encoder_.encoded_count_ == queries_before
    row = linker.label_rows_["JavaScript"]
    np.testing.assert_array_equal(vectors[0], linker.label_raw_[row])
    np.testing.assert_allclose(vectors[0], encoder.encode(["JavaScript"])[0], atol=1e-6)  # type: ignore[attr-defined]


@pytest.mark.model
def test_the_fast_mode_agrees_with_every_candidate_phrase_on_obvious_skills(encoder: object) -> None:
    every = SkillLinker(encoder=encoder, head=None).fit(ESCO)  # type: ignore[arg-type]
    known = SkillLinker(encoder=encoder, head=None, label_spans_only=True).fit(ESCO)  # type: ignore[arg-type]
    texts = ["You will bake fresh bread every morning", "Strong Java skills required", "good teamwork"]
    assert [m[0].uri for m in every.link(texts, 1)] == [m[0].uri for m in known.link(texts, 1)]


@pytest.mark.model
def test_the_fast_mode_encodes_only_the_spans_a_label_has(encoder: object) -> None:
    linker = SkillLinker(encoder=encoder, head=None, label_spans_only=True).fit(ESCO)  # type: ignore[arg-type]
    assert linker._spans("Strong JavaScript skills and teamwork") == ["JavaScript", "teamwork"]
    assert linker._spans("nothing here matches") == ["nothing here matches"]


@pytest.mark.model
def test_texts_are_linked_with_a_faster_copy_of_the_model_and_the_labels_keep_theirs(encoder: object) -> None:
    full = SkillLinker(encoder=encoder, head=None, query_precision="float32").fit(ESCO)  # type: ignore[arg-type]
    quick = SkillLinker(encoder=encoder, head=None).fit(ESCO)  # type: ignore[arg-type]
    from matcher.precision import SUFFIXES, fastest_precision

    assert full.query_encoder_ is encoder
    assert quick.query_encoder_.model_id_ == f"{encoder.model_id_}{SUFFIXES[fastest_precision()]}"  # type: ignore[attr-defined]
    np.testing.assert_array_equal(quick.ranker_.label_vectors_, full.ranker_.label_vectors_)
    np.testing.assert_array_equal(quick.descriptions_, full.descriptions_)
    texts = ["You will bake fresh bread every morning", "Strong Java skills required", "good teamwork"]
    assert [m[0].uri for m in quick.link(texts, 1)] == [m[0].uri for m in full.link(texts, 1)]
    np.testing.assert_allclose(quick.scores(texts), full.scores(texts), atol=0.02)
    assert quick.query_encoder_.encoded_count_ > 0


@pytest.mark.model
@pytest.mark.parametrize(
    ("precision", "shortlist", "phrases"),
    [
        ("fast", 256, 0),
        ("int8", 256, 0),
        ("bfloat16", 256, 0),
        ("bfloat16", 3, 0),
        ("bfloat16", 256, 4),
        ("bfloat16", 256, 1),
    ],
)
def test_a_texts_scores_do_not_depend_on_the_other_texts_of_the_request(
    encoder: object, precision: str, shortlist: int, phrases: int
) -> None:
    # Regression: the 8-bit encoder of the third round scaled a whole batch at once, so a phrase's
    # vector, and the person's scores, moved with whatever else was linked in the same call.
    text = "Strong Java skills and good teamwork"
    others = [
        "operate a forklift truck safely in a busy warehouse and keep records of every delivery " * 3,
        "bake bread",
        "Java developer, JavaScript and teamwork in a small team",
    ]
    params = {
        "head": None,
        "query_precision": precision,
        "label_shortlist": shortlist,
        "phrase_shortlist": phrases,
    }
    alone = SkillLinker(encoder=encoder, **params).fit(ESCO)  # type: ignore[arg-type]
    crowded = SkillLinker(encoder=encoder, **params).fit(ESCO)  # type: ignore[arg-type]
    if alone.query_encoder_ is encoder:
        pytest.skip("'fast' is float32 on this processor: the labels' encoder, covered by test_encoder")
    assert alone.query_encoder_ is not crowded.query_encoder_  # each its own memory: both encode
    # Row-wise 8-bit is exact. In bfloat16, oneDNN picks its kernel by the size of the product: with AMX
    # a pass of 33 to 511 rows took other kernels, and before the packed pass added rows up to 512
    # (matcher.packed.BFLOAT16_ROWS) the text's scores moved by up to 1.8e-4 (2e-5 in batches of one
    # length). Exact here now; the bound stays for other processors' kernels: rounding, far below the
    # 0.03 the batch-wide 8-bit scaling moved a score.
    atol = 1e-6 if alone.query_encoder_.precision_ == "int8" else 1e-4
    np.testing.assert_allclose(
        crowded.scores([*others, text])[-1], alone.scores([text])[0], rtol=0, atol=atol
    )


class _OtherSize:
    dim_ = 7


@pytest.mark.model
def test_a_query_encoder_of_another_size_is_refused(encoder: object) -> None:
    from matcher.exceptions import ModelLoadError

    with pytest.raises(ModelLoadError, match="same model"):
        SkillLinker(encoder=encoder, head=None, query_encoder=_OtherSize()).fit(ESCO)  # type: ignore[arg-type]


SHORTLIST_TEXTS = [
    "You will bake fresh bread every morning",
    "Strong Java skills required, JavaScript a plus",
    "good teamwork and spoken English",
    "drive a forklift in the warehouse and use the till",
    "help patients wash, clean rooms, sew curtains",
]


@pytest.mark.model
@pytest.mark.parametrize("shortlist", [3, 8])
def test_the_coarse_label_shortlist_scores_each_texts_best_labels_exactly(
    encoder: object, shortlist: int
) -> None:
    from matcher.label_index import ConceptRanker

    ranker = ConceptRanker(encoder).fit([[label] for label in LABELS], LABELS)  # type: ignore[arg-type]
    spans = [candidate_spans(text) for text in SHORTLIST_TEXTS]
    every = list(dict.fromkeys(span for group in spans for span in group))
    vectors = ranker.embed_queries(every)
    groups = [[every.index(span) for span in group] for group in spans]
    exact = ranker.best_of_groups(vectors, groups)
    coarse = ranker.best_of_groups(vectors, groups, shortlist=shortlist)
    np.testing.assert_allclose(coarse, exact, rtol=0, atol=0.01)  # bfloat16 products
    same = np.abs(coarse - exact) <= 1e-6
    assert (same.sum(axis=1) >= shortlist).all() and not same.all()
    for row_coarse, row_exact in zip(coarse, exact, strict=True):
        best = np.argsort(-row_exact, kind="stable")[:3]
        np.testing.assert_allclose(row_coarse[best], row_exact[best], rtol=0, atol=1e-6)


@pytest.mark.model
def test_the_label_shortlist_never_changes_a_texts_top_five(
    encoder: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    import matcher.precision

    # the coarse pass is taken where it pays (AMD with AVX-512 BF16); here on any processor
    monkeypatch.setattr(matcher.precision, "bfloat16_products_pay", lambda: True)
    exact = SkillLinker(encoder=encoder, head=None, query_precision="bfloat16", label_shortlist=0)
    coarse = SkillLinker(encoder=encoder, head=None, query_precision="bfloat16", label_shortlist=5)
    exact_top = exact.fit(ESCO).link(SHORTLIST_TEXTS, 5)  # type: ignore[arg-type]
    coarse_top = coarse.fit(ESCO).link(SHORTLIST_TEXTS, 5)  # type: ignore[arg-type]
    assert coarse.scores(SHORTLIST_TEXTS).tolist() != exact.scores(SHORTLIST_TEXTS).tolist()  # it was taken
    assert [[m.uri for m in row] for row in coarse_top] == [[m.uri for m in row] for row in exact_top]
    for row_coarse, row_exact in zip(coarse_top, exact_top, strict=True):
        assert row_coarse[0].score == pytest.approx(row_exact[0].score, abs=1e-4)
        assert [m.score for m in row_coarse] == pytest.approx([m.score for m in row_exact], abs=0.005)


@pytest.mark.model
def test_where_the_coarse_pass_does_not_pay_every_label_score_is_exact(
    encoder: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    import matcher.precision

    monkeypatch.setattr(matcher.precision, "bfloat16_products_pay", lambda: False)  # Intel with AMX, say
    exact = SkillLinker(encoder=encoder, head=None, query_precision="bfloat16", label_shortlist=0)
    default = SkillLinker(encoder=encoder, head=None, query_precision="bfloat16")
    np.testing.assert_array_equal(
        default.fit(ESCO).scores(SHORTLIST_TEXTS),  # type: ignore[arg-type]
        exact.fit(ESCO).scores(SHORTLIST_TEXTS),  # type: ignore[arg-type]
    )


@pytest.mark.model
def test_texts_that_differ_only_in_case_get_the_same_scores(linker: SkillLinker) -> None:
    texts = ["Strong Java skills", "strong java skills", "STRONG JAVA SKILLS"]
    scores = linker.scores(texts)
    # the same vectors; a float32 product may round a row differently by its position (1e-7)
    np.testing.assert_allclose(scores[1], scores[0], rtol=0, atol=1e-6)
    np.testing.assert_allclose(scores[2], scores[0], rtol=0, atol=1e-6)
    np.testing.assert_allclose(linker.scores(["strong java skills"])[0], scores[0], rtol=0, atol=1e-6)


@given(
    coarse=st.dictionaries(
        st.sampled_from(["web apps", "strong java", "work in teams", "bake bread", "use till"]),
        st.sampled_from([0.2, 0.5, 0.7, 0.9]),
    ),
    k=st.integers(min_value=1, max_value=4),
)
def test_the_phrase_shortlist_keeps_every_unscored_span_and_the_k_best_scored_ones(
    coarse: dict[str, float], k: int
) -> None:
    spans = ["java", "web apps", "strong java", "teamwork", "work in teams", "bake bread", "use till"]
    kept = best_phrases(spans, coarse, k)
    assert kept == [span for span in spans if span in kept]  # a sub-list, order kept
    assert [span for span in spans if span not in coarse] == [span for span in kept if span not in coarse]
    scored = [span for span in kept if span in coarse]
    assert len(scored) == min(k, len(coarse))
    dropped = [coarse[span] for span in coarse if span not in kept]
    assert all(coarse[span] >= worst for span in scored for worst in dropped)


def test_the_phrase_shortlist_breaks_ties_by_position() -> None:
    coarse = {"a b": 0.5, "c d": 0.5, "e f": 0.5}
    assert best_phrases(["x", "e f", "a b", "c d"], coarse, 2) == ["x", "e f", "a b"]


PHRASE_TEXTS = [
    "Bake bread and sew garments, operate cash register daily, work in teams with strong Java knowledge",
    "Strong Java skills required, JavaScript a plus, able to speak English and use till, friendly teamwork",
    "help patients with personal hygiene, clean rooms quickly, drive forklift trucks in the warehouse",
]


@pytest.mark.model
def test_the_phrase_shortlist_always_scores_the_phrases_that_are_skill_labels(encoder: object) -> None:
    linker = SkillLinker(encoder=encoder, head=None, phrase_shortlist=1).fit(ESCO)  # type: ignore[arg-type]
    spans = [linker._spans(text) for text in PHRASE_TEXTS]
    _every, _vectors, kept = linker._vectors(PHRASE_TEXTS, spans, private=True)
    for group, short in zip(spans, kept, strict=True):
        labels = [span for span in group if span in linker.label_rows_ and " " in span]
        singles = [span for span in group if " " not in span]
        longer = [span for span in group if " " in span and span not in linker.label_rows_]
        assert labels and set(labels) <= set(short) and set(singles) <= set(short)
        assert len(longer) > 1 and len([span for span in short if span in longer]) == 1


class _Spy:
    """The test encoder, keeping every text it is asked to encode (``case_blind`` only if told)."""

    def __init__(self, encoder: object, case_blind: bool = True) -> None:
        self.inner, self.dim_ = encoder, encoder.dim_  # type: ignore[attr-defined]
        self.texts: list[str] = []
        if case_blind:
            self.case_blind = encoder.case_blind  # type: ignore[attr-defined]

    def encode(self, texts: list[str], private: bool = False) -> np.ndarray:
        self.texts.extend(texts)
        return self.inner.encode(texts, private=private)  # type: ignore[attr-defined, no-any-return]


def _spied(encoder: object, case_blind: bool = True, **params: object) -> tuple[SkillLinker, _Spy]:
    """A linker whose texts go through a :class:`_Spy`, emptied after ``fit``."""
    spy = _Spy(encoder, case_blind)
    linker = SkillLinker(encoder=encoder, head=None, query_encoder=spy, **params).fit(ESCO)  # type: ignore[arg-type]
    spy.texts.clear()
    return linker, spy


@pytest.mark.model
def test_phrases_the_shortlist_drops_do_not_change_a_texts_best_skills(encoder: object) -> None:
    every, every_spy = _spied(encoder, phrase_shortlist=0)
    short, short_spy = _spied(encoder, phrase_shortlist=4)
    texts = [*PHRASE_TEXTS, *SHORTLIST_TEXTS]
    every_top, short_top = every.link(texts, 3), short.link(texts, 3)
    assert [[m.uri for m in row] for row in short_top] == [[m.uri for m in row] for row in every_top]
    assert set(short_spy.texts) < set(every_spy.texts)


@pytest.mark.model
def test_nearest_text_scores_are_each_querys_best_label_cosine_within_bfloat16(linker: SkillLinker) -> None:
    vectors = linker.ranker_.embed_queries(["bake", "forklift truck", "java code", "nothing at all"])
    exact = (vectors @ linker.ranker_.label_vectors_.T).max(axis=1)
    np.testing.assert_allclose(linker.ranker_.nearest_text_scores(vectors), exact, rtol=0, atol=0.01)
    coarse = linker.ranker_.nearest_text_scores(vectors, bfloat16=True)
    np.testing.assert_allclose(coarse, exact, rtol=0, atol=0.01)
    assert linker.ranker_.nearest_text_scores(vectors[:0]).shape == (0,)


@pytest.mark.model
def test_words_of_the_skills_labels_and_descriptions_are_looked_up_not_encoded(encoder: object) -> None:
    assert encoder.case_blind()  # type: ignore[attr-defined]  # all-MiniLM-L6-v2 is uncased
    linker, spy = _spied(encoder)
    assert linker.case_blind_
    assert {"bread", "pastry", "forklift", "truck", "java", "clothes"} <= linker.word_rows_.keys()
    assert "JavaScript" not in linker.word_rows_  # a label: it has the label's own vector
    vectors = linker._encode(["Bread", "FORKLIFT", "pastry", "croissant"], private=True)
    assert spy.texts == ["croissant"]
    np.testing.assert_array_equal(vectors[0], linker.word_vectors_[linker.word_rows_["bread"]])
    alone = SkillLinker(encoder=encoder, head=None, word_table=False, query_precision="float32")  # the spy's
    alone.fit(ESCO)  # type: ignore[arg-type]
    np.testing.assert_allclose(
        vectors, alone._encode(["Bread", "FORKLIFT", "pastry", "croissant"], True), atol=1e-6
    )


@pytest.mark.model
def test_the_word_table_changes_no_score_and_spares_the_model_the_known_words(encoder: object) -> None:
    with_table, with_spy = _spied(encoder)
    without, without_spy = _spied(encoder, word_table=False)
    assert without.word_rows_ == {} and without.word_vectors_.shape == (0, with_table.encoder_.dim_)
    texts = [*PHRASE_TEXTS, *SHORTLIST_TEXTS]
    np.testing.assert_allclose(with_table.scores(texts), without.scores(texts), rtol=0, atol=1e-6)
    spared = set(without_spy.texts) - set(with_spy.texts)
    assert {"Bake", "bread", "cash", "patients", "Java"} <= spared
    assert all(" " not in text and text.lower() in with_table.word_rows_ for text in spared)


@pytest.mark.model
def test_a_model_that_reads_case_looks_up_only_the_words_as_written(encoder: object) -> None:
    linker, spy = _spied(encoder, case_blind=False)  # a query encoder without ``case_blind``
    assert not linker.case_blind_
    assert {"Bake", "bake", "bread"} <= linker.word_rows_.keys() and "BREAD" not in linker.word_rows_
    linker._encode(["Bake", "bread", "BREAD"], private=True)
    assert spy.texts == ["BREAD"]
