"""The concept lexicons: the words for each concept, and the cue words of each mode, per language.

They are data (grading/lexicons/<lang>.yaml), validated like content so that a typo names its
file and line. A trainer adds words without code: every file in the folder named by
COUNTERPART_LEXICON_DIR called `<lang>.yaml` or `<anything>.<lang>.yaml` is merged into the
shipped lexicon of its language. Every language must know every concept, because a policy names
a concept once and is graded in whatever language the reply is written in.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal, TypeVar

from pydantic import Field, StringConstraints, field_validator

from personas.source import ContentError, ContentProblem, load_model, parse_yaml
from personas.strict import Strict

log = logging.getLogger(__name__)
M = TypeVar("M", bound=Strict)

SHIPPED = Path(__file__).resolve().parent.parent / "lexicons"
LANGUAGES = ("en", "zh", "es", "id", "ar")
ENV_DIR = "COUNTERPART_LEXICON_DIR"
CONCEPT_ID = r"^[a-z][a-z0-9-]*$"
MAX_PHRASE = 80

ConceptId = Annotated[str, StringConstraints(pattern=CONCEPT_ID, max_length=60)]
Phrase = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_PHRASE)
]
Phrases = tuple[Phrase, ...]


def _cues(description: str) -> object:
    return Field(default=(), description=description)


class Modes(Strict):
    """Cue words that tell what a writer does with an action. Matched on written forms (not
    lemmas), whole words. A cue starting with "-" is a word ending and one ending with "-" a
    word start (in `done`, `passive`, `promised` and `first_person` such affixes are looked for
    on the concept's own words: "-ed" in "refunded", "di-" in "direfund")."""

    done: Phrases = _cues('The act is complete: "already", "have", "ya", "sudah", "已经", "تم".')
    passive: Phrases = _cues(
        'Impersonal or passive completion, whose actor is the agent: "has been", "se ha", "di-".'
    )
    offered: Phrases = _cues('The agent offers or starts it: "I can", "let me", "puedo", "可以".')
    promised: Phrases = _cues('The agent commits to it: "will", "I\'ll", "voy a", "akan", "会".')
    asking: Phrases = _cues(
        'Asking the customer whether to act: "shall I", "¿quiere que", "mau saya", "需要我…吗".'
    )
    deferred: Phrases = _cues('Put off: "later", "más tarde", "nanti", "回头", "بعدين".')
    refused: Phrases = _cues(
        'The agent refuses or cannot: "I can\'t", "no puedo", "tidak bisa", "无法", "ما أقدر".'
    )
    negation: Phrases = _cues('Words that deny what follows: "not", "no", "tidak", "不", "لا".')
    conditional: Phrases = _cues(
        'Only under a condition: "if", "once", "si", "kalau", "如果", "لو".'
    )
    correcting: Phrases = _cues('Correcting the customer: "actually", "en realidad", "其实".')
    quoting: Phrases = _cues('Repeating what the customer said: "you said", "me dice", "您说".')
    question: Phrases = _cues('Question words: "what", "which", "qué", "berapa", "什么", "ما".')
    request: Phrases = _cues(
        'Asking the customer to give something: "please provide", "me da", "boleh minta", "请提供".'
    )
    rule: Phrases = _cues(
        'Explaining a rule rather than acting: "usually", "policy", "takes", "一般", "عادة".'
    )
    generic: Phrases = _cues(
        "Right before an action, a statement of how things are done rather than a report that"
        ' it was: "are" in "refunds are issued to the original card".'
    )
    concession: Phrases = _cues(
        'Naming an obstacle to what follows: "although", "even though", "aunque", "walaupun",'
        ' "虽然", "رغم".'
    )
    exception: Phrases = _cues(
        'Making an exception to a rule: "just this once", "excepción", "pengecualian", "破例",'
        ' "استثناء".'
    )
    first_step: Phrases = _cues(
        'Something else comes first: "first", "before that", "primero", "dulu", "先", "أولاً".'
    )
    first_person: Phrases = _cues('The agent as subject: "I", "we", "saya", "我们", "أنا".')
    second_person: Phrases = _cues(
        'The customer as subject: "you can", "usted", "kakak", "您可以".'
    )
    third_party: Phrases = _cues(
        'Someone else acts: "the bank", "the courier", "el banco", "银行".'
    )
    receiving: Phrases = _cues(
        'The customer receives what the agent does: "you\'ll get", "recibirá", "收到", "تستلم".'
    )
    looking_into: Phrases = _cues(
        'Looking into an action rather than doing it: "check", "status", "revisar", "查".'
    )
    purpose: Phrases = _cues(
        'The action is the reason for something else: "in order to", "para poder", "为了", "لكي".'
    )
    clause_break: Phrases = _cues('Words that start a new clause: "but", "pero", "tapi", "但是".')
    ignore: Phrases = _cues(
        'Words that hold a cue but are not one: "no problem", "if you have any questions", "了解".'
    )
    verified: Phrases = _cues(
        'A check succeeded: "matches", "verified", "coincide", "cocok", "核实无误", "مطابق".'
    )


MODE_KEYS = tuple(Modes.model_fields)


class LanguageLexicon(Strict):
    """One lexicon file: the words of each concept, and the mode cues, in one language."""

    language: Literal["en", "zh", "es", "id", "ar"] = Field(
        description="The language of every phrase in the file: en, zh, es, id or ar."
    )
    concepts: dict[ConceptId, Phrases] = Field(
        default_factory=dict,
        description=(
            "Concept id (lower case, digits, hyphens) -> the phrases that express it, e.g. "
            "refund: [refund, money back]. Matched on lemmas, so one form finds its inflections; "
            "up to two words may stand between the words of a phrase. Chinese phrases match as "
            'substrings; a space marks where up to four other characters may stand ("给您 退款").'
        ),
    )
    modes: Modes = Field(default_factory=Modes, description="Cue words per mode.")

    @field_validator("concepts")
    @classmethod
    def _phrases_present(cls, concepts: dict[str, tuple[str, ...]]) -> dict:
        empty = [cid for cid, phrases in concepts.items() if not phrases]
        if empty:
            raise ValueError(f"concept {empty[0]!r} has no phrases; list at least one")
        return concepts


@dataclass(frozen=True)
class Lexicon:
    """Every language's merged lexicon, and where each language's words came from."""

    languages: dict[str, LanguageLexicon]
    sources: dict[str, tuple[Path, ...]]

    def concept_ids(self) -> frozenset[str]:
        return frozenset(cid for lex in self.languages.values() for cid in lex.concepts)

    def phrases(self, lang: str, concept: str) -> tuple[str, ...]:
        lex = self.languages.get(lang)
        return lex.concepts.get(concept, ()) if lex else ()

    def cues(self, lang: str, mode: str) -> tuple[str, ...]:
        lex = self.languages.get(lang)
        return getattr(lex.modes, mode) if lex else ()


_FILE_NAME = re.compile(r"^(?:.+\.)?(en|zh|es|id|ar)\.yaml$")


def language_of(path: Path) -> str | None:
    """The language a lexicon file's name says it holds (`es.yaml`, `refunds.es.yaml`)."""
    m = _FILE_NAME.match(path.name)
    return m.group(1) if m else None


def load_language_file(path: Path, model: type[M]) -> M:
    """A file of `model` (a lexicon with a `language` field), whose `language` must be the one
    its file name says; shared by the concept and the service-act lexicons."""
    lex = load_model(path, model)
    named = language_of(path)
    if named is not None and named != lex.language:
        _, index = parse_yaml(path)
        raise ContentError(
            [
                ContentProblem(
                    path,
                    index.get(("language",), 1),
                    f"language: the file name says {named!r} but the file says {lex.language!r}",
                )
            ]
        )
    return lex


def _load_file(path: Path) -> LanguageLexicon:
    return load_language_file(path, LanguageLexicon)


def _line_of_concept(path: Path, concept: str) -> int:
    try:
        _, index = parse_yaml(path)
    except ContentError:
        return 1
    return index.get(("concepts", concept), index.get(("concepts",), 1))


def _merge(base: LanguageLexicon, extra: LanguageLexicon) -> LanguageLexicon:
    concepts = dict(base.concepts)
    for cid, phrases in extra.concepts.items():
        concepts[cid] = tuple(dict.fromkeys((*concepts.get(cid, ()), *phrases)))
    modes = {
        key: tuple(dict.fromkeys((*getattr(base.modes, key), *getattr(extra.modes, key))))
        for key in MODE_KEYS
    }
    return LanguageLexicon(language=base.language, concepts=concepts, modes=Modes(**modes))


def language_files(folder: Path) -> list[Path]:
    """The lexicon files of a folder (`<lang>.yaml`, `<name>.<lang>.yaml`), sorted."""
    return sorted(p for p in folder.glob("*.yaml") if language_of(p) is not None)


def load(
    extra: Path | None = None, shipped: Path = SHIPPED
) -> tuple[Lexicon, list[ContentProblem]]:
    """The shipped lexicons merged with the files of `extra`, and every problem found. A broken
    extra file is left out (and reported); a broken shipped file raises ContentError."""
    problems: list[ContentProblem] = []
    languages: dict[str, LanguageLexicon] = {}
    sources: dict[str, list[Path]] = {}
    for lang in LANGUAGES:
        path = shipped / f"{lang}.yaml"
        try:
            languages[lang] = _load_file(path)
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        sources[lang] = [path]
    if problems:
        raise ContentError(problems)
    extras = language_files(extra) if extra is not None and extra.is_dir() else []
    if extra is not None and not extra.is_dir():
        problems.append(ContentProblem(extra, 1, f"{ENV_DIR} names a folder that does not exist"))
    for path in extras:
        try:
            lex = _load_file(path)
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        languages[lex.language] = _merge(languages[lex.language], lex)
        sources[lex.language].append(path)
    problems += _missing_concepts(languages, sources)
    return Lexicon(languages, {k: tuple(v) for k, v in sources.items()}), problems


def _missing_concepts(
    languages: dict[str, LanguageLexicon], sources: dict[str, list[Path]]
) -> list[ContentProblem]:
    """A concept some language knows and another does not. A shipped file lacking it is named
    at its `concepts:` line; a concept only extra files define is named where they define it."""
    every = set().union(*(lex.concepts for lex in languages.values()))
    problems = []
    for cid in sorted(every):
        lacking = [
            lang for lang in LANGUAGES if lang in languages and cid not in languages[lang].concepts
        ]
        if not lacking:
            continue
        having = [lang for lang in LANGUAGES if lang in languages and lang not in lacking]
        shipped = [sources[lang][0] for lang in having if cid in _concepts_in(sources[lang][0])]
        if shipped:
            for lang in lacking:
                path = sources[lang][0]
                problems.append(
                    ContentProblem(
                        path,
                        _concepts_line(path),
                        f"concepts.{cid}: missing from the {lang} lexicon (it is defined in "
                        f"{shipped[0].name}); every language must define every concept",
                    )
                )
            continue
        for lang in having:
            for path in sources[lang][1:]:
                if cid in _concepts_in(path):
                    problems.append(
                        ContentProblem(
                            path,
                            _line_of_concept(path, cid),
                            f"concepts.{cid}: a new concept needs words in every language; "
                            f"missing in {', '.join(lacking)} (add files named "
                            f"<name>.<lang>.yaml)",
                        )
                    )
    return problems


def _concepts_in(path: Path) -> frozenset[str]:
    try:
        data, _ = parse_yaml(path)
    except ContentError:
        return frozenset()
    concepts = data.get("concepts") if isinstance(data, dict) else None
    return frozenset(concepts) if isinstance(concepts, dict) else frozenset()


def _concepts_line(path: Path) -> int:
    try:
        _, index = parse_yaml(path)
    except ContentError:
        return 1
    return index.get(("concepts",), 1)


def extra_folder() -> Path | None:
    value = os.environ.get(ENV_DIR, "").strip()
    return Path(value) if value else None


@lru_cache(maxsize=4)
def _cached(extra: str | None) -> tuple[Lexicon, tuple[ContentProblem, ...]]:
    found, problems = load(Path(extra) if extra else None)
    for problem in problems:
        log.warning("lexicon problem: %s", problem)
    return found, tuple(problems)


def lexicon() -> Lexicon:
    """The lexicon the reading uses: shipped plus the valid files of the extra folder. Cached
    per extra folder. Raises ContentError when a shipped file is broken."""
    extra = extra_folder()
    return _cached(str(extra) if extra else None)[0]


def concept_ids() -> frozenset[str]:
    """Every concept id the lexicons define. Raises ContentError when any lexicon file (shipped
    or in the extra folder) is broken, so that `counterpart validate` reports it."""
    extra = extra_folder()
    found, problems = _cached(str(extra) if extra else None)
    if problems:
        raise ContentError(list(problems))
    return found.concept_ids()


def problems(path: Path | None = None) -> list[str]:
    """Problems as FILE:LINE: message. `path` None: the shipped lexicons and the extra folder;
    a folder: the shipped lexicons with that folder as the extra one; a file: that file alone,
    and whether, merged with the shipped ones, every language still knows every concept."""
    try:
        if path is None:
            found = load(extra_folder())[1]
        elif path.is_dir():
            found = load(path)[1] if path.resolve() != SHIPPED else load(None)[1]
        else:
            found = _file_problems(path)
    except ContentError as exc:
        found = list(exc.problems)
    return [str(p) for p in found]


def _file_problems(path: Path) -> list[ContentProblem]:
    if language_of(path) is None:
        return [
            ContentProblem(
                path,
                1,
                "a lexicon file is named <lang>.yaml or <name>.<lang>.yaml, lang one of "
                + ", ".join(LANGUAGES),
            )
        ]
    _load_file(path)
    if path.resolve().parent == SHIPPED:
        return load(None)[1]
    shipped, _ = load(None)
    languages = dict(shipped.languages)
    sources = {k: list(v) for k, v in shipped.sources.items()}
    lex = _load_file(path)
    languages[lex.language] = _merge(languages[lex.language], lex)
    sources[lex.language].append(path)
    return _missing_concepts(languages, sources)
