"""The empathy words: per language, the cue phrases that show each empathy mechanism and
behaviour in a reply, the words that count against it, and the phrasings the feedback offers.

They are data (grading/lexicons/empathy/<lang>.yaml), validated like content so that a typo
names its file and line. A trainer adds words without code: every file in the `empathy`
subfolder of COUNTERPART_LEXICON_DIR called `<lang>.yaml` or `<anything>.<lang>.yaml` is merged
into the shipped words of its language (a subfolder, because the files beside it are concept
lexicons). The files are read once per extra folder, when the grader first needs them.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, create_model, field_validator

from grading.reading.lexicon import language_of
from grading.text import APOSTROPHES
from personas.source import ContentError, ContentProblem, load_model, parse_yaml
from personas.strict import Strict

log = logging.getLogger(__name__)

SHIPPED = Path(__file__).resolve().parent / "lexicons" / "empathy"
# The same languages, variable and file names as the concept lexicons (grading.reading.lexicon),
# which this module does not import: the empathy grader needs nothing else of the reading.
LANGUAGES = ("en", "zh", "es", "id", "ar")
ENV_DIR = "COUNTERPART_LEXICON_DIR"
SUBFOLDER = "empathy"
MAX_PHRASE = 80

Phrase = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_PHRASE)
]
Phrases = tuple[Phrase, ...]
SlotWord = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_PHRASE)]
Slot = Annotated[tuple[SlotWord, ...], Field(min_length=1)]
Combination = Annotated[tuple[Slot, ...], Field(min_length=2)]
FunctionWord = Annotated[str, StringConstraints(pattern=r"^[^\sA-Z]+$", max_length=40)]

# The cue lists, in the order the grader gives a phrase written in two of them to the first.
CUE_LISTS = {
    "warmth_strong": 'Warmth in specific terms (emotional reaction, level 2): "my heart goes '
    'out", "辛苦了".',
    "warmth_weak": 'Warmth in general terms (level 1): "hope you feel better", "别担心".',
    "apology_specific": 'An apology that already says what it is for (level 2): "sorry to '
    'hear", "让您久等".',
    "apology": "An apology; level 2 only when the words after it say what it is for (not the "
    'writer\'s English), else 1: "I\'m sorry", "非常抱歉".',
    "understand": "A claim of understanding (interpretation, level 1); level 2 when its sentence "
    'names a feeling or repeats the customer\'s words: "I understand", "我理解".',
    "if_feeling": 'An inference that counts only when its sentence names a feeling ("it must be" '
    'alone may be about a parcel): "that must", "一定很".',
    "inferred": 'Attributes a state to the customer: "it sounds like", "您觉得".',
    "interpretation_strong": 'Understanding in itself (level 2): "no wonder", "in your shoes", '
    '"换作是我".',
    "relate": 'A similar experience of one\'s own: "I\'ve been there", "我也遇到过".',
    "restate": 'Says back what the customer went through: "you\'ve waited", "您提到".',
    "evaluative": 'Judges the situation as the customer lives it; level 1 alone: "frustrating", '
    '"闹心".',
    "request": 'Asks for something about the customer\'s situation, with or without "?": '
    '"could you", "请问".',
    "generic_question": 'A question that could follow any message (exploration, level 1): "what '
    'happened", "怎么了".',
    "filler": "Polite routine that asks nothing and earns nothing; it also hides the cues inside "
    'it ("help" in "how can I help"): "is there anything else", "还有什么可以帮您".',
    "suggestion": 'Advice dressed as a question, which explores nothing: "maybe you", "要不试试".',
    "explains": 'Explains why, or how it works: "because", "因为".',
    "owns_next_step": 'The agent owns the next step: "I\'ll", "let me", "我来".',
}
LISTS = {
    "feelings": "Feelings, scanned apart from the cues (they may overlap them): one named in the "
    'sentence of an understanding cue makes it level 2: "frustrated", "着急".',
    "own_experience": "The openings of a first-person account; it counts as a similar experience "
    'only with a feeling, a "too"/"also", or the customer\'s own words in it: "I was", "我以前".',
    "dismissive": 'Brushes the customer off; each one costs points: "calm down", "请冷静".',
    "blame": 'Blames the customer; each one costs points: "your fault", "怪您".',
    "upset_markers": "Signs in the customer's message that they are upset; they only word the "
    'feedback: "unacceptable", "!!", "气死".',
}
EXAMPLES = {
    "emotional_reaction": "warmth or regret for what the customer is going through",
    "interpretation": "understanding how the customer feels",
    "exploration": "a question about the customer's situation",
    "explains": "explaining why",
    "owns_next_step": "owning the next step",
}


def _field(description: str, kind: object = Phrases) -> tuple[object, object]:
    return kind, Field(default=(), description=description)


Cues = create_model(
    "Cues",
    __base__=Strict,
    __doc__="The cue lists; matched in one scan, where the longest phrase starting first wins.",
    **{tag: _field(text) for tag, text in CUE_LISTS.items()},
)
Combined = create_model(
    "Combined",
    __base__=Strict,
    __doc__="Cue phrases built from slots of words, added after the list's own phrases.",
    **{
        tag: _field(
            f"Combinations for cues.{tag}: each phrase takes one word from every slot, in "
            'order, joined by spaces; an empty word ("") leaves its slot out.',
            tuple[Combination, ...],
        )
        for tag in CUE_LISTS
    },
)
Examples = create_model(
    "Examples",
    __base__=Strict,
    __doc__="A strong phrasing per mechanism and behaviour, offered when a reply lacks it.",
    **{
        key: (str | None, Field(default=None, min_length=1, description=f"Shows {text}."))
        for key, text in EXAMPLES.items()
    },
)


class EmpathyFile(Strict):
    """One empathy file: the cue phrases and other word lists of one language."""

    language: Literal["en", "zh", "es", "id", "ar"] = Field(
        description="The language of every phrase in the file: en, zh, es, id or ar."
    )
    cues: Cues = Field(
        default_factory=Cues,
        description=(
            "Cue phrases per list. Case-insensitive; Latin phrases match whole words, with up "
            "to four spaces between them; ' and ’ are interchangeable, ? matches ？; Chinese "
            "phrases match anywhere. A phrase belongs to one cue list only."
        ),
    )
    combined: Combined = Field(default_factory=Combined, description=Combined.__doc__)
    feelings: Phrases = Field(default=(), description=LISTS["feelings"])
    own_experience: Phrases = Field(default=(), description=LISTS["own_experience"])
    dismissive: Phrases = Field(default=(), description=LISTS["dismissive"])
    blame: Phrases = Field(default=(), description=LISTS["blame"])
    upset_markers: Phrases = Field(default=(), description=LISTS["upset_markers"])
    function_words: tuple[FunctionWord, ...] = Field(
        default=(),
        description=(
            "Words with no content of their own, one lower-case word each: a question made "
            "only of these is generic, and they never count as the customer's words said back."
        ),
    )
    function_chars: str = Field(
        default="",
        description='The same for Chinese, as one string of characters: "的了吗呢".',
    )
    examples: Examples = Field(default_factory=Examples, description=Examples.__doc__)

    @field_validator("function_chars")
    @classmethod
    def _no_spaces(cls, chars: str) -> str:
        if any(ch.isspace() for ch in chars):
            raise ValueError("write the characters side by side, with no spaces")
        return chars


@dataclass(frozen=True)
class LanguageWords:
    """One language's words, merged from its files, combinations written out."""

    language: str
    cues: dict[str, tuple[str, ...]]
    lists: dict[str, tuple[str, ...]]
    function_words: tuple[str, ...]
    function_chars: str
    examples: dict[str, str]


@dataclass(frozen=True, eq=False)
class EmpathyWords:
    """Every language's empathy words, and the files each language's words came from."""

    languages: dict[str, LanguageWords]
    sources: dict[str, tuple[Path, ...]]

    def cues(self, tag: str) -> dict[str, tuple[str, ...]]:
        return {lang: words.cues[tag] for lang, words in self.languages.items()}

    def phrases(self, name: str) -> dict[str, tuple[str, ...]]:
        """One of LISTS per language."""
        return {lang: words.lists[name] for lang, words in self.languages.items()}

    def examples(self, key: str) -> dict[str, str]:
        return {
            lang: words.examples[key]
            for lang, words in self.languages.items()
            if key in words.examples
        }

    def function_words(self) -> frozenset[str]:
        return frozenset(w for words in self.languages.values() for w in words.function_words)

    def function_chars(self) -> frozenset[str]:
        return frozenset("".join(words.function_chars for words in self.languages.values()))


def combinations(combination: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
    """Every phrase a combination stands for, in order: the last slot varies fastest."""
    return tuple(" ".join(w for w in words if w) for words in product(*combination))


def _words_of(file: EmpathyFile) -> LanguageWords:
    cues = {
        tag: tuple(
            dict.fromkeys(
                (
                    *getattr(file.cues, tag),
                    *(p for c in getattr(file.combined, tag) for p in combinations(c)),
                )
            )
        )
        for tag in CUE_LISTS
    }
    examples = {k: v for k, v in file.examples.model_dump().items() if v is not None}
    return LanguageWords(
        language=file.language,
        cues=cues,
        lists={name: getattr(file, name) for name in LISTS},
        function_words=file.function_words,
        function_chars=file.function_chars,
        examples=examples,
    )


def _merge(base: LanguageWords, extra: LanguageWords) -> LanguageWords:
    def joined(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*a, *b)))

    return LanguageWords(
        language=base.language,
        cues={tag: joined(base.cues[tag], extra.cues[tag]) for tag in CUE_LISTS},
        lists={name: joined(base.lists[name], extra.lists[name]) for name in LISTS},
        function_words=joined(base.function_words, extra.function_words),
        function_chars="".join(dict.fromkeys(base.function_chars + extra.function_chars)),
        examples=base.examples | extra.examples,  # a trainer's phrasing replaces the shipped one
    )


_APOSTROPHE = str.maketrans({a: "'" for a in APOSTROPHES})


def _load_file(path: Path) -> EmpathyFile:
    found = load_model(path, EmpathyFile)
    named = language_of(path)
    if named is not None and named != found.language:
        _, index = parse_yaml(path)
        message = f"language: the file name says {named!r} but the file says {found.language!r}"
        raise ContentError([ContentProblem(path, index.get(("language",), 1), message)])
    return found


def _key(phrase: str) -> str:
    return phrase.lower().translate(_APOSTROPHE)


def _clashes(
    path: Path, file: EmpathyFile, taken: dict[str, tuple[str, Path]]
) -> list[ContentProblem]:
    """A cue phrase of `file` already in another cue list (of `taken`, or earlier in `file`),
    where the grader would count it for the first list only. Adds the file's phrases to
    `taken`."""
    found = []
    for tag in CUE_LISTS:
        written = [(("cues", tag, i), p) for i, p in enumerate(getattr(file.cues, tag))]
        for i, combination in enumerate(getattr(file.combined, tag)):
            written += [(("combined", tag, i), p) for p in combinations(combination)]
        for loc, phrase in written:
            other, where = taken.setdefault(_key(phrase), (tag, path))
            if other != tag:
                found.append((loc, phrase, other, where))
    if not found:
        return []
    _, index = parse_yaml(path)
    return [
        ContentProblem(
            path,
            index.get(loc, 1),
            f"{'.'.join(map(str, loc))}: {phrase!r} is already a cue of {other} (in "
            f"{where.name}); a phrase belongs to one cue list only",
        )
        for loc, phrase, other, where in found
    ]


def _misnamed(path: Path) -> ContentProblem:
    return ContentProblem(
        path,
        1,
        "an empathy file is named <lang>.yaml or <name>.<lang>.yaml, lang one of "
        + ", ".join(LANGUAGES),
    )


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.yaml") if language_of(p) is not None)


def load(
    extra: Path | None = None, shipped: Path = SHIPPED
) -> tuple[EmpathyWords, list[ContentProblem]]:
    """The shipped empathy words merged with the files of `extra` (a folder of empathy files),
    and every problem found. A broken extra file is left out (and reported); a broken shipped
    file raises ContentError."""
    problems: list[ContentProblem] = []
    files: list[tuple[Path, EmpathyFile]] = []
    for path in _files(shipped):
        try:
            files.append((path, _load_file(path)))
        except ContentError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ContentError(problems)
    if not files:
        raise ContentError([ContentProblem(shipped, 1, "no empathy files (<lang>.yaml) here")])
    _check_english_examples(files)
    taken: dict[str, tuple[str, Path]] = {}
    for path, file in files:
        problems += _clashes(path, file, taken)
    extras: list[Path] = []
    if extra is not None and extra.is_dir():
        extras = _files(extra)
        problems += [_misnamed(p) for p in sorted(extra.glob("*.yaml")) if p not in extras]
    for path in extras:
        try:
            file = _load_file(path)
            clashes = _clashes(path, file, dict(taken))
            if clashes:
                raise ContentError(clashes)
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        _clashes(path, file, taken)
        files.append((path, file))
    languages: dict[str, LanguageWords] = {}
    sources: dict[str, list[Path]] = {}
    for path, file in files:
        words = _words_of(file)
        lang = file.language
        languages[lang] = _merge(languages[lang], words) if lang in languages else words
        sources.setdefault(lang, []).append(path)
    ordered = [lang for lang in LANGUAGES if lang in languages]
    return (
        EmpathyWords(
            {lang: languages[lang] for lang in ordered},
            {lang: tuple(sources[lang]) for lang in ordered},
        ),
        problems,
    )


def _check_english_examples(files: list[tuple[Path, EmpathyFile]]) -> None:
    """Feedback in a language without an example phrasing falls back to English, so the
    shipped English file gives every one."""
    english = [(path, file) for path, file in files if file.language == "en"]
    if not english:
        raise ContentError([ContentProblem(files[0][0], 1, "no shipped en.yaml")])
    path = english[0][0]
    missing = [key for key in EXAMPLES if all(getattr(f.examples, key) is None for _, f in english)]
    if missing:
        _, index = parse_yaml(path)
        line = index.get(("examples",), 1)
        message = f"examples.{missing[0]}: required in the shipped English file (the fallback)"
        raise ContentError([ContentProblem(path, line, message)])


def extra_folder() -> Path | None:
    """The trainer's folder of empathy files: the `empathy` folder of COUNTERPART_LEXICON_DIR."""
    value = os.environ.get(ENV_DIR, "").strip()
    return Path(value) / SUBFOLDER if value else None


@lru_cache(maxsize=4)
def _cached(env_value: str) -> EmpathyWords:
    found, problems = load(Path(env_value) / SUBFOLDER if env_value else None)
    for problem in problems:
        log.warning("empathy words problem: %s", problem)
    return found


def words() -> EmpathyWords:
    """The words the empathy grader uses: shipped plus the valid files of the extra folder.
    Read once per extra folder, and cheap to call per reply. Raises ContentError when a
    shipped file is broken."""
    return _cached(os.environ.get(ENV_DIR, "").strip())


def problems(path: Path | None = None) -> list[str]:
    """Problems as FILE:LINE: message (see `content_problems`)."""
    return [str(p) for p in content_problems(path)]


def content_problems(path: Path | None = None) -> list[ContentProblem]:
    """`path` None: the problems of the shipped files and the extra folder; a folder: of the
    shipped files with that folder as the extra one; a file: of that file, checked alone and
    against the shipped files."""
    try:
        if path is None:
            found = load(extra_folder())[1]
        elif path.is_dir():
            found = load(None if path.resolve() == SHIPPED else path)[1]
        elif language_of(path) is None:
            found = [_misnamed(path)]
        elif path.resolve().parent == SHIPPED:
            _load_file(path)
            found = load(None)[1]
        else:
            found = _file_problems(path)
    except ContentError as exc:
        found = list(exc.problems)
    return found


def _file_problems(path: Path) -> list[ContentProblem]:
    """A trainer's file: valid, and no cue phrase of it in another cue list of the shipped
    files or of itself."""
    file = _load_file(path)
    shipped, _ = load(None)
    taken: dict[str, tuple[str, Path]] = {}
    for lang, words in shipped.languages.items():
        for tag in CUE_LISTS:
            for phrase in words.cues[tag]:
                taken.setdefault(_key(phrase), (tag, shipped.sources[lang][0]))
    return _clashes(path, file, taken)
