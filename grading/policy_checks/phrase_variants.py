"""The looser forms a trainer's phrase is also found in.

A trainer writes one way of saying a thing ("unfreeze it for you", "ya no lo quieres", "transfer
yang kamu kirim", "不想要了"); agents say it with other pronouns and articles ("I've unfrozen the
card for you", "los sneakers que ya no quieres", "transfer yang Kakak kirim sendiri",
"不想要这件衣服了"). So a phrase is also looked for without its pronouns, articles and clitics —
the words the gap between phrase words then absorbs, whatever the reply puts there — and a
Chinese phrase without its sentence-final particle and with room where it names a person.

A variant keeps at least two words (Chinese: three characters of its own), so a phrase never
shrinks to one common word.
"""

from __future__ import annotations

import re

# Pronouns, articles, possessives and clitics of the languages written with spaces. They are
# the same across the languages where they are written the same way ("me", "la").
_WORDS = {
    "en": "i me my mine we us our you your yours he him his she her it its they them their "
    "the a an this that these those",
    "es": "yo tú tu tus usted ustedes lo la los las le les te se nos mi mis su sus el un una "
    "unos unas",
    "id": "saya aku kami kita kamu anda kakak kak bapak pak ibu bu dia mereka ini itu",
    "ar": "لك لكم ليك هذا هذه ذلك تلك",
}
FUNCTION_WORDS = frozenset(word for words in _WORDS.values() for word in words.split())
_ZH_FINAL = "了的吧啦哦呢啊呀哈"
_ZH_PERSON = re.compile("您|你们|你|我们|我|他们|她们|他|她")
_MIN_WORDS = 2
_MIN_ZH_CHARS = 3


def variants(phrase: str) -> list[str]:
    """The phrase's looser forms, without the phrase itself; often none."""
    if not isinstance(phrase, str) or "…" in phrase or "..." in phrase:
        return []
    if re.search("[\u4e00-\u9fff]", phrase):
        return _chinese(phrase)
    words = phrase.split()
    kept = [w for w in words if w.lower().strip(",.!?¿¡") not in FUNCTION_WORDS]
    if len(kept) == len(words) or len(kept) < _MIN_WORDS:
        return []
    return [" ".join(kept)]


def _chinese(phrase: str) -> list[str]:
    if " " in phrase.strip():
        return []  # the trainer already said where other characters may stand
    loose = phrase.strip().rstrip(_ZH_FINAL)
    loose = _ZH_PERSON.sub(" ", loose).strip()
    loose = " ".join(loose.split())
    own = len(loose.replace(" ", ""))
    if loose == phrase.strip() or own < _MIN_ZH_CHARS:
        return []
    return [loose]
