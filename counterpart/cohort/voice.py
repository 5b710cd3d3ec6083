"""Which language a line of content is written in, told from the library's own words.

Scripts tell Chinese and Arabic apart at once. Latin-script languages (English, Spanish,
Indonesian...) are told apart by the words the library itself uses in each language: the lines
and reasons of its personas, the objectives of its curricula, and the policies' prose, which is
written in English. Example replies are left out: they mix languages on purpose.
"""

from __future__ import annotations

import re
from collections import defaultdict

from curricula.library import Library
from grading.text import detect_language

_WORD = re.compile(r"[^\W\d_]+")


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


class Voices:
    def __init__(self, library: Library):
        vocabulary: dict[str, set[str]] = defaultdict(set)
        for persona in library.personas.values():
            texts = [persona.reason, *(f.line for f in persona.facts)]
            texts += [line for lines in persona.lines.model_dump().values() for line in lines]
            for text in texts:
                vocabulary[persona.language].update(_words(text))
        for curriculum in library.curricula.values():
            for lesson in curriculum.lessons():
                for text in (lesson.title, *lesson.objectives):
                    vocabulary[curriculum.language].update(_words(text))
        for versions in library.policies.values():
            for policy in versions:
                for section in policy.sections:
                    texts = [section.title, section.text, *(f.statement for f in section.facts)]
                    for text in texts:
                        vocabulary["en"].update(_words(text))
        self.vocabulary = dict(vocabulary)

    def fits(self, text: str, language: str, candidates: tuple[str, ...]) -> bool:
        """Whether `text` reads as `language` rather than as another of `candidates` (a
        phrase two languages share, like "ok" or an English word in Spanglish, fits both)."""
        script = detect_language(text)
        if script in ("zh", "ar") or language in ("zh", "ar"):
            return script == language
        words = _words(text)
        if not words:
            return True

        def share(name: str) -> float:
            known = self.vocabulary.get(name, set())
            return sum(w in known for w in words) / len(words)

        # A short phrase must be made of the language's own words; a sentence mostly so.
        needed = 1.0 if len(words) <= 3 else 0.6
        latin = [c for c in candidates if c not in ("zh", "ar")]
        own = share(language)
        return own >= needed and own >= max((share(c) for c in latin), default=0.0)
