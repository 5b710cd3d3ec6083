"""Empathy evidence from the Reading's service acts: the same mechanisms and behaviours the
empathy grader scores, read in every customer language (en, zh, es and Spanish-English, id,
ar) from what each sentence does for the customer (grading/reading/service_acts.py).

The grader's own cue phrases (English and Chinese, tuned on EPITOME) give the mechanism levels
of sentences in those languages; the acts give them for every other sentence, so Spanish,
Indonesian and Arabic are graded by their acts, and Spanish-English by both. Behaviours take
the stronger of the two in every language.

What earns nothing here earns nothing there either (`ActEvidence.void`): keyword salad and
stock boilerplate. An "I understand, but…" keeps its level and costs points instead.

Levels:
- emotional reaction: an apology that says what it is for (2), a bare one (1); warmth that is
  no apology (condolences, wishes: 2);
- interpretation: a feeling acknowledged or the customer validated (2); their situation
  acknowledged in their own words (2) or in general ones (1); how hard it is said in a sentence
  that speaks of their own case ("Three weeks in 'processing' is too long": a word or number of
  the customer's, two in English), in any language (2);
- exploration: a question about their situation (2), or a short generic one (1);
- explains (in a language without cue phrases); owns the next step (the agent takes an action
  on, or a step in general words);
- against: dismissal, blame, sarcasm, and "I understand, but…".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from grading.reading import read
from grading.reading.lexicon import LANGUAGES
from grading.reading.model import Reading, ServiceAct
from grading.reading.service_lexicon import ServiceLexicon, service_lexicon

Span = tuple[int, int]
Evidence = tuple[int, int, int, str]  # level, start, end, reason kind

# The evidence kinds the grader's reasons use.
_NEGATIVE_KIND = {"dismiss": "dismissive", "blame": "blame", "sarcasm": "sarcasm"}
_MECHANISM_KINDS = frozenset(
    {
        "apologise", "acknowledge_feeling", "validate", "acknowledge_situation", "ask_situation",
        "warm",
    }
)  # fmt: skip
_VOIDING = frozenset({"salad", "boilerplate"})
_SHORT_QUESTION = 3  # tokens: "Really?", "¿En serio?", "真的吗" ask nothing about the case
_MIN_WORD = {"ar": 3}  # shortest content word; 4 letters elsewhere (Chinese: pairs)


@dataclass(frozen=True)
class ActEvidence:
    mechanisms: dict[str, Evidence] = field(default_factory=dict)
    behaviours: dict[str, Span] = field(default_factory=dict)  # "explains", "owns_next_step"
    negatives: list[tuple[str, int, int]] = field(default_factory=list)  # kind, start, end
    void: list[Span] = field(default_factory=list)  # spans whose words earn nothing
    salad: Span | None = None  # the first sentence of keyword salad
    boilerplate: Span | None = None  # the first stock phrase


def act_evidence(
    reply: str,
    customer_text: str = "",
    ignored: list[Span] = (),
    cue_languages: frozenset[str] = frozenset(),
) -> ActEvidence:
    """What the acts of `reply` earn; acts inside `ignored` spans (text addressed to a grader)
    earn nothing. In a sentence of one of `cue_languages` (those the grader has cue phrases
    for) the acts give no mechanism level, only behaviours, what counts against and what is
    void."""
    reading = read(reply)
    acts = reading.service_acts
    if not acts:
        return ActEvidence()
    salad = [(a.start, a.end) for a in acts if a.kind == "salad"]
    boilerplate = [(a.start, a.end) for a in acts if a.kind == "boilerplate"]
    void = [(a.start, a.end) for a in acts if a.kind in _VOIDING]
    dead = [*void, *ignored]

    def usable(act: ServiceAct) -> bool:
        return not any(act.start < e and s < act.end for s, e in dead)

    mechanisms: dict[str, Evidence] = {}
    behaviours: dict[str, Span] = {}
    negatives: list[tuple[str, int, int]] = []
    customer_words: frozenset[str] | None = None
    for act in acts:
        if act.kind in _NEGATIVE_KIND:
            negatives.append((_NEGATIVE_KIND[act.kind], act.start, act.end))
            continue
        if act.kind == "empathy_but":
            negatives.append(("empathy_but", act.start, act.end))
            continue
        if not usable(act):
            continue
        if act.kind == "weigh" and not (
            act.about == "feelings" and reading.sentences[act.sentence].lang in cue_languages
        ):
            # "£180 in 'processing' for three weeks is too long": how hard their own case is.
            if customer_words is None:
                customer_words = _customer_words(customer_text)
            shared = _content_words(reading, *reading_sentence(reading, act)) & customer_words
            # In English, where cue phrases read the sentence too and a long post shares many a
            # word by chance (EPITOME), one shared word is too little evidence.
            if len(shared) >= (2 if reading.sentences[act.sentence].lang == "en" else 1):
                _keep(mechanisms, "interpretation", (2, act.start, act.end, "acknowledges_feeling"))
            continue
        if act.kind in _MECHANISM_KINDS and reading.sentences[act.sentence].lang in cue_languages:
            continue  # the grader's own cue phrases read these sentences, more finely
        if act.kind == "apologise":
            level = 2 if act.about else 1
            _keep(mechanisms, "emotional_reaction", (level, act.start, act.end, "apology"))
        elif act.kind == "warm":
            _keep(mechanisms, "emotional_reaction", (2, act.start, act.end, "warmth"))
        elif act.kind in ("acknowledge_feeling", "validate"):
            _keep(mechanisms, "interpretation", (2, act.start, act.end, "acknowledges_feeling"))
        elif act.kind == "acknowledge_situation":
            if customer_words is None:
                customer_words = _customer_words(customer_text)
            specific = bool(_content_words(reading, act.start, act.end) & customer_words)
            level = 2 if specific else 1
            _keep(mechanisms, "interpretation", (level, act.start, act.end, "acknowledges_feeling"))
        elif act.kind == "ask_situation":
            level = 1 if _tokens_in(reading, act.start, act.end) <= _SHORT_QUESTION else 2
            _keep(mechanisms, "exploration", (level, act.start, act.end, "asks_question"))
        elif act.kind == "explain":
            if reading.sentences[act.sentence].lang not in cue_languages:
                behaviours.setdefault("explains", (act.start, act.end))
        elif act.kind == "own_next_step":
            # The agent takes the step on, named ("I'll send a replacement") or in general
            # words ("I'll look into it"), as the cue phrases count it in English and Chinese.
            behaviours.setdefault("owns_next_step", (act.start, act.end))
    return ActEvidence(
        mechanisms=mechanisms,
        behaviours=behaviours,
        negatives=negatives,
        void=void,
        salad=salad[0] if salad else None,
        boilerplate=boilerplate[0] if boilerplate else None,
    )


def _customer_words(customer_text: str) -> frozenset[str]:
    return _content_words(read(customer_text[:4000])) if customer_text else frozenset()


def reading_sentence(reading: Reading, act: ServiceAct) -> Span:
    sentence = reading.sentences[act.sentence]
    return sentence.start, sentence.end


def _keep(found: dict[str, Evidence], mechanism: str, evidence: Evidence) -> None:
    if mechanism not in found or evidence[0] > found[mechanism][0]:
        found[mechanism] = evidence


def _tokens_in(reading: Reading, start: int, end: int) -> int:
    starts = _starts(reading)
    return bisect_left(starts, end) - bisect_left(starts, start)


def _content_words(reading: Reading, start: int = 0, end: int | None = None) -> frozenset[str]:
    """Lemmas long enough to name something (a parcel, a charge, 快递) and numbers, in the
    span, for telling words about the customer's own case from a template."""
    end = len(reading.text) if end is None else end
    common = _common(service_lexicon())
    tokens = reading.tokens
    first = bisect_left(_starts(reading), start)
    found = set()
    for t in tokens[first:]:
        if t.start >= end:
            break
        if t.lang == "zh":
            continue  # Chinese is read in character pairs, below
        lemma = t.lemma
        if (len(lemma) >= _MIN_WORD.get(t.lang, 4) or lemma.isdigit()) and not (
            lemma in common or t.form in common
        ):
            found.add(lemma)
    if reading.language == "zh" or any(s.lang == "zh" for s in reading.sentences):
        for run in _CJK_RUN.findall(reading.text, start, end):
            found.update(
                run[i : i + 2]
                for i in range(len(run) - 1)
                if run[i] not in _ZH_FUNCTION and run[i + 1] not in _ZH_FUNCTION
            )
    return frozenset(found)


_CJK_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]+")
# Characters that make a pair say nothing of the case ("了一", "我们").
_ZH_FUNCTION = frozenset("的了是我你您们这那在很都也就吗呢吧和还着个一有没不太")


def _starts(reading: Reading) -> list[int]:
    if _STARTS and _STARTS[0][0] is reading:
        return _STARTS[0][1]
    starts = [t.start for t in reading.tokens]
    _STARTS[:] = [(reading, starts)]
    return starts


_STARTS: list[tuple[Reading, list[int]]] = []
_COMMON: list[tuple[ServiceLexicon, frozenset[str]]] = []


def _common(lexicon: ServiceLexicon) -> frozenset[str]:
    """The `common` words of every language, as forms and as the Reading's lemmas of them."""
    if _COMMON and _COMMON[0][0] is lexicon:
        return _COMMON[0][1]
    words: set[str] = set()
    for lang in LANGUAGES:
        listed = lexicon.words(lang, "common")
        for token in read("\n".join(listed)).tokens:
            words.update((token.form, token.lemma))
    _COMMON[:] = [(lexicon, frozenset(words))]
    return _COMMON[0][1]
