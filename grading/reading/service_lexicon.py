"""The service-act lexicons: per language, the phrases that show what an agent's message does for
the customer (acknowledges a feeling, apologises, explains, owns the next step, dismisses…), and
the helper word lists the finder combines them with (feelings, troubles, contrast words…).

They are data (grading/lexicons/service/<lang>.yaml), validated like the concept lexicons (the
same file naming and language check, problems as FILE:LINE) and matched the same way (lemmas,
negation not skipped, Chinese by substring; see grading/lexicons/README.md). A trainer adds words
without code: every file in the `service` subfolder of COUNTERPART_LEXICON_DIR called
`<lang>.yaml` or `<anything>.<lang>.yaml` is merged into the shipped words of its language (a
subfolder, because the files beside it are concept lexicons). Every shipped language lists
phrases for every act and every helper list: an act is read in whatever language a reply is
written in.
"""

from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field

from grading.reading.lexicon import (
    ENV_DIR,
    LANGUAGES,
    Phrases,
    extra_folder,
    language_files,
    language_of,
    load_language_file,
)
from grading.reading.lexicon import SHIPPED as CONCEPT_LEXICONS
from personas.source import ContentError, ContentProblem, parse_yaml
from personas.strict import Strict

log = logging.getLogger(__name__)

SUBFOLDER = "service"
SHIPPED = CONCEPT_LEXICONS / SUBFOLDER


def _list(description: str) -> object:
    return Field(default=(), description=description)


# The act `validate` is also the name of a deprecated pydantic class method, which a field of
# that name hides on instances (as wanted), with a warning at class creation that says so.
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", 'Field name "validate"', UserWarning)

    class Acts(Strict):
        """Per service act, the phrases that show it. A phrase starting with "^" counts only at the
        start of a clause ("^since": "since the item was opened", not "stuck since Monday")."""

        acknowledge_feeling: Phrases = _list(
            "Frames that name the customer's feeling when a word of `words.feelings` stands in the "
            'same clause: "I understand", "I can see how", "must be", "理解", "entiendo", "paham", '
            '"أتفهم".'
        )
        acknowledge_situation: Phrases = _list(
            'Frames that restate what happened to the customer: "I can see that", "it looks like", '
            '"you mentioned", "看到您", "veo que", "saya lihat", "أشوف إن". A word of '
            "`words.customer` and one of `words.troubles` in one clause count too."
        )
        apologise: Phrases = _list(
            'An apology: "sorry", "apologise", "抱歉", "perdón", "mohon maaf", "نعتذر". What it is '
            "for is the rest of the clause after a word of `words.apology_for`."
        )
        validate: Phrases = _list(
            'Tells the customer they are right to feel or ask so: "you\'re right to ask", "fair '
            'question", "tiene toda la razón", "wajar", "معك حق".'
        )
        ask_situation: Phrases = _list(
            "Asks about the customer's situation or needs without a question mark (every "
            'question to the customer counts anyway): "tell me more about", "cuéntame".'
        )
        explain: Phrases = _list(
            'Says why or how something works: "because", "so that", "因为", "porque", '
            '"karena", "لأن".'
        )
        own_next_step: Phrases = _list(
            "A step the agent takes that names no action of the concept lexicons (those count from "
            'the reading\'s actions): "look into it", "get back to you", "查一下", "revisar", '
            '"cek", "أتابع"; only after a word of `words.agent` in the clause, or opening with one.'
        )
        dismiss: Phrases = _list(
            'Brushes the customer off: "calm down", "not my problem", "没办法", "ya sudah", '
            '"مش مشكلتي".'
        )
        blame: Phrases = _list(
            'Puts the fault on the customer: "you should have read", "是您自己", "debiste haber", '
            '"salah kakak sendiri", "كان عليك".'
        )
        sarcasm: Phrases = _list(
            'Obvious sarcasm: "obviously", "as I already said", "oh great", "我都说了", '
            '"como ya le dije", "kan sudah dibilang", "زي ما قلتلك".'
        )
        empathy_but: Phrases = _list(
            "Bare empathy that a word of `words.contrast` right after undercuts (an apology, "
            'an acknowledged feeling or a validation counts too): "I understand", "我理解", '
            '"entiendo", "saya paham", "أفهم".'
        )
        boilerplate: Phrases = _list(
            'Stock phrases that help nobody: "we value you as a customer", "your satisfaction '
            'is our priority", "您的满意是我们的追求". See also `words.filler`.'
        )


class Words(Strict):
    """Helper lists the acts are found with."""

    feelings: Phrases = _list(
        'Words naming a feeling: "frustrating", "upset", "着急", "frustración", "kecewa", "انزعاج".'
    )
    troubles: Phrases = _list(
        'What went wrong for the customer: "stuck", "charged twice", "没收到", "no ha llegado", '
        '"belum sampai", "تأخر".'
    )
    customer: Phrases = _list(
        'Words that point at the customer: "you", "your", "您", "usted", "kakak", "طلبك".'
    )
    apology_for: Phrases = _list(
        'Words after an apology that introduce what it is for: "for", "about", "让您", "por", '
        '"atas", "عن". One written with a leading "+" belongs to what the apology is for ("+让"'
        ' in "抱歉让您久等了", "+las" in "disculpe las molestias").'
    )
    contrast: Phrases = _list(
        'Words that undercut what came before: "but", "however", "但是", "pero", "tapi", "لكن".'
    )
    agent: Phrases = _list(
        'The agent as the one who acts: "I\'ll", "let me", "我来", "voy a", "saya akan", "سأ".'
    )
    permission: Phrases = _list(
        "Asking the customer's go-ahead for the agent's step, which owns that step rather than "
        'asking about their situation: "shall I", "would you like me to", "需要我", "¿quiere '
        'que", "mau saya", "تبغاني".'
    )
    soon: Phrases = _list(
        "When the agent's step happens, which makes a generic step concrete (\"I'll check it "
        '<now>"): "right away", "today", "马上", "ahorita", "sekarang", "الحين".'
    )
    warmth: Phrases = _list(
        "Warmth for the customer that is not an apology: condolences, wishes, relief "
        '("my condolences", "早日康复", "que se mejore", "semoga cepat sembuh", "ألف سلامة").'
    )
    weight: Phrases = _list(
        "Words that say how hard something is for the customer, which acknowledge it when the "
        'sentence speaks of their own case: "too long", "the worst", "太闹心", "qué susto", '
        '"kelamaan", "مرهق".'
    )
    glue: Phrases = _list(
        "Words that hold a sentence together (articles, prepositions, pronouns, particles): "
        'a string of empathy words without any is keyword salad: "the", "的", "de", "yang", '
        '"في".'
    )
    common: Phrases = _list(
        "Words too common to show that a reply speaks of the customer's own case when it repeats "
        'them: "this", "order", "这个", "para", "sudah", "هذا".'
    )
    filler: Phrases = _list(
        "Boilerplate only when the message does nothing else for the customer, and never a "
        'question about their situation: "thank you for your patience", "anything else I can '
        'help with", "感谢您的耐心", "gracias por su paciencia".'
    )


KINDS = tuple(Acts.model_fields)
WORD_LISTS = tuple(Words.model_fields)


class ServiceFile(Strict):
    """One service-act lexicon file: the phrases of each act, and the helper lists, in one
    language."""

    language: Literal["en", "zh", "es", "id", "ar"] = Field(
        description="The language of every phrase in the file: en, zh, es, id or ar."
    )
    acts: Acts = Field(default_factory=Acts, description="Phrases per service act.")
    words: Words = Field(default_factory=Words, description="Helper word lists.")


@dataclass(frozen=True)
class ServiceLexicon:
    """Every language's merged service words, and where each language's words came from."""

    languages: dict[str, ServiceFile]
    sources: dict[str, tuple[Path, ...]]

    def phrases(self, lang: str, kind: str) -> tuple[str, ...]:
        found = self.languages.get(lang)
        return getattr(found.acts, kind) if found else ()

    def words(self, lang: str, name: str) -> tuple[str, ...]:
        found = self.languages.get(lang)
        return getattr(found.words, name) if found else ()


def _load_file(path: Path) -> ServiceFile:
    return load_language_file(path, ServiceFile)


def _joined(model: type[Strict], a: Strict, b: Strict) -> Strict:
    return model(
        **{
            key: tuple(dict.fromkeys((*getattr(a, key), *getattr(b, key))))
            for key in model.model_fields
        }
    )


def _merge(base: ServiceFile, extra: ServiceFile) -> ServiceFile:
    return ServiceFile(
        language=base.language,
        acts=_joined(Acts, base.acts, extra.acts),
        words=_joined(Words, base.words, extra.words),
    )


def _missing(path: Path, file: ServiceFile) -> list[ContentProblem]:
    """A shipped file must give every act and every helper list some words."""
    missing = [("acts", k) for k in KINDS if not getattr(file.acts, k)]
    missing += [("words", k) for k in WORD_LISTS if not getattr(file.words, k)]
    if not missing:
        return []
    _, index = parse_yaml(path)
    return [
        ContentProblem(
            path,
            index.get((part, key), index.get((part,), 1)),
            f"{part}.{key}: missing or empty in the shipped {file.language} service lexicon; "
            "every language lists words for every service act and helper list",
        )
        for part, key in missing
    ]


def _misnamed(path: Path) -> ContentProblem:
    return ContentProblem(
        path,
        1,
        "a service lexicon file is named <lang>.yaml or <name>.<lang>.yaml, lang one of "
        + ", ".join(LANGUAGES),
    )


def load(
    extra: Path | None = None, shipped: Path = SHIPPED
) -> tuple[ServiceLexicon, list[ContentProblem]]:
    """The shipped service lexicons merged with the files of `extra` (a folder of service
    files), and every problem found. A broken extra file is left out (and reported); a broken
    shipped file raises ContentError."""
    problems: list[ContentProblem] = []
    languages: dict[str, ServiceFile] = {}
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
    for lang in LANGUAGES:
        problems += _missing(sources[lang][0], languages[lang])
    if extra is not None and extra.is_dir():
        extras = language_files(extra)
        problems += [_misnamed(p) for p in sorted(extra.glob("*.yaml")) if p not in extras]
        for path in extras:
            try:
                file = _load_file(path)
            except ContentError as exc:
                problems.extend(exc.problems)
                continue
            languages[file.language] = _merge(languages[file.language], file)
            sources[file.language].append(path)
    return ServiceLexicon(languages, {k: tuple(v) for k, v in sources.items()}), problems


def service_folder() -> Path | None:
    """The trainer's folder of service files: the `service` folder of COUNTERPART_LEXICON_DIR."""
    folder = extra_folder()
    return folder / SUBFOLDER if folder is not None else None


@lru_cache(maxsize=4)
def _cached(env_value: str) -> ServiceLexicon:
    found, problems = load(Path(env_value) / SUBFOLDER if env_value else None)
    for problem in problems:
        log.warning("service lexicon problem: %s", problem)
    return found


def service_lexicon() -> ServiceLexicon:
    """The service words the reading uses: shipped plus the valid files of the extra folder.
    Read once per extra folder. Raises ContentError when a shipped file is broken."""
    folder = extra_folder()
    return _cached(str(folder) if folder is not None else "")


def problems(path: Path | None = None) -> list[str]:
    """Problems as FILE:LINE: message (see `content_problems`)."""
    return [str(p) for p in content_problems(path)]


def content_problems(path: Path | None = None) -> list[ContentProblem]:
    """`path` None: the problems of the shipped files and of the `service` folder of
    COUNTERPART_LEXICON_DIR; a folder: of the shipped files with that folder as the extra one; a
    file: of that file alone (a shipped one also for every act and list it must give)."""
    try:
        if path is None:
            found = load(service_folder())[1]
        elif path.is_dir():
            found = load(None if path.resolve() == SHIPPED else path)[1]
        elif language_of(path) is None:
            found = [_misnamed(path)]
        else:
            file = _load_file(path)
            found = _missing(path, file) if path.resolve().parent == SHIPPED else []
    except ContentError as exc:
        found = list(exc.problems)
    return found


__all__ = [
    "ENV_DIR",
    "KINDS",
    "SHIPPED",
    "WORD_LISTS",
    "ServiceLexicon",
    "content_problems",
    "load",
    "problems",
    "service_lexicon",
]
