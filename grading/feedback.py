"""One concrete better phrasing for a reply that fell below a pass mark.

Built offline from what the lesson already knows: the persona's example good replies, the
policy's typed facts, lists and steps of the section a finding names, and what the customer
already said. It is written entirely in the reply's language: the frames are data per language
(feedback_phrases.yaml), a policy number is rendered from its value or range and unit, and an
item is named with the lexicon's words, because a trainer writes a policy once, in one language.
A fact's `statement` is used as written only when it is in the reply's language.

It never asks for what the customer already gave (an order number typed two turns ago is
thanked for, not asked for again), and never corrects toward another section than the one the
finding names. Only what a failing grade needs is built; data is loaded once.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import Field

from curricula.policy import Item, Policy, PolicyFact, PolicyList, PolicySection, RequiredStep
from grading.reading import Reading, read
from grading.reading.lexicon import lexicon
from grading.reading.normalise import normalise
from grading.reading.reading import norm_index
from grading.score import Reason, ReplyGrade
from personas.strict import Strict

log = logging.getLogger(__name__)

PHRASES = Path(__file__).with_name("feedback_phrases.yaml")
LANGUAGES = ("en", "zh", "es", "id", "ar")
DEFAULT_MARKS = {"empathy": 60, "policy": 70, "speed": 50}
TIME_UNITS = frozenset({"hours", "days", "business_days", "weeks", "months"})
# Items a customer gives as a code: a long run of digits in their message is one of these.
NUMBERED = ("order-number", "booking-reference", "phone-number", "account-number")
CUSTOMER = "customer"
_RUN = re.compile(r"(?<![a-z0-9])[a-z]{0,4}[#-]?\d[\d-]{3,}[a-z0-9]*(?![a-z0-9])")
_MIN_DIGITS = 5
_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}-\d{1,2}-\d{4}")
_CJK = re.compile("[\u3400-\u9fff\uf900-\ufaff]")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")


class Frames(Strict):
    opener: str
    ask: str = Field(description="Asks for the order number and what happened.")
    ask_details: str = Field(description="Asks what happened, the order number being known.")
    cannot_promise: str
    cannot_promise_alone: str
    first_step: str
    thanks_for: str
    check_given: str
    holding: str
    fact_time: str
    fact_time_plain: str
    fact_amount: str
    fact_amount_plain: str
    allowed: str


class Limits(Strict):
    exact: str
    at_most: str
    at_least: str


class LanguagePhrases(Strict):
    frames: Frames
    yours: str
    given: str
    details: str
    and_: str = Field(alias="and")
    comma: str
    separator: str
    limits: Limits
    range: str
    units: dict[str, dict[str, str]]
    topics: dict[str, str] = Field(default_factory=dict)


@lru_cache(maxsize=1)
def phrases() -> dict[str, LanguagePhrases]:
    """The phrase data per language, validated once."""
    with PHRASES.open(encoding="utf-8") as f:
        raw = yaml.safe_load(f)
    return {lang: LanguagePhrases.model_validate(raw[lang]) for lang in LANGUAGES}


def reply_language(language: str | None, reading: Reading | None = None) -> str:
    """The language to write in: the one asked for ("zh-CN" is zh, "es-en" es), else the
    reading's, Spanish for a Spanish-English reply; English for anything else."""
    if language:
        language = re.split(r"[-_]", language.strip().lower(), maxsplit=1)[0]
    elif reading is not None:
        language = reading.language
        if language == "en" and "es" in reading.languages():
            language = "es"
    return language if language in LANGUAGES else "en"


@lru_cache(maxsize=1024)
def in_language(text: str, language: str) -> bool:
    """True when `text` reads as `language` throughout (script and detected language)."""
    if not text.strip():
        return False
    has_cjk, has_arabic = bool(_CJK.search(text)), bool(_ARABIC.search(text))
    if language == "zh" or has_cjk:
        return language == "zh" and has_cjk and not has_arabic
    if language == "ar" or has_arabic:
        return language == "ar" and has_arabic
    known = _phrase_index().get(normalise(text)[0].strip())
    if known:
        return language in known[1]
    return read(text).languages() == {language}


# --- the lexicon: words of a concept, and which concept and language a trainer's word is ---


def _phrase_index() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Normalised lexicon phrase -> (its concepts, its languages); rebuilt when the lexicon
    is (a trainer's extra folder changes it)."""
    lex = lexicon()
    if _INDEX.get("lexicon") is not lex:
        found: dict[str, tuple[set[str], set[str]]] = {}
        for lang, lang_lex in lex.languages.items():
            for concept, words in lang_lex.concepts.items():
                for word in words:
                    key = normalise(word.strip().lstrip("="))[0].strip()
                    concepts, langs = found.setdefault(key, (set(), set()))
                    concepts.add(concept)
                    langs.add(lang)
        _INDEX["lexicon"] = lex
        _INDEX["index"] = {p: (frozenset(c), frozenset(ls)) for p, (c, ls) in found.items()}
    return _INDEX["index"]  # type: ignore[return-value]


_INDEX: dict[str, object] = {}


def concept_of(word: str) -> str | None:
    """The one concept a trainer's word stands for ("订单号" -> order-number), if any."""
    return _concept_of(word, id(lexicon()))


@lru_cache(maxsize=4096)
def _concept_of(word: str, _lexicon_id: int) -> str | None:
    concepts = _phrase_index().get(normalise(word)[0].strip(), (frozenset(), frozenset()))[0]
    if len(concepts) != 1:
        reading = read(word)
        concepts = frozenset(
            h.concept
            for h in reading.concepts
            if h.start == 0 and h.end >= len(word.rstrip()) and reading.tokens
        )
    return next(iter(concepts)) if len(concepts) == 1 else None


def concept_words(concept: str, language: str) -> tuple[str, ...]:
    return lexicon().phrases(language, concept)


def concept_name(concept: str, language: str) -> str | None:
    """The lexicon's first phrase of `concept` in `language` that reads as plain words (not a
    word ending, a gapped pattern or an exact-form marker)."""
    return _concept_name(concept, language, id(lexicon()))


@lru_cache(maxsize=1024)
def _concept_name(concept: str, language: str, _lexicon_id: int) -> str | None:
    for phrase in concept_words(concept, language):
        phrase = phrase.strip()
        if "…" in phrase or "..." in phrase or phrase.startswith("-") or phrase.endswith("-"):
            continue
        if language == "zh" and " " in phrase:  # a space marks a gap in a Chinese phrase
            continue
        return phrase.lstrip("=") or None
    return None


def written_in(word: str, language: str) -> bool:
    """A trainer's word (an item, a topic) is written in `language`: by its script for zh and
    ar; a Latin word when the lexicon knows it in that language, or when the Reading agrees and
    it is long enough to tell (one or two unknown words are not: "skin test" reads as
    Indonesian, "decision" as Spanish); for English two words will do, as a misread there only
    keeps the trainer's own English words."""
    if not in_language(word, language):
        return False
    if language in ("zh", "ar") or normalise(word)[0].strip() in _phrase_index():
        return True
    return len(word.split()) > (1 if language == "en" else 2)


def _names(reading: Reading, sentence: int, item: Item) -> bool:
    """True when the sentence names the item: a concept hit of the Reading, or one of the
    item's own words."""
    if item.concept and any(
        h.concept == item.concept and h.sentence == sentence for h in reading.concepts
    ):
        return True
    if not item.words:
        return False
    s = reading.sentences[sentence]
    norm = reading.norm[norm_index(reading, s.start) : norm_index(reading, s.end)]
    return any(word in norm for word in _normalised(tuple(item.words)))


@lru_cache(maxsize=256)
def _normalised(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(n for n in (normalise(w)[0].strip() for w in words) if n)


# --- what the customer already gave ---


def _key(item: Item) -> str:
    return item.concept or "|".join(item.words)


def _runs(reading: Reading) -> list[tuple[int, str]]:
    """Codes the writer typed (long digit runs: order, booking, phone numbers), with the
    sentence each is in and the code as written."""
    found = []
    for m in _RUN.finditer(reading.norm):
        if sum(c.isdigit() for c in m.group()) < _MIN_DIGITS or _DATE.fullmatch(m.group()):
            continue
        start, end = reading.orig_span(m.start(), m.end())
        # A sum of money or a number of days the Reading measured is no code.
        if any(q.unit and q.start < end and start < q.end for q in reading.quantities):
            continue
        sentence = next(
            (i for i, s in enumerate(reading.sentences) if s.start <= start < s.end), -1
        )
        found.append((sentence, reading.text[start:end].strip()))
    return found


def _negated(reading: Reading, sentence: int) -> bool:
    s = reading.sentences[sentence]
    cues = lexicon().cues(s.lang, "negation")
    whole = {c for c in cues if not c.startswith("-")}
    endings = tuple(c[1:] for c in cues if c.startswith("-"))
    first, last = s.tokens
    return any(
        t.form in whole or (endings and t.form.endswith(endings))
        for t in reading.tokens[first:last]
    )


def _numbered(item: Item) -> bool:
    return item.concept in NUMBERED


def given_items(context: Sequence[tuple[str, str]], items: Sequence[Item]) -> dict[str, str]:
    """The items an earlier customer turn already gave, by key, with the code typed ("" when
    the customer named it without a code we can quote). An item counts when a customer
    sentence names it (not a question, not "I don't have the order number"); a long code the
    customer typed without naming it is the number the agent had just asked for (order,
    booking, phone or account number), else the order number."""
    # Remembered per conversation: a chat's replies are graded against the same earlier turns,
    # and several suggestions of one reply ask the same. Only what is read of an item is keyed.
    # The entry holds the lexicon it was read with, so its id is not reused while it is kept.
    lex = lexicon()
    try:
        key = (
            id(lex),
            tuple((role, text) for role, text in context),
            tuple((i.concept, tuple(i.words)) for i in items),
        )
        hash(key)
    except (TypeError, ValueError):
        return _given_items(context, items)
    found = _GIVEN.get(key)
    if found is None:
        found = (lex, _given_items(context, items))
        if len(_GIVEN) >= 1024:
            _GIVEN.clear()
        _GIVEN[key] = found
    return dict(found[1])


_GIVEN: dict[tuple, tuple[object, dict[str, str]]] = {}


def _given_items(context: Sequence[tuple[str, str]], items: Sequence[Item]) -> dict[str, str]:
    given: dict[str, str] = {}
    wanted = {_key(i): i for i in items}
    numbered = [Item(concept=c) for c in NUMBERED]
    asked: list[str] = []
    for role, text in context:
        if not isinstance(text, str) or not text.strip():
            continue
        reading = read(text)
        if role != CUSTOMER:
            asked = [_key(i) for i in numbered if _named_anywhere(reading, i)]
            continue
        runs = _runs(reading)
        claimed: set[int] = set()
        named_bare: list[str] = []
        candidates = {**wanted, **{_key(i): i for i in numbered}}
        for key, item in candidates.items():
            for n, sentence in enumerate(reading.sentences):
                if sentence.question or not _names(reading, n, item):
                    continue
                run = next(
                    (i for i, (s, _) in enumerate(runs) if s == n and i not in claimed), None
                )
                if run is not None:
                    claimed.add(run)
                elif _negated(reading, n):
                    continue
                elif _numbered(item):
                    named_bare.append(key)
                code = runs[run][1] if run is not None and _numbered(item) else ""
                given[key] = code or given.get(key, "")
                break
        loose = [code for i, (_, code) in enumerate(runs) if i not in claimed]
        if loose:
            meant = named_bare or asked or ["order-number"]
            given[meant[0]] = loose[0]
    return {key: code for key, code in given.items() if key in wanted}


def _named_anywhere(reading: Reading, item: Item) -> bool:
    return any(_names(reading, n, item) for n in range(len(reading.sentences)))


# --- naming things in the reply's language ---


def item_name(item: Item, language: str) -> str | None:
    """The item in the reply's language: the trainer's label or word when written in it, else
    the lexicon's name of its concept (or of the concept its words stand for); None when
    nothing is."""
    if item.label and written_in(item.label, language):
        return item.label
    name = concept_name(item.concept, language) if item.concept else None
    if name is not None:
        return name
    own = next((w for w in item.words if written_in(w, language)), None)
    if own is not None:
        return own
    concepts = {concept_of(w) for w in item.words} - {None}
    return concept_name(concepts.pop(), language) if len(concepts) == 1 else None


def _join(names: Sequence[str], p: LanguagePhrases) -> str:
    names = list(dict.fromkeys(names))
    if len(names) <= 1:
        return names[0] if names else ""
    return p.comma.join(names[:-1]) + p.and_ + names[-1]


def _yours(items: Sequence[Item], language: str, given: Mapping[str, str] | None = None) -> str:
    p = phrases()[language]
    names = []
    for item in items:
        name = item_name(item, language)
        if name is None:
            names.append(p.details)
        elif given and given.get(_key(item)):
            names.append(p.given.format(item=name, value=given[_key(item)]))
        else:
            names.append(p.yours.format(item=name))
    return _join(names, p)


def _number(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def _form_of(n: float) -> str:
    if n == 1:
        return "one"
    if n == 2:
        return "two"
    return "few" if float(n).is_integer() and 3 <= n <= 10 else "other"


def quantity(fact: PolicyFact, language: str) -> str:
    """The fact's value or range with its unit, in `language` ("de 5 a 7 días hábiles")."""
    p = phrases()[language]
    forms = p.units[fact.unit_name]
    low, high = fact.low, fact.high
    if fact.is_range and low != high:
        number = p.range.format(low=_number(low), high=_number(high))
        usable = {k: v for k, v in forms.items() if "{n}" in v}
    else:
        number, usable = _number(high), forms
    form = usable.get(_form_of(high)) or usable.get("other") or next(iter(usable.values()))
    text = form.format(n=number, code=fact.currency or "").strip()
    return getattr(p.limits, fact.limit).format(value=text)


def _topic(fact: PolicyFact, language: str) -> str | None:
    """What the fact is about, in `language`: its first concept's noun, else one of its own
    `about` words written in that language. An `about` word is not mapped to a concept: it may
    be a hint (保价 beside 价保) rather than the topic."""
    p = phrases()[language]
    for concept in fact.concepts:
        name = p.topics.get(concept) or concept_name(concept, language)
        if name:
            return name
    return next((w for w in fact.about if written_in(w, language)), None)


def say_fact(fact: PolicyFact, language: str) -> str:
    """The fact in `language`: its statement when written in it, else rendered from the typed
    value and unit inside the language's frame."""
    if in_language(fact.statement, language):
        return fact.statement
    frames = phrases()[language].frames
    kind = "time" if fact.unit_name in TIME_UNITS else "amount"
    topic = _topic(fact, language)
    value = quantity(fact, language)
    if topic:
        return getattr(frames, f"fact_{kind}").format(topic=topic, value=value)
    return getattr(frames, f"fact_{kind}_plain").format(value=value)


def say_list(rule: PolicyList, language: str) -> str | None:
    if in_language(rule.statement, language):
        return rule.statement
    names = [n for n in (item_name(i, language) for i in rule.allowed) if n]
    if not names:
        return None
    p = phrases()[language]
    return p.frames.allowed.format(items=_join(names, p))


# --- the section a finding names, and what in it the finding is about ---


def _section(finding: Reason, policy: Policy) -> PolicySection | None:
    """The section of "ID#SECTION@VERSION"; None when it names another policy."""
    ref = finding.section or ""
    policy_id, _, rest = ref.partition("#")
    if not rest or (policy_id and policy_id != policy.id):
        return None
    return policy.section(rest.partition("@")[0])


def _longest_named(rules, text: str, attribute: str):
    named = [r for r in rules if getattr(r, attribute) and getattr(r, attribute) in text]
    return max(named, key=lambda r: len(getattr(r, attribute)), default=None)


def _fact_for(finding: Reason, section: PolicySection) -> PolicyFact | None:
    """The fact of this section the finding names (its statement, else its key); for a wrong
    number not named, the only fact in the quoted number's unit."""
    fact = _longest_named(section.facts, finding.text, "statement")
    fact = fact or _longest_named(section.facts, finding.text, "key")
    if fact is not None or not section.facts:
        return fact
    units = {q.unit for q in read(finding.quote).quantities if q.unit} if finding.quote else set()
    same = [f for f in section.facts if f.unit_name in units]
    if len(same) == 1:
        return same[0]
    return section.facts[0] if len(section.facts) == 1 else None


def _offer(finding: Reason, section: PolicySection, language: str) -> str | None:
    """What this same section offers instead of a forbidden promise or remedy: the list that
    names what was offered (cash -> the original payment method), else the fact the finding
    names or that shares the rule's concepts, else any fact or list of the section."""
    rules = [*section.forbidden_promises, *section.forbidden_remedies]
    rule = _longest_named(rules, finding.text, "reason")
    concepts = set(rule.concepts) if rule is not None else set()
    members = {
        id(rule_list): {i.concept for i in (*rule_list.allowed, *rule_list.not_allowed)}
        for rule_list in section.lists
    }
    lists = sorted(section.lists, key=lambda r: not concepts & members[id(r)])
    facts = sorted(section.facts, key=lambda f: not concepts & set(f.concepts))
    named = _fact_for(finding, section)
    if lists and concepts & members[id(lists[0])]:
        said = say_list(lists[0], language)
        if said:
            return said
    if named is not None:
        return say_fact(named, language)
    if facts:
        return say_fact(facts[0], language)
    return next((said for said in (say_list(r, language) for r in lists) if said), None)


def _step_for(finding: Reason, section: PolicySection) -> RequiredStep | None:
    steps = section.required_steps
    return next((s for s in steps if f"“{s.id}”" in finding.text), steps[0] if steps else None)


def alternatives(step: RequiredStep) -> list[list[Item]]:
    """Ways to do the step, each a list of items that must all be there; v1 `done_by` words
    become the concept they stand for, and words no concept covers one item together."""
    cached = _ALTERNATIVES.get(id(step))
    if cached is not None and cached[0] is step:
        return cached[1]
    found = [list(alt) for alt in step.any_of]
    loose = []
    for word in step.done_by:
        concept = concept_of(word)
        if concept is None:
            loose.append(word)
        elif [Item(concept=concept)] not in found:
            found.append([Item(concept=concept)])
    if loose:
        found.append([Item(words=loose)])
    if len(_ALTERNATIVES) > 1024:  # policies reloaded many times: start again
        _ALTERNATIVES.clear()
    _ALTERNATIVES[id(step)] = (step, found)
    return found


# A policy's steps are immutable and live as long as the loaded policy: keyed by identity.
_ALTERNATIVES: dict[int, tuple[RequiredStep, list[list[Item]]]] = {}


def ask_for_step(step: RequiredStep, language: str, context: Sequence[tuple[str, str]] = ()) -> str:
    """Asks for what the step needs and the customer has not given, thanking for what they
    have; asks only to check it when everything is given."""
    ways = alternatives(step)
    wanted = {_key(i): i for way in ways for i in way}
    given = given_items(context, list(wanted.values())) if context else {}
    # The way closest to done; on a tie, the one the customer has started on.
    way = min(
        ways,
        key=lambda w: (sum(_key(i) not in given for i in w), -sum(_key(i) in given for i in w)),
    )
    have = [i for i in way if _key(i) in given]
    missing = [i for i in way if _key(i) not in given]
    p = phrases()[language]
    parts = []
    if have and missing:
        parts.append(p.frames.thanks_for.format(what=_yours(have, language, given)))
    if missing:
        parts.append(p.frames.first_step.format(what=_yours(missing, language)))
    else:
        parts.append(p.frames.check_given.format(what=_yours(have, language, given)))
    return p.separator.join(parts)


def _policy_fixes(
    grade: ReplyGrade, policy: Policy, language: str, context: Sequence[tuple[str, str]]
) -> list[str]:
    frames = phrases()[language].frames
    fixes: list[str] = []
    for finding in grade.policy.findings:
        section = _section(finding, policy)
        if section is None:
            continue
        if finding.kind == "skipped_step":
            step = _step_for(finding, section)
            if step is not None:
                fixes.append(ask_for_step(step, language, context))
            continue
        if finding.kind in ("forbidden_promise", "forbidden_remedy"):
            rule = _longest_named(section.lists, finding.text, "statement")
            offer = say_list(rule, language) if rule else _offer(finding, section, language)
            fixes.append(frames.cannot_promise if offer else frames.cannot_promise_alone)
            if offer:
                fixes.append(offer)
            continue
        if finding.kind == "wrong_fact":
            rule = _longest_named(section.lists, finding.text, "statement")
            said = say_list(rule, language) if rule else None
            if said:
                fixes.append(said)
            continue
        fact = _fact_for(finding, section)
        if fact is not None:
            fixes.append(say_fact(fact, language))
    return list(dict.fromkeys(fixes))


def _usable_example(
    examples: Sequence[str], language: str, context: Sequence[tuple[str, str]]
) -> str | None:
    """The first persona example written in the reply's language that asks for nothing the
    customer already gave."""
    items = [Item(concept=c) for c in NUMBERED]
    given: dict[str, str] | None = None
    for example in examples:
        if not in_language(example, language):
            continue
        if context:
            given = given_items(context, items) if given is None else given
            reading = read(example)
            if any(_key(i) in given and _named_anywhere(reading, i) for i in items):
                continue
        return example
    return None


def _ask(language: str, context: Sequence[tuple[str, str]]) -> list[str]:
    frames = phrases()[language].frames
    order = Item(concept="order-number")
    given = given_items(context, [order]) if context else {}
    if _key(order) not in given:
        return [frames.ask]
    return [frames.thanks_for.format(what=_yours([order], language, given)), frames.ask_details]


def better_phrasing(
    grade: ReplyGrade,
    marks: Mapping[str, int] | None = None,
    *,
    policy: Policy | None = None,
    examples: Sequence[str] = (),
    language: str | None = None,
    context: Sequence[tuple[str, str]] = (),
    reading: Reading | None = None,
) -> str | None:
    """A better way to say it, or None when every graded dimension passed.

    `language`: the language to write in when the caller was told it (a QA file's column);
    None: the language of `reading`, the reply's Reading (Spanish for a Spanish-English
    reply); neither: English. `context`: the earlier turns as (role, text), role "customer",
    "agent" or "trainee", so nothing the customer gave is asked for again.
    """
    marks = {**DEFAULT_MARKS, **(marks or {})}
    failing = {
        name
        for name, value in grade.scores().items()
        if value is not None and value < marks.get(name, 0)
    }
    if not failing:
        return None
    language = reply_language(language, reading)
    try:
        return _compose(grade, failing, policy, examples, language, context)
    except Exception:  # the grade stands without a suggestion rather than fail the turn
        log.exception("the better phrasing failed on a reply")
        return None


def _compose(
    grade: ReplyGrade,
    failing: set[str],
    policy: Policy | None,
    examples: Sequence[str],
    language: str,
    context: Sequence[tuple[str, str]],
) -> str:
    context = [
        (turn[0], turn[1])
        for turn in context
        if isinstance(turn, tuple | list) and len(turn) == 2 and isinstance(turn[1], str)
    ]
    fixes = (
        _policy_fixes(grade, policy, language, context)
        if policy is not None and "policy" in failing
        else []
    )
    if not fixes and examples and "empathy" in failing:
        example = _usable_example(examples, language, context)
        if example is not None:
            return example
    p = phrases()[language]
    parts = []
    if "empathy" in failing or fixes:
        parts.append(p.frames.opener)
    parts.extend(fixes)
    if not fixes and failing - {"speed"}:
        parts.extend(_ask(language, context))
    if not parts:  # only speed failed
        parts.append(p.frames.holding)
    return p.separator.join(parts)
