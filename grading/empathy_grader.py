"""Empathy as observable behaviour: what the reply does, not how long or how polite it is.

The three EPITOME mechanisms (emotional reaction, interpretation, exploration) are measured at
level 0-2 and stored in `Score.levels`; the score is those levels plus explaining and owning the
next step. Each mechanism and behaviour earns its points once, from its strongest evidence, so
saying "sorry" five times or padding a reply never raises the score; every dismissive or
blaming phrase costs points, because each one lands on the customer again. Sentences addressed
to a grader earn nothing.

English and Chinese sentences are read through the cue phrases below; every sentence, in all
five customer languages, also through the Reading's service acts (grading/empathy_acts.py),
which give the levels where there are no cue phrases (Spanish, Indonesian, Arabic), add what
counts against (sarcasm, "I understand, but…"), and void keyword salad and boilerplate.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from grading import empathy_lexicon as lex
from grading.empathy_acts import ActEvidence, act_evidence
from grading.injection import grader_directed
from grading.score import Reason, Score, clamp
from grading.text import (
    APOSTROPHES,
    CJK_CHARS,
    SentenceMap,
    detect_language,
    has_cjk,
    is_negated,
    phrase_matcher,
    quote,
)

Span = tuple[int, int]
Evidence = tuple[int, int, int, str]  # level, start, end, reason kind
Token = tuple[int, int, str]  # start, end, lower-cased word with one kind of apostrophe

_EMOTION_TAGS = ("warmth_strong", "warmth_weak", "apology_specific", "apology")
_INTERPRETATION_TAGS = (
    "understand", "if_feeling", "inferred", "interpretation_strong", "relate", "restate",
    "evaluative",
)  # fmt: skip
# Cues that do not stand for warmth or understanding: a first-person account may overlap them.
_NEUTRAL_TAGS = ("explains", "owns_next_step", "request", "suggestion")
# A reply needing more tries than this is padding; the bound keeps a 20,000-character reply fast.
_MAX_TRIES = 64
_WINDOW = 300  # how much of one (possibly huge) sentence is read for its words

_QUESTION_END = "?？؟"
_ZH_QUESTION_END = re.compile(r"[吗呢][\s。.!！~～…]*$")
_SECOND = re.compile(r"\b(?:you|your|yours|yourself|u|ur|ya)\b|[您你]", re.IGNORECASE)
_FIRST = re.compile(r"\b(?:i|i'm|i've|i'd|i'll|my|myself|we|us|our)\b|我", re.IGNORECASE)
# The writer alone: "our warehouse" is the company's, asked about for the customer.
_FIRST_SINGULAR = re.compile(r"\b(?:i|i'm|i've|i'd|i'll|my|myself)\b|我(?!们)", re.IGNORECASE)
# A yes/no question about the case ("Has the item reached our warehouse yet?") is asked of
# the customer even without a "you"; "Why do people…?" is not.
_YES_NO = re.compile(
    r"\W*(?:has|have|had|did|does|do|is|are|was|were|can|could|will|would)\b", re.IGNORECASE
)
_SHORT_QUESTION = 8  # words; "When did it arrive?" needs no "you" to be about the customer
_WH = re.compile(
    r"\b(?:what|when|where|why|how|who|which|whats)\b|什么|怎么|为什么|哪|几|多少|谁", re.I
)
_SIMILAR = re.compile(
    r"\b(?:too|also|same|similar|similarly|as well|like you)\b|也|一样|同样|类似", re.I
)
_LATIN_WORD = re.compile(f"[^\\W\\d_{CJK_CHARS}]{{3,}}")
_CJK_RUN = re.compile(f"[{CJK_CHARS}]+")
# What follows an apology decides what it is for.
_APOLOGY_SELF = re.compile(
    r"\s{0,3}(?:for|about)\s{1,3}(?:my\s{1,3}(?:(?:bad|poor|broken)\s{1,3})?(?:english|grammar|spelling|typos?|formatting|rant"
    r"|rambling|long)|the\s{1,3}(?:long|rant|wall|formatting|essay|novel)|(?:rambling|ranting"
    r"|asking|bothering|being|not)\b)|\s{0,3}to\s{1,3}(?:bother|interrupt|ask)\b",
    re.IGNORECASE,
)
_APOLOGY_BUT = re.compile(
    r"\s{0,3}[,，]?\s{0,3}(?:but|however|though|yet)\b|[，,]?\s{0,3}(?:但|不过|可是)", re.I
)
_APOLOGY_BOILERPLATE = re.compile(
    r"(?:for|about)\s{1,3}(?:any|the|all\s{1,3}the)\s{1,3}(?:inconvenience|trouble|confusion)"
    r"|\bif\b|不便",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[,.;:!?，。；：！？\n]")


def grade_empathy(reply: str, customer_text: str = "", language: str | None = None) -> Score:
    reply = reply if isinstance(reply, str) else ""
    customer_text = customer_text if isinstance(customer_text, str) else ""
    language = language or detect_language(reply if reply.strip() else customer_text)
    lexicon = lex.current()
    # Short replies recur (templates, "Let me check that for you."): the same reply to the same
    # customer words grades the same, so its frozen Score is shared. The entry holds the
    # lexicon it was graded with.
    if len(reply) > _REMEMBER_CHARS:
        return _grade(reply, customer_text, language, lexicon)
    key = (reply, customer_text, language)
    found = _GRADES.get(key)
    if found is not None and found[0] is lexicon:
        return found[1]
    score = _grade(reply, customer_text, language, lexicon)
    if len(_GRADES) >= 512:
        _GRADES.clear()
    _GRADES[key] = (lexicon, score)
    return score


_GRADES: dict[tuple, tuple[lex.EmpathyLexicon, Score]] = {}
_REMEMBER_CHARS = 1000


def _grade(reply: str, customer_text: str, language: str, lexicon: lex.EmpathyLexicon) -> Score:
    levels = {m.name: 0 for m in lexicon.MECHANISMS}
    if not any(ch.isprintable() and not ch.isspace() for ch in reply):
        return Score(
            dimension="empathy",
            value=0,
            reasons=[Reason(kind="empty_reply", text="The reply is empty.", points=-lex.BASE)],
            levels=levels,
        )
    smap = SentenceMap(reply)
    ignored = grader_directed(reply, smap)
    acts = act_evidence(
        reply, customer_text, [smap.spans[i] for i in ignored], _cue_languages(lexicon)
    )
    ctx = _Reply(reply, customer_text, _vocabulary(lexicon), smap, ignored, acts.void)
    reasons = ctx.negative_reasons() + _act_negatives(ctx, acts)
    finders = (_emotional_reaction, _interpretation, _exploration)
    for mechanism, find in zip(lexicon.MECHANISMS, finders, strict=True):
        evidence = _stronger(find(ctx), acts.mechanisms.get(mechanism.name))
        levels[mechanism.name] = evidence[0] if evidence else 0
        reasons.append(_mechanism_reason(ctx, mechanism, evidence, language, customer_text))
    for behaviour in lexicon.BEHAVIOURS:
        hit = next(ctx.usable_hits(behaviour.kind), None) or acts.behaviours.get(behaviour.kind)
        if hit is None:
            reasons.append(
                _missing(behaviour.missing_kind, behaviour.missing, behaviour.examples, language)
            )
            continue
        quoted = ctx.quote(hit[0], hit[1])
        reasons.append(_found(behaviour.kind, behaviour.found, quoted, behaviour.points))
    reasons += _voided(ctx, acts)
    if ctx.ignored:
        first = ctx.smap.spans[min(ctx.ignored)]
        reasons.append(
            Reason(
                kind="addresses_grader",
                text="Text addressed to the grader earns nothing; write to the customer.",
                quote=quote(reply, *first, sentence=first),
            )
        )
    total = lex.BASE + sum(r.points for r in reasons)
    return Score(dimension="empathy", value=clamp(total), reasons=reasons, levels=levels)


class _PhraseIndex:
    """Finds the phrases of many lists in one pass; the longest phrase starting first wins.

    `grading.text.find_phrases` compiles a word-end check into every phrase of its regex, which
    costs milliseconds per phrase at first use; over a thousand cue phrases that would stall
    the first grade for many seconds. Latin phrases are matched here word by word through a
    dictionary trie (same rules: case-insensitive, whole words, any apostrophe, up to four
    whitespace characters between words); Chinese phrases, which have no word ends, still go
    through `find_phrases`.
    """

    _END = ""

    def __init__(self, phrases: tuple[str, ...]):
        self.cjk = tuple(p for p in phrases if has_cjk(p))
        # Compiled here, not looked up by its (long) phrase tuple on every reply.
        self.cjk_matcher = phrase_matcher(self.cjk) if self.cjk else None
        self.trie: dict = {}
        self.question_inside = False  # a phrase goes on after a question mark
        for phrase in phrases:
            if has_cjk(phrase):
                continue
            node = self.trie
            keys = [_token_key(token) for token in _TOKEN.findall(phrase)]
            self.question_inside |= "?" in keys[:-1]
            for key in keys:
                node = node.setdefault(key, {})
            if node is not self.trie:
                node.setdefault(self._END, phrase)

    def find(self, text: str, tokens: list[Token]) -> list[tuple[str, int, int]]:
        """Hits as (phrase as listed, start, end); `tokens` are `_tokens(text)`."""
        latin = list(self._latin(text, tokens))
        if not self.cjk or not has_cjk(text):
            return latin
        merged, last_end = [], -1
        for hit in sorted(latin + list(self.cjk_matcher.finditer(text)), key=lambda h: h[1]):
            if hit[1] >= last_end:
                merged.append(hit)
                last_end = hit[2]
        return merged

    def _latin(self, text: str, tokens: list[Token]):
        root, n, resume = self.trie, len(tokens), 0
        # Only words that can open a phrase are walked from; most words cannot.
        for first in [i for i, token in enumerate(tokens) if token[2] in root]:
            if first < resume:
                continue  # inside the previous hit: hits never overlap
            node, j, found = root, first, None
            while j < n:
                if j > first:
                    gap = text[tokens[j - 1][1] : tokens[j][0]]
                    if len(gap) > 4 or (gap and not gap.isspace()):
                        break
                node = node.get(tokens[j][2])
                if node is None:
                    break
                if self._END in node:
                    found = (node[self._END], j)
                j += 1
            if found:
                yield found[0], tokens[first][0], tokens[found[1]][1]
                resume = found[1] + 1


def _tokens(text: str) -> list[Token]:
    """The Latin words of a text (with question marks and hearts) as (start, end, key)."""
    return [(m.start(), m.end(), _token_key(m.group())) for m in _TOKEN.finditer(text)]


@lru_cache(maxsize=8192)
def _token_key(token: str) -> str:
    if token[0] in "?？":
        return "?"  # "ok??" still ends in a question mark
    return token.lower().translate(_APOSTROPHE_KEY)


_APOSTROPHE_KEY = str.maketrans({a: "'" for a in APOSTROPHES} | {"？": "?"})
# A Latin word (letters or digits, apostrophes inside: "i'm"), a question mark, or a heart.
_TOKEN = re.compile(f"[^\\W_{CJK_CHARS}]+(?:[{APOSTROPHES}][^\\W_{CJK_CHARS}]+)*|[?？]+|<3|[❤♥]")


class _Vocabulary:
    """An empathy lexicon as the grader scans it: built on the first grade that uses it."""

    def __init__(self, lexicon: lex.EmpathyLexicon):
        self.lexicon = lexicon
        self.tags = lexicon.cue_tags()
        self.own = frozenset(p.lower() for p in lex.all_phrases(lexicon.OWN_EXPERIENCE))
        self.negative = {
            p.lower(): n for n in lexicon.NEGATIVES for p in lex.all_phrases(n.phrases)
        }
        self.cues = _PhraseIndex(
            lex.all_phrases({tag: lex.all_phrases(p) for tag, p in lexicon.CUE_LISTS.items()})
        )
        self.negatives = _PhraseIndex(tuple(self.negative))
        self.aux = _PhraseIndex(
            lex.all_phrases(lexicon.FEELINGS) + lex.all_phrases(lexicon.OWN_EXPERIENCE)
        )
        # Compiled here, not looked up by its (long) phrase tuple on every reply.
        self.upset_markers = phrase_matcher(lexicon.UPSET_MARKERS)
        indexes = (self.cues, self.negatives, self.aux)
        # Whether a phrase can run on past a question mark ("right? …"): then two sentences
        # with a question between them are scanned as one text.
        self.question_inside = any(index.question_inside for index in indexes)
        # Whether a Chinese phrase holds a sentence break or a space, so that it could span two
        # sentences: then every reply is scanned whole.
        self.by_sentence = not any(
            _BREAK_OR_SPACE.search(phrase.strip().rstrip(_BREAKS))
            for index in indexes
            for phrase in index.cjk
        )
        # A sentence's hits, relative to its start, by its text: sentences recur.
        self.memo: dict[str, _Hits] = {}


# Hits of one text, relative to its start: cues (start, end, list), negatives that count
# (phrase, start, end), feelings (start, end) and first-person accounts (start, end).
_Hits = tuple[list[tuple[int, int, str]], list[tuple[str, int, int]], list[Span], list[Span]]
_MEMO_SIZE = 4096
_MEMO_SENTENCE = 400  # characters; longer sentences rarely recur
# What ends a sentence (grading.text), and spaces; a phrase may end in breaks, not hold one.
_BREAKS = "!?;。！？；؟….\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_BREAK_OR_SPACE = re.compile(f"[{_BREAKS}]|\\s")
# A word's (or a heart's) first or last character.
_TOKEN_EDGE = re.compile(f"[^\\W_{CJK_CHARS}]|[❤♥]")


def _scan(text: str, smap: SentenceMap, vocabulary: _Vocabulary) -> _Hits:
    """The cue, negative and feeling hits of `text`, sentence by sentence when no phrase can
    run from one sentence into the next (the same hits as one scan of the whole text)."""
    if not vocabulary.by_sentence or not _separate(text, smap.spans, vocabulary):
        return _scan_text(text, smap, vocabulary)
    if len(text.lower()) != len(text):
        return _scan_text(text, smap, vocabulary)  # "İ": matched without lower-casing, whole
    memo = vocabulary.memo
    cues: list[tuple[int, int, str]] = []
    negatives: list[tuple[str, int, int]] = []
    feelings: list[Span] = []
    own: list[Span] = []
    for lo, hi in smap.spans:
        sentence = text[lo:hi]
        found = memo.get(sentence)
        if found is None:
            found = _scan_text(sentence, None, vocabulary)
            if hi - lo <= _MEMO_SENTENCE:
                if len(memo) >= _MEMO_SIZE:
                    memo.clear()
                memo[sentence] = found
        if not lo:
            cues += found[0]
            negatives += found[1]
            feelings += found[2]
            own += found[3]
            continue
        cues += [(s + lo, e + lo, tag) for s, e, tag in found[0]]
        negatives += [(phrase, s + lo, e + lo) for phrase, s, e in found[1]]
        feelings += [(s + lo, e + lo) for s, e in found[2]]
        own += [(s + lo, e + lo) for s, e in found[3]]
    return cues, negatives, feelings, own


def _separate(text: str, spans: list[Span], vocabulary: _Vocabulary) -> bool:
    """Whether no phrase can span two sentences: a Latin phrase runs on only across a few
    spaces from a word (or from a question mark) to a word."""
    for (_, end), (start, _) in itertools.pairwise(spans):
        if start - end > 4 or (not _TOKEN_EDGE.match(text, start) and text[start] not in "?？<"):
            continue  # too far apart, or the next sentence opens with no word
        last = text[end - 1]
        if _TOKEN_EDGE.match(last) or (last in "?？" and vocabulary.question_inside):
            return False
    return True


def _scan_text(text: str, smap: SentenceMap | None, vocabulary: _Vocabulary) -> _Hits:
    """The hits of `text` in one scan (`smap` is its sentence map; None: one sentence)."""
    tokens = _tokens(text)
    cues = []
    for phrase, start, end in vocabulary.cues.find(text, tokens):
        tag = vocabulary.tags.get(phrase.lower())
        if tag:
            cues.append((start, end, tag))
    cue_starts = [s for s, _, _ in cues]
    negatives = []
    for phrase, start, end in vocabulary.negatives.find(text, tokens):
        if is_negated(text, start, smap.span(start)[0] if smap else 0):
            continue  # "it's not your fault" is the opposite of blame
        i = bisect_right(cue_starts, start) - 1
        if i >= 0 and cues[i][1] >= end and cues[i][1] - cues[i][0] > end - start:
            continue  # inside a longer cue: 难怪您 ("no wonder you") is not 怪您 (blame)
        negatives.append((phrase, start, end))
    feelings, own = [], []
    for phrase, start, end in vocabulary.aux.find(text, tokens):
        (own if phrase.lower() in vocabulary.own else feelings).append((start, end))
    return cues, negatives, feelings, own


@lru_cache(maxsize=4)
def _vocabulary(lexicon: lex.EmpathyLexicon) -> _Vocabulary:
    return _Vocabulary(lexicon)


class _Reply:
    """One reply, scanned once: its sentences, cue hits by list, feelings and what is void."""

    def __init__(
        self,
        text: str,
        customer_text: str,
        vocabulary: _Vocabulary,
        smap: SentenceMap,
        ignored: set[int],
        void: list[Span],
    ):
        self.text = text
        self.lexicon = vocabulary.lexicon
        self.negative_kinds = vocabulary.negative
        self._upset_markers = vocabulary.upset_markers
        self.customer_text = customer_text
        self.smap = smap
        self.ignored = ignored
        cues, self.negatives, feelings, self.own = _scan(text, smap, vocabulary)
        # One scan for every cue list: hits never overlap, so a start identifies its list.
        self.cues: list[tuple[int, int, str]] = cues
        # Only the lists with hits are keys: a reply hits a few of the many lists.
        self.hits: dict[str, list[Span]] = {}
        for start, end, tag in cues:
            spans = self.hits.get(tag)
            if spans is None:
                self.hits[tag] = [(start, end)]
            else:
                spans.append((start, end))
        # Negative words earn nothing, nor does what the Reading's acts void (keyword salad,
        # boilerplate).
        self.blocked = _Intervals([(s, e) for _, s, e in self.negatives] + void)
        self._hit_starts = {tag: [s for s, _ in spans] for tag, spans in self.hits.items()}
        self._emotion_starts = [s for s, _, tag in self.cues if tag in _EMOTION_TAGS]
        self._feeling_starts = [s for s, _ in feelings]
        self.warm_or_understanding = _Intervals(
            [h for tag, spans in self.hits.items() if tag not in _NEUTRAL_TAGS for h in spans]
        )
        self._customer_words: frozenset[str] | None = None

    def negative_reasons(self) -> list[Reason]:
        reasons = []
        for phrase, start, end in self.negatives:
            negative = self.negative_kinds[phrase.lower()]
            quoted = self.quote(start, end)
            reasons.append(_found(negative.kind, negative.text, quoted, lex.NEGATIVE_POINTS))
        return reasons

    def usable(self, start: int, end: int) -> bool:
        return self.smap.index(start) not in self.ignored and not self.blocked.overlaps(start, end)

    def usable_hits(self, *tags: str, negatable: bool = False):
        """(start, end, tag) of the hits of these lists that can earn points, in text order."""
        tries = 0
        for start, end, tag in self.cues:
            if tag not in tags:
                continue
            tries += 1
            if tries > _MAX_TRIES:
                return
            if not self.usable(start, end):
                continue
            if negatable and is_negated(self.text, start, self.smap.span(start)[0]):
                continue  # "I don't understand" is not understanding
            yield start, end, tag

    def next_emotion(self, pos: int) -> int:
        """Where the first apology or warmth at or after `pos` starts (else the text's end)."""
        i = bisect_left(self._emotion_starts, pos)
        return self._emotion_starts[i] if i < len(self._emotion_starts) else len(self.text)

    def within(self, tag: str, lo: int, hi: int) -> list[Span]:
        """The hits of one list that start inside [lo, hi)."""
        starts = self._hit_starts.get(tag)
        if starts is None:
            return []
        return self.hits[tag][bisect_left(starts, lo) : bisect_left(starts, hi)]

    def feeling_in(self, lo: int, hi: int) -> bool:
        i = bisect_left(self._feeling_starts, lo)
        return i < len(self._feeling_starts) and self._feeling_starts[i] < hi

    def overlap(self, lo: int, hi: int) -> int:
        """How many of the customer's own words (or Chinese word pairs) text[lo:hi] repeats."""
        if not self.customer_text:
            return 0
        if self._customer_words is None:
            self._customer_words = _words(self.customer_text[:4000], self.lexicon)
        return len(_words(self.text[lo:hi][:_WINDOW], self.lexicon) & self._customer_words)

    def quote(self, start: int, end: int) -> str:
        return quote(self.text, start, end, sentence=self.smap.span(start))

    def upset(self, text: str) -> bool:
        """Whether `text` (the customer's) says they are upset: an upset marker is in it."""
        return next(self._upset_markers.finditer(text), None) is not None


@lru_cache(maxsize=4)
def _cue_languages(lexicon: lex.EmpathyLexicon) -> frozenset[str]:
    """The languages the lexicon has cue phrases for (en and zh as shipped)."""
    return frozenset(lang for phrases in lexicon.CUE_LISTS.values() for lang in phrases)


def _stronger(own: Evidence | None, acts: Evidence | None) -> Evidence | None:
    """The cue phrases' evidence unless the acts' is of a higher level."""
    if acts is None or (own is not None and own[0] >= acts[0]):
        return own
    return acts


_ACT_NEGATIVES = {
    "sarcasm": ("Sarcastic: the customer hears mockery, not help.", lex.NEGATIVE_POINTS),
    "empathy_but": (
        "“I understand, but…” takes back the understanding it offers.",
        lex.EMPATHY_BUT_POINTS,
    ),
}


def _act_negatives(ctx: _Reply, acts: ActEvidence) -> list[Reason]:
    """Dismissal, blame and sarcasm the acts find and the cue phrases did not, and "but"."""
    found = []
    for kind, start, end in acts.negatives:
        if any(s < end and start < e for _, s, e in ctx.negatives):
            continue  # the same words, already counted
        if kind in _ACT_NEGATIVES:
            text, points = _ACT_NEGATIVES[kind]
        else:
            negative = ctx.lexicon.DISMISSIVE if kind == "dismissive" else ctx.lexicon.BLAME
            text, points = negative.text, lex.NEGATIVE_POINTS
        found.append(_found(kind, text, ctx.quote(start, end), points))
    return found


def _voided(ctx: _Reply, acts: ActEvidence) -> list[Reason]:
    """Why words that look empathetic earned nothing."""
    found = []
    if acts.salad is not None:
        found.append(
            Reason(
                kind="keyword_salad",
                text="Empathy words strung together are not a sentence anyone would say to a "
                "customer; they earn nothing.",
                quote=ctx.quote(*acts.salad),
            )
        )
    if acts.boilerplate is not None:
        found.append(
            Reason(
                kind="boilerplate",
                text="A stock phrase earns nothing; say something about this customer's case.",
                quote=ctx.quote(*acts.boilerplate),
            )
        )
    return found


def _emotional_reaction(ctx: _Reply) -> Evidence | None:
    best = None
    for start, end, tag in ctx.usable_hits(*_EMOTION_TAGS, negatable=True):
        if tag.startswith("apology"):
            level, kind = _apology_level(ctx, tag, end), "apology"
        else:
            level, kind = (2 if tag == "warmth_strong" else 1), "warmth"
        if level and (best is None or level > best[0]):
            best = (level, start, end, kind)
            if level == 2:
                break
    return best


def _apology_level(ctx: _Reply, tag: str, end: int) -> int:
    """2 when the apology says what it is for, 1 when it is bare or boilerplate, 0 when it is
    for the wrong thing ("sorry for my English" is about the writer, not the customer)."""
    window = ctx.text[end : end + 60]
    if _APOLOGY_SELF.match(window):
        return 0
    clause_end = _CLAUSE_END.search(window)
    clause = window[: clause_end.start()] if clause_end else window
    if _APOLOGY_BUT.match(window) or _APOLOGY_BOILERPLATE.search(clause):
        return 1
    # What it is for stops at the next apology or warmth: "抱歉抱歉" names nothing.
    object_ = clause[: ctx.next_emotion(end) - end]
    if (
        tag == "apology_specific"
        or _SECOND.search(object_)
        or _content_words(ctx.lexicon, object_, 0, len(object_), [])
    ):
        return 2  # "sorry it has taken three weeks", "sorry for the delay", "抱歉让您久等了"
    return 1


def _interpretation(ctx: _Reply) -> Evidence | None:
    best = None
    kind = ctx.lexicon.INTERPRETATION.kind
    for start, end, tag in ctx.usable_hits(*_INTERPRETATION_TAGS, negatable=True):
        lo, hi = ctx.smap.span(start)
        level = _interpretation_level(ctx, tag, start, end, lo, hi)
        if level and (best is None or level > best[0]):
            best = (level, start, end, kind)
            if level == 2:
                return best
    for tries, (start, end) in enumerate(ctx.own):
        if tries >= _MAX_TRIES:
            break
        if not ctx.usable(start, end) or ctx.warm_or_understanding.overlaps(start, end):
            continue
        level = _own_experience_level(ctx, *ctx.smap.span(start))
        if level and (best is None or level > best[0]):
            best = (level, start, end, kind)
            if level == 2:
                break
    return best


def _interpretation_level(ctx: _Reply, tag: str, start: int, end: int, lo: int, hi: int) -> int:
    if tag == "interpretation_strong":
        return 2
    if tag == "evaluative":
        return 1
    named = ctx.feeling_in(start, hi)
    if tag == "if_feeling":
        return 2 if named else 0
    if tag == "understand":
        return 2 if named or ctx.overlap(end, hi) >= 2 else 1
    if tag == "inferred":
        return 2 if named or ctx.overlap(end, hi) >= 1 else 1
    if tag == "relate":
        return 2 if ctx.feeling_in(lo, hi) or ctx.overlap(lo, hi) >= 1 else 1
    # restate: only the customer's own words or a feeling make it a restatement
    if named:
        return 2
    words = ctx.overlap(end, hi)
    return 2 if words >= 2 else words


def _own_experience_level(ctx: _Reply, lo: int, hi: int) -> int:
    """A first-person account counts as understanding through a similar experience."""
    if ctx.feeling_in(lo, hi):
        return 2
    similar = _SIMILAR.search(ctx.text, lo, min(hi, lo + _WINDOW)) is not None
    addressed = _SECOND.search(ctx.text, lo, min(hi, lo + _WINDOW)) is not None
    if addressed and not similar:
        return 0  # "I had a look at your order" is about the customer's case, not the writer
    words = ctx.overlap(lo, hi)
    if similar:
        return 2 if words else 1
    return 2 if words >= 2 else 0


def _exploration(ctx: _Reply) -> Evidence | None:
    # A request ("Please tell me the order number.") asks without a question mark; a generic
    # phrase does not ("If you want to talk, I'm here." is an offer).
    request_sentences = {ctx.smap.index(s) for s, _, _ in ctx.usable_hits("request")}
    best = None
    tries = 0
    text = ctx.text
    for i, (lo, hi) in enumerate(ctx.smap.spans):
        if i not in request_sentences and not _is_question(text, lo, hi):
            continue
        tries += 1
        if tries > _MAX_TRIES:
            break
        if i in ctx.ignored or ctx.blocked.overlaps(lo, hi):
            continue  # "Can you calm down?" is not interest in the customer
        level = _question_level(ctx, lo, hi)
        if level and (best is None or level > best[0]):
            best = (level, max(lo, hi - 80), hi, ctx.lexicon.EXPLORATION.kind)
            if level == 2:
                break
    return best


def _is_question(text: str, lo: int, hi: int) -> bool:
    return text[hi - 1] in _QUESTION_END or (
        text[hi - 1] in "吗呢。.!！~～…" and _ZH_QUESTION_END.search(text, max(lo, hi - 8), hi)
    )


def _question_level(ctx: _Reply, lo: int, hi: int) -> int:
    """2 for a question about the customer's situation, 1 for a generic one, 0 for none."""
    lo = max(lo, hi - _WINDOW)
    if ctx.within("filler", lo, hi) or ctx.within("suggestion", lo, hi):
        return 0  # "Anything else I can help with?", "..., right?", "Maybe you could try...?"
    text = ctx.text
    addressed = _SECOND.search(text, lo, hi) is not None
    requests = [
        (s, e)
        for s, e in ctx.within("request", lo, hi)
        if addressed or not _FIRST.match(text, s)  # "I was wondering" needs a "you"
    ]
    asks = requests + ctx.within("generic_question", lo, hi)
    if not asks and not addressed:
        if _FIRST_SINGULAR.search(text, lo, hi):
            return 0  # "Where would I go?" is the writer thinking aloud
        if len(_LATIN_WORD.findall(text, lo, hi)) > _SHORT_QUESTION and not _YES_NO.match(
            text, lo, hi
        ):
            return 0  # a long question to nobody in particular is rhetorical
    if _content_words(ctx.lexicon, text, lo, hi, asks):
        return 2
    if asks or addressed or _WH.search(text, lo, hi):
        return 1
    return 0  # "Really?"


def _content_words(
    lexicon: lex.EmpathyLexicon, text: str, lo: int, hi: int, skip: list[Span]
) -> bool:
    """Whether text[lo:hi], outside the cue phrases in `skip`, says anything specific."""
    pieces, pos = [], lo
    for s, e in sorted(skip):
        pieces.append(text[pos:s])
        pos = max(pos, e)
    pieces.append(text[pos:hi])
    rest = " ".join(pieces)
    if any(w.lower() not in lexicon.FUNCTION_WORDS for w in _LATIN_WORD.findall(rest)):
        return True
    cjk = "".join(_CJK_RUN.findall(rest))
    return sum(ch not in lexicon.FUNCTION_CHARS for ch in cjk) >= 2


def _words(text: str, lexicon: lex.EmpathyLexicon) -> frozenset[str]:
    """Content words, crudely stemmed, and Chinese character pairs, for spotting repetition."""
    function_words, function_chars = lexicon.FUNCTION_WORDS, lexicon.FUNCTION_CHARS
    words = {_stem(w.lower()) for w in _LATIN_WORD.findall(text)}
    words = {w for w in words if len(w) >= 3 and w not in function_words}
    for run in _CJK_RUN.findall(text):
        words.update(
            run[i : i + 2]
            for i in range(len(run) - 1)
            if run[i] not in function_chars and run[i + 1] not in function_chars
        )
    return frozenset(words)


@lru_cache(maxsize=4096)
def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _mechanism_reason(
    ctx: _Reply,
    mechanism: lex.Mechanism,
    evidence: Evidence | None,
    language: str,
    customer_text: str,
) -> Reason:
    if evidence is None:
        text = mechanism.missing
        if mechanism is ctx.lexicon.INTERPRETATION and ctx.upset(customer_text):
            text = "The customer is upset, and nothing acknowledges how they feel."
        return _missing(mechanism.missing_kind, text, mechanism.examples, language)
    level, start, end, kind = evidence
    text = mechanism.strong
    if level == 1:
        example = mechanism.examples.get(language) or mechanism.examples["en"]
        text = f"{mechanism.weak} Stronger: “{example}”"
    return _found(kind, text, ctx.quote(start, end), mechanism.points[level])


def _missing(kind: str, text: str, examples: dict[str, str], language: str) -> Reason:
    # Most replies miss something, and the same thing reads the same: one frozen Reason per
    # kind, text and language is shared. The entry holds `examples`, so its id stays unique.
    key = (kind, text, id(examples), language)
    found = _MISSING.get(key)
    if found is not None and found[0] is examples:
        return found[1]
    example = examples.get(language) or examples.get("en")
    said = f"{text} For example: “{example}”" if example else text
    reason = Reason(kind=kind, text=said)
    if len(_MISSING) >= 1024:
        _MISSING.clear()
    _MISSING[key] = (examples, reason)
    return reason


_MISSING: dict[tuple, tuple[dict[str, str], Reason]] = {}


def _found(kind: str, text: str, quote: str, points: int) -> Reason:
    """A Reason with its evidence. Sentences recur, and the same words found the same way read
    the same: one frozen Reason per kind, text, quote and points is shared."""
    key = (kind, text, quote, points)
    reason = _FOUND.get(key)
    if reason is None:
        reason = Reason(kind=kind, text=text, quote=quote, points=points)
        if len(_FOUND) >= 4096:
            _FOUND.clear()
        _FOUND[key] = reason
    return reason


_FOUND: dict[tuple[str, str, str, int], Reason] = {}


class _Intervals:
    """Merged, sorted spans for fast overlap tests on long replies."""

    def __init__(self, spans: list[Span]):
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self._starts = [s for s, _ in merged]
        self._ends = [e for _, e in merged]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self._starts, end - 1) - 1
        return i >= 0 and self._ends[i] > start
