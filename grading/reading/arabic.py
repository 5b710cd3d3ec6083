"""A light Arabic stemmer: the clitics come off, so a lexicon word meets its forms in a reply.

Arabic writes conjunctions (و ف), prepositions (ب ل ك), the article (ال), the future prefix (س)
and object or possessive pronouns (ها هم كم ك ني نا…) onto the word: والاسترداد is و + ال +
استرداد, لطلبكم is ل + طلب + كم, سنعيد is س + نعيد. Stripping them is what lets the lexicon's
استرداد, طلب or نعيد be found; no root extraction, which would merge unrelated words.

Light stemming cannot tell a clitic from a stem's own first letter (بريد "mail" is not ب +
ريد), nor a future verb from a noun that starts the same (ساعة "hour"). The curated table in
data/lemma_overrides.yaml settles those: a word listed as itself is a stem, and a form listed
with a lemma maps straight to it.
"""

from __future__ import annotations

import re

# Arabic clitics, longest first. A stem keeps at least three letters.
_ARTICLE = ("وبال", "وال", "فال", "بال", "كال", "ولل", "لل", "ال")
_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك")
# Future سـ before an imperfect verb (سنعيد, سيتم, سأعيد -> normalised ساعيد). After سا the
# stem must be longer, as many nouns start with it (ساعة); those are listed in the table.
_FUTURE = re.compile("^س(?:[نيت].{2}|ا.{3})")
_SUFFIX = ("كما", "هما", "كم", "هم", "هن", "ها", "نا", "ني", "ك", "ه")
_NUMBER = ("ات", "ين", "ان", "ون")  # plural and dual endings, only to recognise a stem
_MIN = 3


def stem(word: str, table: dict[str, str]) -> str:
    """The stem of one normalised Arabic word; `table` maps forms to lemmas (curated data)."""
    return _ta_marbuta(_stem_of(word, table))


def _ta_marbuta(stem: str) -> str:
    # ة becomes ت when a suffix follows (بطاقة, بطاقتك): one spelling for both.
    return stem[:-1] + "ت" if stem.endswith("ة") else stem


def _stem_of(word: str, table: dict[str, str]) -> str:
    # A word in the table wins with the fewest clitics taken off: folding أ إ to ا makes
    # إلغاء look like ال + غاء, and بإلغاء like بال + غاء.
    for reading in _clitic_readings(word):
        if reading in table:
            return table[reading]
    if word.startswith("سوف"):
        return word

    def stem_starts_here(w: str) -> bool:
        # A word the table lists as itself (بريد, وقت, بطاقة) begins with a letter of its own,
        # not with a clitic: بريدك is بريد + ك, not ب + ريدك.
        if _known_stem(w, table) or _known_stem(_without_suffix(w), table):
            return True
        # A plural or dual of a listed stem: لحظات (لحظة), ساعتين (ساعة).
        for ending in _NUMBER:
            if w.endswith(ending) and len(w) - len(ending) >= _MIN:
                base = w[: -len(ending)]
                if _known_stem(base, table) or _known_stem(base + "ة", table):
                    return True
        return False

    w = word
    if len(w) - 1 >= _MIN and w[0] in _CONJ and not stem_starts_here(w):
        w = w[1:]
    for article in _ARTICLE:
        if w.startswith(article) and len(w) - len(article) >= 2 and not stem_starts_here(w):
            w = w[len(article) :]
            return table.get(w, w)
    if len(w) - 1 >= _MIN and w[0] in _PREP and not stem_starts_here(w):
        w = w[1:]
    if _FUTURE.match(w) and not stem_starts_here(w):
        w = w[1:]
    if w in table:
        return table[w]
    bare = _without_suffix(w)
    if bare != w and bare.endswith("ت") and table.get(bare[:-1] + "ة") == bare[:-1] + "ة":
        return bare[:-1] + "ة"
    return table.get(bare, bare)


def _known_stem(w: str, table: dict[str, str]) -> bool:
    if table.get(w) == w:
        return True
    return w.endswith("ت") and table.get(w[:-1] + "ة") == w[:-1] + "ة"


def _without_suffix(w: str) -> str:
    for suffix in _SUFFIX:
        if w.endswith(suffix) and len(w) - len(suffix) >= _MIN:
            return w[: -len(suffix)]
    return w


def _clitic_readings(word: str) -> list[str]:
    readings = [word]
    if len(word) > 2 and word[0] in _CONJ:
        readings.append(word[1:])
    for w in list(readings):
        if len(w) > 2 and w[0] in _PREP:
            readings.append(w[1:])
    return readings
