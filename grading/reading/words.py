"""Words and their lemmas, in every language the personas use.

`tokenize` splits normalised text into words; `lemma` gives a word's dictionary form, so a
lexicon entry ("cancel", "reembolsar", "batal") meets every inflection of it in a reply
("cancelled", "reembolsé", "dibatalkan"). Lexicon entries go through the same two functions,
which is what makes them meet.

- en, es, id: simplemma's dictionaries, after an override table (data/lemma_overrides.yaml)
  for what they get wrong ("cancelled" -> "cancell") or leave alone (Indonesian "direfund").
  Spanish and Indonesian sentences borrow English words ("ya te hice el refund"), so a word
  the sentence's language does not know is looked up in English, and vice versa for Spanish.
- ar: a light stemmer (arabic.py) that strips the clitics (و ف, ب ل ك, the article ال, the
  future س on a verb, pronoun suffixes) plus the curated table. simplemma's Arabic dictionary
  is keyed with hamza forms that normalisation folds away, so mixing it in would give one word
  two lemmas.
- zh: every ideograph is a token and its own lemma. jieba (HMM off) took 217 µs to segment a
  ~170-character Chinese reply and 0.45 s to load its dictionary, against 28 µs for one token
  per ideograph (benchmarks/reading_speed.py --compare), which alone would have used up the
  reading's budget; Chinese concepts are matched as substrings of the normalised text anyway
  (see phrases.py), so words would buy nothing the graders use.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from grading.reading.arabic import stem as arabic_stem
from grading.reading.normalise import normalise

DATA = Path(__file__).parent / "data" / "lemma_overrides.yaml"

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A number ("20.5", "1,000"), one ideograph, or a word of letters and digits with inner
# apostrophes ("don't"); hyphens split ("e-wallet" is "e" "wallet", and so is "e wallet").
TOKEN = re.compile(
    rf"\d+(?:[.,]\d+)*(?![^\W_{CJK}])"
    rf"|[{CJK}]+"
    rf"|[^\W_{CJK}][^\W_{CJK}\u0300-\u036f]*(?:'[^\W_{CJK}][^\W_{CJK}\u0300-\u036f]*)*"
)
_CJK_RE = re.compile(f"[{CJK}]")


def tokenize(norm: str, start: int = 0, end: int | None = None, lang: str = "en"):
    """Words of norm[start:end] as (form, start, end) in `norm` offsets, left to right.

    `lang` is the sentence's language; the split itself is the same for all of them (words by
    letters for Latin and Arabic script, one token per ideograph for Chinese).
    """
    if end is None:
        end = len(norm)
    found = []
    for m in TOKEN.finditer(norm, start, end):
        form = m.group()
        s = m.start()
        if _CJK_RE.match(form):
            found.extend((ch, s + k, s + k + 1) for k, ch in enumerate(form))
        else:
            found.append((form, s, m.end()))
    return found


def is_cjk(form: str) -> bool:
    return _CJK_RE.match(form) is not None


@lru_cache(maxsize=1)
def _overrides() -> dict[str, dict[str, str]]:
    with DATA.open(encoding="utf-8") as f:
        raw = yaml.safe_load(f) or {}
    verbs = raw.pop("es_participles_of", None) or []
    tables = {
        lang: {_norm(str(k)): _norm(str(v)) for k, v in (table or {}).items()}
        for lang, table in raw.items()
    }
    spanish = tables.setdefault("es", {})
    for verb in verbs:
        for form in _participles(_norm(str(verb))):
            spanish.setdefault(form, _norm(str(verb)))
    return tables


def _participles(verb: str) -> tuple[str, ...]:
    """abonar -> abonado, abonada, abonados, abonadas; cumplir -> cumplido…"""
    stem, ending = verb[:-2], verb[-2:]
    vowel = "a" if ending == "ar" else "i"
    return tuple(f"{stem}{vowel}{tail}" for tail in ("do", "da", "dos", "das"))


def _norm(word: str) -> str:
    return normalise(word.strip())[0]


# Which dictionary to try after the sentence's own: code-switching borrows mostly English.
_FALLBACK = {"en": ("en", "es"), "es": ("es", "en"), "id": ("id", "en")}


@lru_cache(maxsize=65536)
def lemma(form: str, lang: str) -> str:
    """The dictionary form of one normalised word in `lang` (en, es, id, ar, zh)."""
    if not form:
        return form
    if lang == "ar":
        return arabic_stem(form, _overrides().get("ar", {}))
    overrides = _overrides()
    override = overrides.get(lang, {}).get(form)
    if override is not None:
        return override
    if lang == "zh" or form[0].isdigit() or is_cjk(form):
        return form
    langs = _FALLBACK.get(lang, ("en",))
    # A borrowed word ("cancelled" in a Spanish sentence) takes its own language's override.
    for other in langs[1:]:
        override = overrides.get(other, {}).get(form)
        if override is not None:
            return override
    if lang in ("es", "en"):
        spanglish = _spanglish_verb(form)
        if spanglish is not None:
            return spanglish
    found = _simplemma(form, langs)
    if found == form and lang == "id":
        found = _indonesian_clitics(form)
    return found


# Spanish endings of a verb made from an English one: "te refundeo", "te waiveo el fee", "ya lo
# canceleé", "lo estoy checkeando". Longest first; tried only on words neither dictionary knows.
_SPANGLISH_ENDINGS = (
    "eamos", "eando", "easte", "earon", "eado", "eada", "eados", "eadas", "eaba",
    "eaban", "earé", "eará", "eas", "ean", "ear", "eo", "eé", "eó", "ea",
    "amos", "ando", "aste", "aron", "ado", "ada", "ar", "as", "an", "é", "ó", "o", "a",
)  # fmt: skip


def _spanglish_verb(form: str) -> str | None:
    """The English verb of a Spanish-conjugated English one, or None for any word either
    dictionary knows as it stands."""
    import simplemma

    if not form.isascii() and not form.endswith(("é", "ó")):
        return None
    if simplemma.is_known(form, "es") or simplemma.is_known(form, "en"):
        return None
    for ending in _SPANGLISH_ENDINGS:
        stem = form[: -len(ending)]
        if form.endswith(ending) and len(stem) >= 4 and simplemma.is_known(stem, "en"):
            return lemma(stem, "en")
    return None


_ID_PARTICLES = ("nya", "lah", "kah")


def _indonesian_clitics(form: str) -> str:
    # Chat Indonesian puts its clitics on any word, borrowed English ones too: "vouchernya",
    # "dicheck", "diupdate". The dictionary knows the base word, not every such form.
    for particle in _ID_PARTICLES:
        if form.endswith(particle) and len(form) - len(particle) >= 3:
            return lemma(form[: -len(particle)], "id")
    if form.startswith("di") and len(form) >= 6:
        import simplemma

        if simplemma.is_known(form[2:], "en"):
            return lemma(form[2:], "en")
    return form


def _simplemma(form: str, langs: tuple[str, ...]) -> str:
    import simplemma  # loaded on first use: ~0.15 s for its dictionaries

    try:
        found = simplemma.lemmatize(form, lang=langs)
    except Exception:  # a library hiccup on an odd token must not stop the reading
        return form
    return found.lower() if found else form


def lemmas(text: str, lang: str) -> tuple[str, ...]:
    """The lemmas of a short text such as a lexicon entry, normalised like a reply."""
    norm, _ = normalise(text)
    return tuple(lemma(form, lang) for form, _, _ in tokenize(norm, 0, len(norm), lang))
