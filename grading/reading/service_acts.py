"""Service acts: what each sentence of an agent's message does for the customer.

`find_service_acts(reading)` is what `Reading.service_acts` computes on first use. The words are
data (grading/lexicons/service/<lang>.yaml, see service_lexicon.py), matched with the reading's
lemmas through the same PhraseSet as the concept lexicons: one form finds its inflections
("apologised", "disculpe"), Chinese matches by substring, a sentence of one language borrows
English phrases (and Chinese wherever ideographs stand) for code-switching, and a negation is
never skipped over, inside a phrase or just before it ("I'm not sorry" is no apology; a negation
that starts a set phrase of the concept lexicons' `ignore` cues, "don't worry", "no te
preocupes", negates nothing).

Per sentence, at most one act of each kind:
- acknowledge_feeling: a frame ("I understand", "理解", "أتفهم") with a feeling word in its clause;
- acknowledge_situation: a restating frame ("it looks like", "veo que"), or a word for the
  customer with a word for what went wrong in one clause ("your parcel has been stuck");
- apologise, with `about`: the rest of the clause after "for", "让您", "por", "atas", "عن"…;
- validate, explain, dismiss, blame, sarcasm: their phrases (explain not in a question);
- ask_situation: any question to the customer, except one asking permission for the agent's
  step (that owns the step), a closing formula ("anything else I can help with?") or a sneer;
- own_next_step: an action of the reading the agent did, promised, offered or asks leave for
  (concrete), an action named after the agent as subject ("سنقوم بإرجاع المبلغ"), a question
  asking leave for the step ("Shall I do that?"), or a generic step after the agent as subject
  ("we'll look into it": concrete only with a time, "within 24 hours");
- empathy_but: empathy or an apology, then a contrast word that opens the very next clause or
  sentence ("I understand, but…");
- boilerplate: stock phrases; the `filler` ones ("thank you for your patience") only when the
  message does nothing else for the customer;
- warm: warmth that is no apology: condolences, wishes, relief ("早日康复", "ألف سلامة");
- weigh: a word saying how hard something is ("too long", "annoying", "太闹心"), outside a
  question: an acknowledgement when the sentence speaks of the customer's own case, which only
  the empathy grader, holding the customer's message, can tell;
- salad: a sentence of empathy words strung together that no person would say to anyone
  ("sorry frustrating understand.", "Sorry late fee frustrating understand mortgage sorry."):
  nothing but the acts, or four words or more with two empathy words and no glue word (`the`,
  的, de, yang, في); see `_salad`.
Offsets are in the original text, like every span of a Reading.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import NamedTuple

from grading.reading.concepts import BORROWS, PerLanguage, SentenceWords, Words, words_of
from grading.reading.lexicon import LANGUAGES, Lexicon, lexicon
from grading.reading.model import Reading, ServiceAct
from grading.reading.normalise import normalise, original_end
from grading.reading.phrases import _EXACT, PhraseSet
from grading.reading.service_lexicon import KINDS, WORD_LISTS, ServiceLexicon, service_lexicon

NEGATION_REACH = 3  # words before a phrase a negation still reaches ("I'm really not sorry")
CJK_NEGATION_REACH = 4  # characters
MARKER_REACH = 2  # words between an apology and what introduces its object ("so sorry about")
AGENT_REACH = 5  # words between the agent as subject and a generic step ("I'll personally check")
CJK_AGENT_REACH = 8
CONTRAST_REACH = 12  # words after an empathy phrase within which its "but" must stand
OPENING_REACH = 2  # a next sentence's "but" stands among its first words ("So, however,…")
TIME_UNITS = frozenset({"hours", "days", "business_days", "weeks", "months"})
SUBSTANTIVE = frozenset(
    {
        "acknowledge_feeling", "acknowledge_situation", "apologise", "validate",
        "ask_situation", "explain", "own_next_step",
    }
)  # fmt: skip
NEGATIVE = frozenset({"dismiss", "blame", "sarcasm"})
# What keyword salad strings together.
EMPATHY = frozenset({"acknowledge_feeling", "acknowledge_situation", "apologise", "validate"})
_AR_YOU = ("ك", "كم", "كي", "كن")
_SALAD_HITS = frozenset(
    {"a:apologise", "a:acknowledge_feeling", "a:validate", "a:empathy_but", "w:feelings"}
)
SALAD_MIN_WORDS = 4  # a longer string of words with two empathy words and no glue is salad
# Stances are not steps ("I promise it won't happen again"); "approved" reports one.
_NOT_STEPS = frozenset({"guarantee", "never-again"})
_STEP_MODES = frozenset({"done", "promised", "offered", "asking"})
# Punctuation that ends a clause between two words ("I understand, but…").
_CLAUSE_MARKS = re.compile("[,;:—–()\\[\\]，、；：（）،؛]|\\s-\\s")


# The lexicons searched in a sentence of each language: the concept lexicons' borrowing, and
# Spanish in an English sentence too ("es tu culpa, you didn't read the email").
BORROWS_ACTS = {**BORROWS, "en": ("en", "es")}


class _Hit(NamedTuple):
    key: str  # "a:<kind>", "w:<list>", "x:cond" or "x:break"; see _key
    lang: str  # the lexicon language of the phrase
    first: int  # token indexes [first, last)
    last: int
    start: int  # original offsets
    end: int
    flag: str  # "^": only at a clause start; "+": the marker belongs to the object


@dataclass(frozen=True)
class _Compiled:
    service: ServiceLexicon
    concepts: Lexicon
    latin: dict[str, PhraseSet]  # per sentence language: its phrases and the ones it borrows
    chars: tuple[PhraseSet, ...]  # Chinese: a set per list, so no list hides another's words
    negations: dict[str, frozenset[str]]  # per sentence language, one-word negations
    endings: dict[str, tuple[str, ...]]  # and negating word endings ("-n't")
    ignore: dict[str, dict[str, tuple[tuple[str, ...], ...]]]  # first form -> set phrases
    zh_negations: tuple[str, ...]
    zh_ignore: tuple[str, ...]


_COMPILED: list[_Compiled] = []


def _split(phrase: str) -> tuple[str, str]:
    """A phrase without its leading "^" or "+", and that flag."""
    phrase = phrase.strip()
    if len(phrase) > 1 and phrase[0] in "^+":
        return phrase[1:].strip(), phrase[0]
    return phrase, ""


def _items(service: ServiceLexicon, concepts: Lexicon, langs) -> list[tuple[str, str, str]]:
    """The phrases of `langs` (the sentence's own language first) with their keys. A borrowed
    language lends no phrase that opens with a word ending ("-aré"): such a phrase is tried on
    every word of every sentence."""
    items = []
    for lang in langs:
        own = lang == langs[0]
        for part, names, words in (
            ("a", KINDS, service.phrases),
            ("w", WORD_LISTS, service.words),
        ):
            for name in names:
                for phrase in words(lang, name):
                    text, flag = _split(phrase)
                    if own or not text.startswith("-"):
                        items.append((f"{part}:{name}{flag}", text, lang))
        for cue in concepts.cues(lang, "conditional"):
            items.append(("x:cond", cue, lang))
        for cue in concepts.cues(lang, "clause_break"):
            items.append(("x:break", cue, lang))
    return items


def _compiled() -> _Compiled:
    service, concepts = service_lexicon(), lexicon()
    if _COMPILED and _COMPILED[0].service is service and _COMPILED[0].concepts is concepts:
        return _COMPILED[0]
    # Compiled per sentence language on first use; Latin words in a Chinese sentence: English.
    latin = PerLanguage(
        lambda lang: (
            latin["en"]
            if lang == "zh"
            else PhraseSet(_items(service, concepts, BORROWS_ACTS[lang]))
        )
    )
    by_key: dict[str, list[tuple[str, str, str]]] = {}
    for item in _items(service, concepts, ["zh"]):
        by_key.setdefault(item[0], []).append(item)
    chars = tuple(PhraseSet(items) for items in by_key.values())
    negations, endings, ignore = {}, {}, {}
    for lang in LANGUAGES:
        words: set[str] = set()
        ends: set[str] = set()
        runs: dict[str, set[tuple[str, ...]]] = {}
        for source in BORROWS[lang]:
            for cue in (*concepts.cues(source, "negation"), *concepts.cues(source, "refused")):
                cue = normalise(cue)[0].strip()
                if cue.startswith("-") and len(cue) > 1:
                    if source != "ar":  # an Arabic word ending in ش is often no negation
                        ends.add(cue[1:])
                elif " " not in cue:
                    words.add(cue)
            for cue in concepts.cues(source, "ignore"):
                run = tuple(normalise(cue)[0].split())
                if run:
                    runs.setdefault(run[0], set()).add(run)
        negations[lang] = frozenset(words)
        endings[lang] = tuple(ends)
        ignore[lang] = {k: tuple(v) for k, v in runs.items()}
    zh_neg = {
        normalise(c)[0].strip()
        for c in (*concepts.cues("zh", "negation"), *concepts.cues("zh", "refused"))
    }
    zh_ignore = {normalise(c)[0].strip() for c in concepts.cues("zh", "ignore")}
    found = _Compiled(
        service,
        concepts,
        latin,
        chars,
        negations,
        endings,
        ignore,
        tuple(sorted(c for c in zh_neg if c and "…" not in c)),
        tuple(sorted((c for c in zh_ignore if c), key=len, reverse=True)),
    )
    _COMPILED[:] = [found]
    return found


def _key(raw: str) -> tuple[str, str]:
    if raw[-1] in "^+":
        return raw[:-1], raw[-1]
    return raw, ""


def _hits(reading: Reading, words: Words, sw: SentenceWords, compiled: _Compiled) -> list[_Hit]:
    tokens = reading.tokens
    found: list[_Hit] = []
    if sw.has_latin:
        phrase_set = compiled.latin[sw.lang]
        blocked = (compiled.negations[sw.lang], compiled.endings[sw.lang])
        forms = sw.forms
        for pattern, i, j in phrase_set.scan_words(sw.forms, sw.token_lemmas, blocked):
            head = pattern.words[0]
            if head.lemma == _EXACT and not head.affix and forms[i] != head.form:
                continue  # a "=form" phrase is looked up by the form, which a lemma can equal
            a, b = sw.first + i, sw.first + j
            key, flag = _key(pattern.key)
            found.append(_Hit(key, pattern.lang, a, b, tokens[a].start, tokens[b - 1].end, flag))
    if sw.has_cjk:
        offsets = reading.offsets
        for phrase_set in compiled.chars:
            for pattern, lo, hi in phrase_set.scan_chars(reading.norm, sw.norm_lo, sw.norm_hi):
                a, b = words.char_to_tokens(lo, hi)
                key, flag = _key(pattern.key)
                end = original_end(reading.text, offsets, hi)
                found.append(_Hit(key, "zh", a, b, offsets[lo], end, flag))
    found.sort(key=lambda h: (h.first, -h.last))
    return found


def _marks(reading: Reading, words: Words, sw: SentenceWords) -> list[int]:
    """Token indexes that a comma-like mark stands just before."""
    sentence = reading.sentences[sw.index]
    marks: set[int] = set()
    for m in _CLAUSE_MARKS.finditer(reading.text, sentence.start, sentence.end):
        t = bisect_left(words.token_starts, m.end(), sw.first, sw.last)
        if sw.first < t < sw.last:
            marks.add(t)
    return sorted(marks)


def _found(
    reading: Reading, words: Words, sw: SentenceWords, compiled: _Compiled
) -> tuple[list[_Hit], list[int]]:
    hits = _hits(reading, words, sw, compiled)
    marks = _marks(reading, words, sw)

    def across(first: int, last: int) -> bool:
        i = bisect_right(marks, first)
        return i < len(marks) and marks[i] < last

    # A phrase does not run across a comma: "ya, sudah saya proses" is no "ya sudah".
    return _prune([h for h in hits if not across(h.first, h.last)]), marks


# A sentence's hits and marks relative to its first token and character, by its text: replies
# reuse sentences ("Thank you for your patience."). Only for readings whose offsets are the
# norm's own (Reading.in_place), where one text gives the same positions anywhere. The value
# holds the compiled words it was found with, so their id cannot be reused while it is kept.
_MEMO: dict[tuple, tuple[_Compiled, list[tuple], list[int]]] = {}
_MEMO_SIZE = 4096
_MEMO_SENTENCE = 400  # characters


def _sentence_hits(
    reading: Reading, words: Words, sw: SentenceWords, compiled: _Compiled
) -> tuple[list[_Hit], list[int]]:
    sentence = reading.sentences[sw.index]
    if not reading.in_place or sentence.end - sentence.start > _MEMO_SENTENCE:
        return _found(reading, words, sw, compiled)
    key = (reading.text[sentence.start : sentence.end], sw.lang, id(compiled))
    memo = _MEMO.get(key)
    t0, c0 = sw.first, sentence.start
    if memo is None or memo[0] is not compiled:
        hits, marks = _found(reading, words, sw, compiled)
        relative = [
            (h.key, h.lang, h.first - t0, h.last - t0, h.start - c0, h.end - c0, h.flag)
            for h in hits
        ]
        if len(_MEMO) >= _MEMO_SIZE:
            _MEMO.clear()
        _MEMO[key] = (compiled, relative, [t - t0 for t in marks])
        return hits, marks
    _, relative, marks = memo
    hits = [_Hit(k, g, a + t0, b + t0, s + c0, e + c0, f) for k, g, a, b, s, e, f in relative]
    return hits, [t + t0 for t in marks]


# An act's phrase inside a longer phrase of another act is not one of its own ("la razón" in
# "tiene toda la razón", "dije" in "como ya le dije"). Frames, which need a feeling or a
# restatement to make an act, and bare empathy ("I understand") hide nothing; frames are never
# hidden either, nor is an apology inside boilerplate ("sorry for any inconvenience").
_FRAMES = frozenset({"a:acknowledge_feeling", "a:acknowledge_situation"})
_HIDES_NOTHING = _FRAMES | {"a:empathy_but"}
_NEVER_HIDDEN = _FRAMES | {"a:apologise"}


def _prune(hits: list[_Hit]) -> list[_Hit]:
    acts = [h for h in hits if h.key.startswith("a:") and h.key not in _HIDES_NOTHING]
    if len(acts) < 2:
        return hits
    kept = []
    for hit in hits:
        if hit.key.startswith("a:") and hit.key not in _NEVER_HIDDEN:
            size = hit.last - hit.first
            if any(
                o.key != hit.key
                and o.first <= hit.first
                and hit.last <= o.last
                and o.last - o.first > size
                for o in acts
            ):
                continue
        kept.append(hit)
    return kept


class _Sentence:
    """One sentence's hits by list, its clauses and its words, in token indexes."""

    def __init__(self, reading: Reading, words: Words, index: int, compiled: _Compiled):
        self.reading = reading
        self.index = index
        self.sw = words.sentences[index]
        self.sentence = reading.sentences[index]
        self.lang = self.sentence.lang
        self.first, self.last = self.sw.first, self.sw.last
        self.compiled = compiled
        self.token_starts = words.token_starts
        self.hits, self.marks = _sentence_hits(reading, words, self.sw, compiled)
        marks = set(self.marks)
        self.by_key: dict[str, list[_Hit]] = {}
        for hit in self.hits:
            self.by_key.setdefault(hit.key, []).append(hit)
        # Clauses end at a comma-like mark or a contrast word ("but"); fine clauses at the
        # concept lexicons' clause-break words too ("because", "so"), which bound a negation
        # and what an apology is for, but not a feeling ("that must be so frustrating").
        starts = set(marks)
        starts.update(h.first for h in self.by_key.get("w:contrast", ()))
        self.broad_starts = [self.first, *sorted(t for t in starts if self.first < t)]
        starts.update(h.first for h in self.by_key.get("x:break", ()))
        self.clause_starts = [self.first, *sorted(t for t in starts if self.first < t)]

    def get(self, key: str) -> list[_Hit]:
        return self.by_key.get(key, [])

    def clause(self, token: int, broad: bool = False) -> tuple[int, int]:
        starts = self.broad_starts if broad else self.clause_starts
        k = max(0, bisect_right(starts, token) - 1)
        return starts[k], starts[k + 1] if k + 1 < len(starts) else self.last

    def forms(self, lo: int, hi: int) -> list[str]:
        return self.sw.forms[lo - self.first : hi - self.first]

    def negated(self, token: int) -> bool:
        """A negation in the words just before `token`, in its clause."""
        c0, _ = self.clause(token)
        tokens = self.reading.tokens
        if tokens[token].lang == "zh":
            return self._negated_zh(max(c0, token - 10), token)
        lo = max(c0, token - NEGATION_REACH)
        negations = self.compiled.negations[self.lang]
        endings = self.compiled.endings[self.lang]
        lemmas = self.sw.token_lemmas
        for p in range(lo, token):
            form = tokens[p].form
            lem = lemmas[p - self.first]
            negation = form in negations or lem in negations
            if (negation or (endings and form.endswith(endings))) and not self._ignored(p, token):
                return True
        return False

    def _ignored(self, p: int, token: int) -> bool:
        """The negation at `p` starts or stands inside a set phrase ("don't worry")."""
        runs = self.compiled.ignore[self.lang]
        forms = self.sw.forms
        for q in range(max(self.first, p - 3), p + 1):
            for run in runs.get(forms[q - self.first], ()):
                end = q + len(run)
                if end > p and end <= token and tuple(self.forms(q, end)) == run:
                    return True
        return False

    def _negated_zh(self, lo: int, token: int) -> bool:
        text = "".join(self.forms(lo, token))
        wide = text + "".join(self.forms(token, min(self.last, token + 3)))
        for cue in self.compiled.zh_ignore:  # "不好意思", "非常", "没关系" negate nothing
            if cue in wide:
                wide = wide.replace(cue, "\x00" * len(cue))
        window = wide[: len(text)][-CJK_NEGATION_REACH:]
        return any(cue in window for cue in self.compiled.zh_negations)

    def at_clause_start(self, hit: _Hit) -> bool:
        """After the sentence's start or a comma-like mark (or "and" there): "since" the
        conjunction, not the preposition of "stuck since Monday"."""
        starts = (self.first, *self.marks)
        return hit.first in starts or (hit.first - 1 in starts and self._filler_word(hit.first - 1))

    def _filler_word(self, token: int) -> bool:
        return self.reading.tokens[token].form in ("and", "y", "dan", "و", "but")

    def valid(self, key: str) -> list[_Hit]:
        """The hits of `key` that are not negated (and at a clause start where they must be)."""
        hits = self.by_key.get(key)
        if not hits:
            return []
        return [
            h
            for h in hits
            if not self.negated(h.first) and (h.flag != "^" or self.at_clause_start(h))
        ]

    def in_clause(self, key: str, token: int) -> list[_Hit]:
        c0, c1 = self.clause(token, broad=True)
        return [h for h in self.get(key) if c0 <= h.first < c1]

    def asks_at(self, token: int) -> bool:
        """The clause of `token` is the question of a question sentence (its last clause):
        "I understand your frustration, could you share your order number?" acknowledges in
        its first clause and asks in its last."""
        return self.sentence.question and self.clause(token, broad=True)[1] == self.last

    def conditional_before(self, token: int) -> bool:
        c0, _ = self.clause(token)
        return any(c0 <= h.first < token for h in self.get("x:cond"))

    def span(self) -> tuple[int, int]:
        return self.sentence.start, self.sentence.end

    def reach(self, words: int, chars: int) -> int:
        return chars if self.lang == "zh" else words


class _Acts:
    """The acts found so far, one per kind and sentence."""

    def __init__(self) -> None:
        self.found: dict[tuple[int, str], ServiceAct] = {}

    def add(self, s: _Sentence, kind: str, start: int, end: int, lang: str, **extra) -> None:
        key = (s.index, kind)
        if key not in self.found:
            self.found[key] = ServiceAct(kind, start, end, s.index, lang, **extra)  # type: ignore[arg-type]

    def put(self, index: int, kind: str, start: int, end: int, lang: str, **extra) -> None:
        """`add` by the sentence's index."""
        key = (index, kind)
        if key not in self.found:
            self.found[key] = ServiceAct(kind, start, end, index, lang, **extra)  # type: ignore[arg-type]

    def has(self, index: int, kind: str) -> bool:
        return (index, kind) in self.found


def find_service_acts(reading: Reading) -> list[ServiceAct]:
    """Every service act of the message, in text order."""
    if not reading.sentences:
        return []
    compiled = _compiled()
    sentences = _Sentences(reading, words_of(reading), compiled)
    acts = _Acts()
    steps = _action_steps(reading, sentences)
    own = [_sentence_acts(sentences, i, acts) for i in range(len(sentences))]
    for i, left in enumerate(own):
        _steps(sentences, i, steps, left, acts)
    for i, left in enumerate(own[:-1]):
        if left.trail is not None and "opens" in own[i + 1].flags:
            contrast = _opening_contrast(sentences[i + 1])
            if contrast is not None and not acts.has(i, "empathy_but"):
                start, lang = left.trail
                acts.put(i, "empathy_but", start, contrast.end, lang)
    if not any(kind in SUBSTANTIVE for _, kind in acts.found):
        for i, left in enumerate(own):
            if "filler" in left.flags:
                s = sentences[i]
                for hit in s.valid("w:filler"):
                    acts.add(s, "boilerplate", hit.start, hit.end, hit.lang)
                    break
    return sorted(acts.found.values(), key=lambda a: (a.start, a.end, a.kind))


class _Sentences:
    """The message's sentences, each scanned when first needed: most of a known sentence's
    work is remembered (see _sentence_acts)."""

    def __init__(self, reading: Reading, words: Words, compiled: _Compiled):
        self.reading, self.words, self.compiled = reading, words, compiled
        self._made: list[_Sentence | None] = [None] * len(reading.sentences)

    def __len__(self) -> int:
        return len(self._made)

    def __getitem__(self, index: int) -> _Sentence:
        made = self._made[index]
        if made is None:
            made = self._made[index] = _Sentence(self.reading, self.words, index, self.compiled)
        return made


_UNDERCUT = ("apologise", "acknowledge_feeling", "validate")  # what a "but" can take back


class _Own(NamedTuple):
    """What a sentence leaves for the message's later steps, besides its own acts."""

    flags: frozenset[str]  # "opens" with a "but", has "filler", asks "permission"
    step: tuple | None  # the generic step it owns unless an action is one (kind, start, end,
    # lang, concrete)
    trail: tuple[int, str] | None  # empathy ending it, for a next sentence's "but" (start, lang)


def _own_acts(s: _Sentence, acts: _Acts) -> _Own:
    """The acts a sentence makes on its own, whatever stands around it, and what it leaves for
    the message's later steps (see _Own)."""
    _feelings(s, acts)
    _situation(s, acts)
    _apology(s, acts)
    for kind in ("validate", "explain"):  # not in the question itself
        for hit in s.valid(f"a:{kind}"):
            if not s.asks_at(hit.first):
                acts.add(s, kind, hit.start, hit.end, hit.lang)
                break
    for kind in ("dismiss", "blame", "sarcasm", "boilerplate"):
        for hit in s.valid(f"a:{kind}"):
            acts.add(s, kind, hit.start, hit.end, hit.lang)
            break
    _question(s, acts)
    _salad(s, acts)
    trail = _empathy_but(s, acts)
    for hit in s.valid("w:warmth"):
        acts.add(s, "warm", hit.start, hit.end, hit.lang)
        break
    if not s.sentence.question:
        for hit in (*s.valid("w:weight"), *s.valid("w:feelings")):
            acts.add(s, "weigh", hit.start, hit.end, hit.lang, about=hit.key[2:])
            break
    flags = set()
    if _opening_contrast(s) is not None:
        flags.add("opens")
    if s.get("w:filler"):
        flags.add("filler")
    if s.sentence.question and s.get("w:permission") and not s.get("w:filler"):
        flags.add("permission")
    return _Own(frozenset(flags), _generic_step(s), trail)


# A sentence's own acts relative to its first character, by its text, like _MEMO above.
_OWN: dict[tuple, tuple[_Compiled, list[tuple], _Own]] = {}


def _sentence_acts(sentences: _Sentences, index: int, acts: _Acts) -> _Own:
    """Adds a sentence's own acts; returns what it leaves for later (see _Own), with offsets in
    the message."""
    reading = sentences.reading
    sentence = reading.sentences[index]
    if not reading.in_place or sentence.end - sentence.start > _MEMO_SENTENCE:
        return _own_acts(sentences[index], acts)
    key = (
        reading.text[sentence.start : sentence.end],
        sentence.lang,
        sentence.question,
        id(sentences.compiled),
    )
    memo, c0 = _OWN.get(key), sentence.start
    if memo is not None and memo[0] is sentences.compiled:
        _, own, left = memo
        for kind, start, end, lang, concrete, about in own:
            acts.found[(index, kind)] = ServiceAct(
                kind, start + c0, end + c0, index, lang, concrete, about
            )
        return _shifted(left, c0)
    before = set(acts.found)
    left = _own_acts(sentences[index], acts)
    own = [
        (a.kind, a.start - c0, a.end - c0, a.lang, a.concrete, a.about)
        for found_key, a in acts.found.items()
        if found_key not in before
    ]
    if len(_OWN) >= _MEMO_SIZE:
        _OWN.clear()
    _OWN[key] = (sentences.compiled, own, _shifted(left, -c0))
    return left


def _shifted(left: _Own, by: int) -> _Own:
    step, trail = left.step, left.trail
    if step is not None:
        step = (step[0], step[1] + by, step[2] + by, *step[3:])
    if trail is not None:
        trail = (trail[0] + by, trail[1])
    return _Own(left.flags, step, trail)


def _feelings(s: _Sentence, acts: _Acts) -> None:
    for frame in s.valid("a:acknowledge_feeling"):
        if s.conditional_before(frame.first) or s.asks_at(frame.first):
            continue  # "if you're unhappy with it, …", "how do you feel about…?"
        for feeling in s.in_clause("w:feelings", frame.first):
            if feeling.first == frame.first and feeling.last == frame.last:
                continue
            start, end = min(frame.start, feeling.start), max(frame.end, feeling.end)
            acts.add(s, "acknowledge_feeling", start, end, frame.lang)
            return


def _situation(s: _Sentence, acts: _Acts) -> None:
    for frame in s.valid("a:acknowledge_situation"):
        if s.asks_at(frame.first):
            continue
        c0, c1 = s.clause(frame.first, broad=True)
        if s.in_clause("w:feelings", frame.first) and not s.in_clause("w:troubles", frame.first):
            continue  # "I understand that this is frustrating" names a feeling only
        if c1 == frame.last and c1 < s.last:  # "Setelah saya cek, paket Kakak tertahan…"
            c1 = s.clause(c1, broad=True)[1]
        end = s.reading.tokens[c1 - 1].end if c1 > frame.last else frame.end
        end = _trim(s.reading.text, frame.start, end)
        acts.add(s, "acknowledge_situation", frame.start, end, frame.lang)
        return
    customers = [h for h in s.get("w:customer") if not _inside_agent(s, h)]
    for trouble in s.valid("w:troubles"):
        if s.conditional_before(trouble.first) or s.asks_at(trouble.first):
            continue  # "if your parcel arrives damaged", "is your parcel damaged?"
        c0, c1 = s.clause(trouble.first, broad=True)
        for customer in customers:
            if c0 <= customer.first < c1 and not s.conditional_before(customer.first):
                start = min(customer.start, trouble.start)
                end = max(customer.end, trouble.end)
                acts.add(s, "acknowledge_situation", start, end, trouble.lang)
                return


def _inside_agent(s: _Sentence, hit: _Hit) -> bool:
    """A word for the customer inside the agent's words ("您" in "帮您") is not the customer."""
    return any(a.first <= hit.first and hit.last <= a.last for a in s.get("w:agent"))


def _apology(s: _Sentence, acts: _Acts) -> None:
    best: tuple[_Hit, str | None] | None = None
    for hit in s.valid("a:apologise"):
        about = _about(s, hit)
        if best is None or (about and not best[1]):
            best = (hit, about)
    if best is not None:
        hit, about = best
        acts.add(s, "apologise", hit.start, hit.end, hit.lang, about=about)


def _about(s: _Sentence, apology: _Hit) -> str | None:
    """What an apology is for: the rest of its clause after the word that introduces it."""
    _, c1 = s.clause(apology.first)
    markers = [
        h
        for h in s.get("w:apology_for")
        if apology.last <= h.first <= apology.last + MARKER_REACH and h.last <= c1
    ]
    if not markers:
        return None
    marker = min(markers, key=lambda h: (h.first, -h.last))
    first = marker.first if marker.flag == "+" else marker.last
    if first >= c1:
        return None
    tokens = s.reading.tokens
    start, end = tokens[first].start, _trim(s.reading.text, tokens[first].start, tokens[c1 - 1].end)
    return s.reading.text[start:end] or None


def _trim(text: str, start: int, end: int) -> int:
    """`end` moved back over closing punctuation and spaces."""
    while end > start and not (text[end - 1].isalnum() or text[end - 1] in "%)'\""):
        end -= 1
    return end


def _action_steps(reading: Reading, sentences: _Sentences) -> dict[int, list]:
    """Per sentence, the reading's actions the agent takes: done, promised, offered or asked
    leave for by the agent; or named right after the agent as subject."""
    found: dict[int, list] = {}
    for action in reading.actions:
        if action.concept in _NOT_STEPS or action.negated or action.mode == "refused":
            continue
        own = action.actor == "agent" and action.mode in _STEP_MODES
        if not own and action.actor != "customer" and action.mode not in ("deferred",):
            s = sentences[action.sentence]
            own = _agent_before(s, action.start) and not s.sentence.question
        if own:
            found.setdefault(action.sentence, []).append(action)
    return found


def _agent_before(s: _Sentence, start: int) -> bool:
    """The agent is the subject just before original offset `start` (or in the word there)."""
    token = bisect_left(s.token_starts, start, s.first, s.last)
    token = min(token, s.last - 1)
    return _agent_at(s, token, token + 1)


def _agent_at(s: _Sentence, first: int, last: int) -> bool:
    """The nearest subject before words [first, last) in their clause is the agent (or an
    agent's mark is on those words: "revisaré", "سأتابع")."""
    c0, _ = s.clause(first)
    lo = max(c0, first - s.reach(AGENT_REACH, CJK_AGENT_REACH))
    agents = [h for h in s.get("w:agent") if h.first < last and h.last > lo]
    if any(h.first >= first for h in agents):
        return True  # on the step's own words
    agents = [h for h in agents if h.first < first and not s.negated(h.first)]
    if not agents:
        return False
    nearest = max(h.first for h in agents)
    customers = [
        h for h in s.get("w:customer") if nearest < h.first < first and not _inside_agent(s, h)
    ]
    return not customers


def _steps(
    sentences: _Sentences, index: int, steps: dict[int, list], left: _Own, acts: _Acts
) -> None:
    """The agent's step: an action of the reading, leave asked for a step, or a generic step
    after the agent as subject (concrete only with a time: "within 24 hours", "today")."""
    sentence = sentences.reading.sentences[index]
    for action in steps.get(index, ()):
        acts.put(index, "own_next_step", action.start, action.end, sentence.lang)
        return
    if "permission" in left.flags:  # a question asking leave for the step, not filler
        s = sentences[index]
        hit = s.get("w:permission")[0]
        previous = acts.found.get((index - 1, "own_next_step"))
        concrete = (previous is not None and previous.concrete) or _timed(s)
        start, end = s.span()
        acts.add(s, "own_next_step", start, end, hit.lang, concrete=concrete)
        return
    if left.step is not None:
        kind, start, end, lang, concrete = left.step
        acts.put(index, kind, start, end, lang, concrete=concrete)


def _timed(s: _Sentence) -> bool:
    return bool(s.get("w:soon")) or any(
        q.sentence == s.index and q.unit in TIME_UNITS for q in s.reading.quantities
    )


def _generic_step(s: _Sentence) -> tuple | None:
    """A step the agent names as subject ("I'll look into it"), concrete with a time."""
    for hit in s.valid("a:own_next_step"):
        if _agent_at(s, hit.first, hit.last):
            return ("own_next_step", hit.start, hit.end, hit.lang, _timed(s))
    return None


def _question(s: _Sentence, acts: _Acts) -> None:
    if s.sentence.question:
        if s.get("w:permission") or s.get("w:filler") or s.get("a:boilerplate"):
            return  # asks leave for a step, or a closing formula
        if any(acts.has(s.index, kind) for kind in NEGATIVE):
            return  # "did you even read the email?"
        c0, _ = s.clause(s.last - 1)  # the question itself, after what leads up to it
        start, end = s.reading.tokens[c0].start, s.sentence.end
        if c0 == s.first:
            start = s.sentence.start  # "¿…", "«…"
        acts.add(s, "ask_situation", start, _trim(s.reading.text, start, end), s.lang)
        return
    for hit in s.valid("a:ask_situation"):
        acts.add(s, "ask_situation", hit.start, hit.end, hit.lang)
        return


def _salad(s: _Sentence, acts: _Acts) -> None:
    """Keyword salad: two or more empathy acts and nothing else, with no word that makes it a
    clause said to someone ("sorry frustrating understand.", "抱歉 沮丧 理解"): no word for the
    customer or the agent, nothing an apology is for, no "but", at most one word outside the
    acts. An Arabic word ending in a second-person pronoun ("انزعاجك") addresses the customer."""
    found = [a for (i, kind), a in acts.found.items() if i == s.index and kind in EMPATHY]
    if not found:
        return
    tokens = s.reading.tokens[s.first : s.last]
    empathic = [h for h in s.hits if h.key in _SALAD_HITS]
    if (
        len(tokens) >= SALAD_MIN_WORDS
        and len({(h.first, h.last) for h in empathic}) >= 2
        and not s.get("w:glue")
    ):
        # "Sorry late fee frustrating understand mortgage sorry.": words, no sentence.
        acts.add(s, "salad", s.sentence.start, s.sentence.end, s.lang)
        return
    if len(found) < 2:
        return
    if any(s.get(key) for key in ("w:customer", "w:agent", "w:apology_for", "w:contrast")):
        return
    if s.lang == "ar" and any(_addresses(t.form) for t in tokens):
        return
    outside = [t for t in tokens if not any(a.start <= t.start < a.end for a in found)]
    if len(outside) <= 1:
        acts.add(s, "salad", s.sentence.start, s.sentence.end, s.lang)


def _addresses(form: str) -> bool:
    """An Arabic word ending in a second-person pronoun ("انزعاجك")."""
    return form.endswith(_AR_YOU) and len(form) > 3


def _empathy_but(s: _Sentence, acts: _Acts) -> tuple[int, str] | None:
    """Empathy, an apology, an acknowledged feeling or a validation, then a contrast word that
    opens the very next clause. Without one, the (start, language) of empathy that ends the
    sentence with nothing said after it, which the next sentence's opening "but" undercuts."""
    empathy = list(s.valid("a:empathy_but"))
    for kind in _UNDERCUT:
        act = acts.found.get((s.index, kind))
        if act is not None:
            empathy += [h for h in s.hits if h.start == act.start and h.key == f"a:{kind}"]
            if kind == "acknowledge_feeling":
                empathy += [h for h in s.get("w:feelings") if h.end == act.end]
    if not empathy:
        return None
    contrasts = s.get("w:contrast")
    for hit in sorted(empathy, key=lambda h: h.first):
        after = [c for c in contrasts if c.first >= hit.last]
        if after:
            c = min(after, key=lambda h: h.first)
            starts_between = [t for t in s.clause_starts if hit.last <= t < c.first]
            if not starts_between and c.first - hit.last <= s.reach(CONTRAST_REACH, 30):
                acts.add(s, "empathy_but", hit.start, c.end, hit.lang)
                return None
            continue
        if s.last - hit.last <= s.reach(CONTRAST_REACH, 30) and not any(
            t >= hit.last for t in s.clause_starts
        ):  # nothing said in between
            return hit.start, hit.lang
    return None


def _opening_contrast(s: _Sentence) -> _Hit | None:
    """A "but" among the sentence's first words ("However, …")."""
    opening = [c for c in s.get("w:contrast") if c.first - s.first <= OPENING_REACH]
    return opening[0] if opening else None
