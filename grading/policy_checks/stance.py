"""How a reply stands to something it names: denied, asked about, quoted, or only under a condition.

"I can't guarantee it", "¿quiere que le reembolse?", "you were told 'it will never happen
again'", "si llega dañado…": the words of a promise or a remedy are there, but nothing is
promised or given. The cue words are the lexicons' mode lists, per language; the Reading's
actions add what they know about the action at that place.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache

from grading.reading import Reading
from grading.reading.lexicon import lexicon
from grading.text import find_phrases

NOT_A_CLAIM = frozenset({"negated", "question", "quoting", "conditional"})
_QUOTES = ('"', "“", "”", "「", "」", "『", "』", "«", "»", "„")
_CLAUSE_MARKS = ",，、;；:：—()（）،؛"
# How far back a negation reaches: "I cannot personally guarantee", "不能给您保证".
_NEGATION_WORDS = 5
_NEGATION_CJK_CHARS = 10
_COORDINATION = frozenset(
    {"or", "and", "nor", "o", "y", "ni", "u", "atau", "dan", "maupun", "أو", "و"}
)
_ACTING = frozenset({"done", "offered", "promised", "asking"})
_OUTCOMES = frozenset({"approved", "never-again", "guarantee"})


@lru_cache(maxsize=64)
def cues(lang: str, mode: str) -> tuple[str, ...]:
    """The cue words of one mode in one language (and English, which every chat mixes in)."""
    words: list[str] = []
    for language in dict.fromkeys((lang, "en")):
        words += _mode_words(language, mode)
    return tuple(dict.fromkeys(words))


def _mode_words(lang: str, mode: str) -> list[str]:
    """The cue words as plain text to find: the lexicons' matcher markup (a word ending "-ed", a
    word start "di-", a wide gap "…") means nothing to a plain search, so those entries are left
    to the Reading's own matcher, and "=form" is the form itself."""
    entry = lexicon().languages.get(lang)
    if entry is None:
        return []
    words = []
    for cue in getattr(entry.modes, mode, None) or []:
        cue = cue.strip()
        if not cue or "…" in cue or "..." in cue:
            continue
        if cue == "-n't":
            words += _CONTRACTIONS  # the suffix as the words that carry it
            continue
        if cue.startswith("-") or cue.endswith("-"):
            continue
        words.append(" ".join(w.lstrip("=") for w in cue.split()))
    return words


# "isn't", "don't", "can't" and their apostrophe-less chat forms: a plain search cannot find the
# suffix inside a word.
_CONTRACTIONS = [
    f"{stem}{tail}"
    for stem in ("is", "are", "was", "were", "do", "does", "did", "wo", "would", "ca", "could",
                 "should", "have", "has", "had", "must", "need", "ai")
    for tail in ("n't", "nt")
    if f"{stem}{tail}" not in ("wont", "cant")  # "wont" and "cant" are words too
]  # fmt: skip


def of(reading: Reading, start: int, end: int) -> frozenset[str]:
    """The flags of the words at [start, end): negated, question, quoting, conditional."""
    flags: set[str] = set()
    sentence = _sentence(reading, start)
    if sentence is None:
        return frozenset()
    lang = sentence.lang
    clause_start = _clause_start(reading, sentence.start, start, lang)
    before = reading.text[clause_start:start]
    action = _action_at(reading, start, end)
    if (
        (action and (action.negated or action.mode == "refused"))
        or _negated(before, lang)
        or _negated_list(reading, sentence, clause_start, start, end, lang)
    ):
        flags.add("negated")
    if sentence.question and not (action and action.mode in ("asking", "offered")):
        flags.add("question")
    whole_before = reading.text[sentence.start : start]
    if _inside_quotes(whole_before) or find_phrases(whole_before, cues(lang, "quoting")):
        flags.add("quoting")
    if (action and action.conditional) or find_phrases(before, cues(lang, "conditional")):
        flags.add("conditional")
    return frozenset(flags)


def conditioned(reading: Reading, start: int) -> bool:
    """True when the sentence sets a condition before `start`: "If it turns out to be a
    manufacturing fault, you'd have up to ninety days"."""
    sentence = _sentence(reading, start)
    if sentence is None:
        return False
    before = reading.text[sentence.start : start]
    return bool(find_phrases(before, cues(sentence.lang, "conditional")))


def IS_PROMISE(flags: Iterable[str]) -> bool:  # noqa: N802 - used as a rule, like a constant
    # A question still counts: what a policy forbids asking ("could you read me the code?") is
    # asked in questions, and an agent does not ask the customer for a guarantee.
    return not (set(flags) & {"negated", "quoting", "conditional"})


def IS_OFFER(flags: Iterable[str]) -> bool:  # noqa: N802
    # Asking whether to do it ("shall I refund it to your other card?") still offers it.
    return not (set(flags) & {"negated", "quoting", "conditional", "question"})


def acted_on(reading: Reading, sentence: int, concepts: Iterable[str]) -> bool:
    """True when the agent does, offers or promises an action of `concepts` in the sentence."""
    wanted = set(concepts)
    return any(
        a.sentence == sentence
        and (not wanted or a.concept in wanted)
        and a.mode in _ACTING
        and a.actor != "customer"
        and not a.negated
        and not a.conditional  # "si cancela fuera de plazo, se le cobran…" states the rule
        for a in reading.actions
    )


def _sentence(reading: Reading, pos: int):
    starts = _starts(reading)
    i = bisect_right(starts, pos) - 1
    return reading.sentences[i] if i >= 0 else None


_STARTS: dict[int, tuple[Reading, list[int]]] = {}


def _starts(reading: Reading) -> list[int]:
    cached = _STARTS.get(id(reading))
    if cached is None or cached[0] is not reading:
        if len(_STARTS) > 1024:
            _STARTS.clear()
        cached = _STARTS[id(reading)] = (reading, [s.start for s in reading.sentences])
    return cached[1]


def clause_span(reading: Reading, start: int, end: int) -> tuple[int, int]:
    """The clause holding [start, end): within its sentence, between punctuation and the
    words that start a new clause ("but", "and once", "pero", "tapi", "但是")."""
    sentence = _sentence(reading, start)
    if sentence is None:
        return 0, len(reading.text)
    starts, ends = _clause_breaks(reading, sentence)
    i = bisect_right(ends, start) - 1  # the last break ending at or before the start
    lo = max(sentence.start, ends[i]) if i >= 0 else sentence.start
    j = bisect_left(starts, end)  # the first break starting at or after the end
    hi = min(sentence.end, starts[j]) if j < len(starts) else sentence.end
    return lo, hi


_BREAKS: dict[tuple[int, int], tuple[Reading, tuple[list[int], list[int]]]] = {}


def _clause_breaks(reading: Reading, sentence) -> tuple[list[int], list[int]]:
    """Where the sentence's clause breaks start and end, found once per sentence: a long
    sentence full of numbers must not be searched again for each of them."""
    key = (id(reading), sentence.start)
    cached = _BREAKS.get(key)
    if cached is not None and cached[0] is reading:
        return cached[1]
    if len(_BREAKS) > 4096:
        _BREAKS.clear()
    text = reading.text
    found = [(i, i + 1) for i in range(sentence.start, sentence.end) if text[i] in _CLAUSE_MARKS]
    chunk = text[sentence.start : sentence.end]
    for _, a, b in find_phrases(chunk, cues(sentence.lang, "clause_break")):
        found.append((sentence.start + a, sentence.start + b))
    found.sort()
    breaks = ([a for a, _ in found], [b for _, b in found])
    _BREAKS[key] = (reading, breaks)
    return breaks


def _clause_start(reading: Reading, lo: int, pos: int, lang: str) -> int:
    sentence = _sentence(reading, pos if pos > lo else lo)
    if sentence is None:
        return lo
    _, ends = _clause_breaks(reading, sentence)
    i = bisect_right(ends, pos) - 1
    return max(lo, ends[i]) if i >= 0 else lo


def _negated(before: str, lang: str) -> bool:
    if not before.strip():
        return False
    before = _without_ignored(before, lang)
    if lang == "zh":
        reach = _NEGATION_CJK_CHARS + (4 if any(c in before[-14:] for c in "或和及、") else 0)
        tail = before[-reach:]
        tail = tail[tail.rfind("的") + 1 :]  # 未入住的费用: the negation describes the fee
        return bool(find_phrases(tail, cues(lang, "negation") + cues(lang, "refused"))) or (
            tail.rstrip().endswith("不")
        )
    words = before.split()
    # "never the full number or the CVV": a negation reaches across a list.
    reach = (
        _NEGATION_WORDS * 2 if _COORDINATION & {w.lower() for w in words[-8:]} else _NEGATION_WORDS
    )
    tail = " ".join(words[-reach:])
    return bool(find_phrases(tail, cues(lang, "negation") + cues(lang, "refused")))


_LIST_MARKS = frozenset({"or", "and", "nor", "o", "y", "ni", "atau", "dan", "أو", "و"})
_LIST_MARKS_CJK = "或和及、与"


def _negated_list(reading: Reading, sentence, clause_start: int, start: int, end: int, lang):
    """A negation before a list reaches every item of it, across its commas: "never ask for a
    full Social Security number, a full card number or the account PIN", "不会要您的完整卡号、
    密码或验证码". A list is told by an "or"/"and" (或、和) right around the item."""
    if clause_start <= sentence.start:
        return False  # no comma between: the plain check has seen the whole reach
    if any(clause_start <= a.start < start for a in reading.actions):
        # "para no complicarnos…, le hago el reembolso en una tarjeta regalo": a clause with an
        # act of its own is no item of a list the earlier negation governs
        return False
    text = reading.text
    around = text[max(clause_start, start - 40) : min(sentence.end, end + 40)]
    if lang == "zh":
        listed = any(c in around for c in _LIST_MARKS_CJK)
    else:
        listed = bool(_LIST_MARKS & {w.strip(",.;:").lower() for w in around.split()})
    if not listed:
        return False
    lead = text[sentence.start : clause_start]
    if lang == "zh":
        return _negated(lead, lang)
    lead = " ".join(_without_ignored(lead, lang).split()[-10:])  # "never ask for a full…,"
    return bool(find_phrases(lead, cues(lang, "negation") + cues(lang, "refused")))


_COMPOUND = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")


def _without_ignored(text: str, lang: str) -> str:
    """`text` with the words that hold a negation without being one blanked out: "don't
    worry", "no problem", "别担心", and hyphenated words ("no-show", "non-refundable" name a
    thing; they deny nothing)."""
    text = _COMPOUND.sub(lambda m: "_" * len(m.group()), text)
    for _, a, b in reversed(find_phrases(text, cues(lang, "ignore"))):
        text = text[:a] + " " * (b - a) + text[b:]
    return text


def _inside_quotes(before: str) -> bool:
    opened = sum(before.count(q) for q in ("“", "「", "『", "«", "„"))
    closed = sum(before.count(q) for q in ("”", "」", "』", "»"))
    straight = before.count('"')
    return opened > closed or straight % 2 == 1


def _action_at(reading: Reading, start: int, end: int):
    for a in reading.actions:
        if a.start < end and start < a.end:
            return a
    return None


def denied_inside(reading: Reading, start: int, end: int, phrases) -> bool:
    """True when a negation stands inside a match but in none of the rule's own phrases: the
    words inserted between a phrase's words were "can't" or "不"."""
    sentence = _sentence(reading, start)
    lang = sentence.lang if sentence else "en"
    negations = cues(lang, "negation") + cues(lang, "refused")
    text = reading.text
    concept_spans = [
        (h.start, h.end) for h in reading.concepts if start <= h.start and h.end <= end
    ]
    # A span widened to reach its topic ("el precio no sube, te lo guarantee") holds clauses
    # of its own: a negation counts only in a clause of the rule's own words.
    clauses = [clause_span(reading, a, b) for a, b in concept_spans]
    inside = {
        p.lower()
        for p, s, _ in find_phrases(text[start:end], negations)
        # a negation that is part of a concept's own words ("won't happen again") denies nothing
        if not any(a <= start + s < b for a, b in concept_spans)
        and (not clauses or any(lo <= start + s < hi for lo, hi in clauses))
    }
    if not inside:
        return False
    own = {p.lower() for phrase in phrases for p, _, _ in find_phrases(phrase, negations)}
    return bool(inside - own)


def committed_at(reading: Reading, start: int, end: int, concepts, kind: str) -> bool:
    """False when the Reading found an action of `concepts` (of any concept when none are
    named, for a rule written as phrases) in [start, end) and none of them is
    given by the agent: only explained, looked into, refused, put off or the customer's. A
    remedy offered by asking ("shall I refund it in cash?") is still offered."""
    wanted = set(concepts)
    modes = _ACTING if kind == "forbidden_remedy" else _ACTING - {"asking"}
    actions = [
        a
        for a in reading.actions
        if (not wanted or a.concept in wanted) and a.start < end and start < a.end
    ]
    if not actions:
        return True  # no action concept here (a guarantee): the words themselves decide
    # An outcome promised ("Permohonan Kakak akan disetujui") is the agent's promise whoever
    # the sentence makes its subject.
    return any(
        a.mode in modes
        and (a.actor != "customer" or (kind == "forbidden_promise" and a.concept in _OUTCOMES))
        and not a.negated
        and not a.conditional
        for a in actions
    )


def denies(
    reading: Reading,
    sentence: int,
    own: tuple[int, int] | None = None,
    topic: Sequence[tuple[int, int]] = (),
    clauses: Sequence[tuple[int, int]] | None = None,
) -> bool:
    """True when the sentence holds a negation or a refusal anywhere: "Not covered in checked
    baggage: cash, jewellery…", "we never refund in cash". A list member named in it is what the
    rule excludes, not a claim that it is allowed. A negation inside `own`, the member's own
    words ("a purchase you no longer want"), denies nothing; nor does one inside the `topic`
    spans, the rule's own words ("at no extra cost", "不额外收费", "tanpa biaya tambahan").
    With `clauses`, only a negation inside them counts: in "todavía se puede cancelar, lo
    importante es que no se haya entregado" the "no" is another clause's."""
    if not 0 <= sentence < len(reading.sentences):
        return False
    s = reading.sentences[sentence]
    text = reading.text[s.start : s.end]
    for span in (own, *topic) if own is not None else topic:
        a, b = max(span[0], s.start) - s.start, min(span[1], s.end) - s.start
        if a < b:
            text = text[:a] + " " * (b - a) + text[b:]
    if clauses is not None:
        kept = [" "] * len(text)
        for lo, hi in clauses:
            a, b = max(lo, s.start) - s.start, min(hi, s.end) - s.start
            kept[a:b] = text[a:b]
        text = "".join(kept)
    # "No problem at all, I've sent the refund to…", "不好意思": words that hold a negation
    # without being one deny nothing.
    text = _without_ignored(text, s.lang)
    return bool(find_phrases(text, cues(s.lang, "negation") + cues(s.lang, "refused"))) or (
        s.lang == "zh" and "不" in text
    )
