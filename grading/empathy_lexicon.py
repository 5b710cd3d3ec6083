"""What empathy earns: the mechanisms and behaviours the grader scores, their points and how
their reasons read, over the empathy words of every language.

Empathy is graded as the three mechanisms of EPITOME (Sharma et al., 2020), each at level 0-2,
plus two customer-service behaviours (explaining, owning the next step); dismissive or blaming
language costs points. The cue phrases, the feelings, the dismissive and blaming words and the
example phrasings are data (grading/lexicons/empathy/<lang>.yaml, read by
`grading.empathy_words`), so that trainers extend them without touching scoring code; the files
say how phrases match.

`current()` puts the scoring and the words together as one `EmpathyLexicon`, built when first
asked for and again only when COUNTERPART_LEXICON_DIR names another folder. Its names are the
module's too (`lex.WARMTH_STRONG`, `lex.MECHANISMS`), read through `current()`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from grading import empathy_words
from grading.empathy_words import EmpathyWords

BASE = 20  # a reply that does nothing wrong and nothing warm: polite but empty
NEGATIVE_POINTS = -30
EMPATHY_BUT_POINTS = -20  # "I understand, but…": costs more than the understanding earned


@dataclass(frozen=True)
class Mechanism:
    """One EPITOME mechanism: its level (0-2) is measured, and each level earns points once."""

    name: str  # the key in Score.levels
    kind: str
    points: tuple[int, int, int]  # per level 0, 1, 2
    weak: str
    strong: str
    missing_kind: str
    missing: str
    examples: dict[str, str]  # a strong phrasing, offered when the level is 0 or 1


@dataclass(frozen=True)
class Behaviour:
    kind: str
    points: int
    found: str
    missing_kind: str
    missing: str
    phrases: dict[str, tuple[str, ...]]
    examples: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Negative:
    kind: str
    text: str
    phrases: dict[str, tuple[str, ...]]


@dataclass(frozen=True, eq=False)
class EmpathyLexicon:
    """The mechanisms, behaviours and negatives with their words, and the word lists the grader
    reads, each per language ({"en": (...), "zh": (...)}) unless it says otherwise."""

    EMOTIONAL_REACTION: Mechanism
    INTERPRETATION: Mechanism
    EXPLORATION: Mechanism
    MECHANISMS: tuple[Mechanism, ...]
    EXPLAINS: Behaviour
    OWNS_NEXT_STEP: Behaviour
    BEHAVIOURS: tuple[Behaviour, ...]
    DISMISSIVE: Negative
    BLAME: Negative
    NEGATIVES: tuple[Negative, ...]
    # Cue lists, each a tag the grader reads, in the order that settles a phrase in two lists.
    CUE_LISTS: dict[str, dict[str, tuple[str, ...]]]
    WARMTH_STRONG: dict[str, tuple[str, ...]]
    WARMTH_WEAK: dict[str, tuple[str, ...]]
    APOLOGY_SPECIFIC: dict[str, tuple[str, ...]]
    APOLOGY: dict[str, tuple[str, ...]]
    UNDERSTAND: dict[str, tuple[str, ...]]
    IF_FEELING: dict[str, tuple[str, ...]]
    INFERRED: dict[str, tuple[str, ...]]
    INTERPRETATION_STRONG: dict[str, tuple[str, ...]]
    RELATE: dict[str, tuple[str, ...]]
    RESTATE: dict[str, tuple[str, ...]]
    EVALUATIVE: dict[str, tuple[str, ...]]
    REQUEST: dict[str, tuple[str, ...]]
    GENERIC_QUESTIONS: dict[str, tuple[str, ...]]
    FILLER: dict[str, tuple[str, ...]]
    SUGGESTIONS: dict[str, tuple[str, ...]]
    # Scanned apart from the cues, which they overlap.
    FEELINGS: dict[str, tuple[str, ...]]
    OWN_EXPERIENCE: dict[str, tuple[str, ...]]
    UPSET_MARKERS: tuple[str, ...]  # every language's, in the customer's message
    FUNCTION_WORDS: frozenset[str]
    FUNCTION_CHARS: frozenset[str]

    def cue_tags(self) -> dict[str, str]:
        """Each cue phrase (lower case) and the list it belongs to; the first list wins a clash."""
        tags: dict[str, str] = {}
        for tag, phrases in self.CUE_LISTS.items():
            for phrase in all_phrases(phrases):
                tags.setdefault(phrase.lower(), tag)
        return tags


def _build(words: EmpathyWords) -> EmpathyLexicon:
    cue_lists = {tag: words.cues(tag) for tag in empathy_words.CUE_LISTS}
    emotional_reaction = Mechanism(
        name="emotional_reaction",
        kind="warmth",  # "apology" when the evidence is an apology
        points=(0, 10, 20),
        weak=(
            "Shows some warmth, but only in general terms (a bare “sorry”, “hope it gets better”)."
        ),
        strong="Expresses warmth or regret for what the customer is going through.",
        missing_kind="no_apology",
        missing="Nothing apologises or expresses warmth for what the customer is going through.",
        examples=words.examples("emotional_reaction"),
    )
    interpretation = Mechanism(
        name="interpretation",
        kind="acknowledges_feeling",
        points=(0, 15, 25),
        weak="Says it understands, without naming what the customer feels or has been through.",
        strong="Shows it understands how the customer feels or what they have been through.",
        missing_kind="no_acknowledgement",
        missing="Nothing acknowledges how the customer feels.",
        examples=words.examples("interpretation"),
    )
    exploration = Mechanism(
        name="exploration",
        kind="asks_question",
        points=(0, 10, 20),
        weak="Asks only a generic question; ask about their situation itself.",
        strong="Asks the customer about their situation.",
        missing_kind="no_question",
        missing="Asks the customer nothing about their situation.",
        examples=words.examples("exploration"),
    )
    explains = Behaviour(
        kind="explains",
        points=10,
        found="Explains why, so the customer can follow what happens.",
        missing_kind="no_explanation",
        missing="Nothing explains why this happened or how it works.",
        examples=words.examples("explains"),
        phrases=cue_lists["explains"],
    )
    owns_next_step = Behaviour(
        kind="owns_next_step",
        points=20,
        found="Owns the next step.",
        missing_kind="no_next_step",
        missing="Nobody owns the next step.",
        examples=words.examples("owns_next_step"),
        phrases=cue_lists["owns_next_step"],
    )
    dismissive = Negative(
        kind="dismissive",
        text="Dismissive: brushes the customer off instead of helping.",
        phrases=words.phrases("dismissive"),
    )
    blame = Negative(kind="blame", text="Blames the customer.", phrases=words.phrases("blame"))
    return EmpathyLexicon(
        EMOTIONAL_REACTION=emotional_reaction,
        INTERPRETATION=interpretation,
        EXPLORATION=exploration,
        MECHANISMS=(emotional_reaction, interpretation, exploration),
        EXPLAINS=explains,
        OWNS_NEXT_STEP=owns_next_step,
        BEHAVIOURS=(explains, owns_next_step),
        DISMISSIVE=dismissive,
        BLAME=blame,
        NEGATIVES=(dismissive, blame),
        CUE_LISTS=cue_lists,
        WARMTH_STRONG=cue_lists["warmth_strong"],
        WARMTH_WEAK=cue_lists["warmth_weak"],
        APOLOGY_SPECIFIC=cue_lists["apology_specific"],
        APOLOGY=cue_lists["apology"],
        UNDERSTAND=cue_lists["understand"],
        IF_FEELING=cue_lists["if_feeling"],
        INFERRED=cue_lists["inferred"],
        INTERPRETATION_STRONG=cue_lists["interpretation_strong"],
        RELATE=cue_lists["relate"],
        RESTATE=cue_lists["restate"],
        EVALUATIVE=cue_lists["evaluative"],
        REQUEST=cue_lists["request"],
        GENERIC_QUESTIONS=cue_lists["generic_question"],
        FILLER=cue_lists["filler"],
        SUGGESTIONS=cue_lists["suggestion"],
        FEELINGS=words.phrases("feelings"),
        OWN_EXPERIENCE=words.phrases("own_experience"),
        UPSET_MARKERS=all_phrases(words.phrases("upset_markers")),
        FUNCTION_WORDS=words.function_words(),
        FUNCTION_CHARS=words.function_chars(),
    )


@lru_cache(maxsize=4)
def _lexicon_of(words: EmpathyWords) -> EmpathyLexicon:
    return _build(words)


def current() -> EmpathyLexicon:
    """The lexicon for the current extra folder (COUNTERPART_LEXICON_DIR); cheap per reply.
    Raises ContentError when a shipped empathy file is broken."""
    return _lexicon_of(empathy_words.words())


def __getattr__(name: str) -> object:
    # The module's old names (lex.WARMTH_STRONG, lex.MECHANISMS...), read from the words.
    if name in EmpathyLexicon.__dataclass_fields__:
        return getattr(current(), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def all_phrases(phrases: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """Every language's phrases at once: replies mix languages, and scripts do not collide."""
    return tuple(p for group in phrases.values() for p in group)


def cue_tags() -> dict[str, str]:
    """Each cue phrase (lower case) of the current lexicon and the list it belongs to; the first
    list wins a clash."""
    return current().cue_tags()
