"""What an automated trainee can say to one customer, gathered from the content itself.

Sentences come from the persona's example replies (those in the language the trainee writes),
the persona's own words for its facts and outcomes, and the policy's facts, promises and
remedies; the frames of `frames.py` fill the gaps. Nothing is written per persona, so any
persona and policy in the library, in any language, gets a phrasebook. Every statement of a
policy number is checked with the real policy grader before it is used, right or (for the
wrong numbers a weak trainee states) wrong, so a trainee never says what it does not mean to.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from counterpart.cohort.frames import FRAMES, Frames
from counterpart.cohort.voice import Voices
from counterpart.cohort.wording import (
    DIGIT,
    FORBIDDEN_KINDS,
    WRONG_KINDS,
    findings,
    framed_statements,
    question_for,
    sayable,
    states_correctly,
    wrong_versions,
)
from curricula.policy import Policy
from grading.empathy_grader import grade_empathy
from grading.text import find_phrases, sentences
from personas.model import Persona

QUESTION_END = ("?", "？", "؟")


@dataclass(frozen=True)
class Question:
    text: str
    asks: frozenset[str]  # keys of the persona's facts it asks for


@dataclass(frozen=True)
class Phrasebook:
    language: str
    separator: str
    warmth: tuple[str, ...]  # warmest first (as the empathy grader reads them)
    thanks: tuple[str, ...]
    next_steps: tuple[str, ...]
    questions: tuple[Question, ...]
    statements: dict[str, tuple[str, ...]]  # policy fact key -> sentences stating it right
    wrong: dict[str, tuple[str, ...]]  # policy fact key -> the same with a wrong number
    offers: tuple[str, ...]  # sentences offering an outcome the customer accepts
    curt: tuple[str, ...]  # replies a careless trainee sends
    violations: tuple[str, ...]  # sentences making a promise or remedy the policy forbids

    def questions_for(self, keys: set[str]) -> list[Question]:
        return [q for q in self.questions if q.asks & keys]


def _owns(text: str, language: str) -> bool:
    reasons = grade_empathy(text, language=language).reasons
    return any(r.kind == "owns_next_step" for r in reasons)


def _split(text: str) -> list[str]:
    return [text[start:end] for start, end in sentences(text)]


class PhrasebookBuilder:
    """Builds (and keeps) the phrasebook of a persona, policy, facts and language."""

    def __init__(self, voices: Voices):
        self.voices = voices
        self._books: dict[tuple, Phrasebook] = {}

    def build(
        self, persona: Persona, policy: Policy | None, fact_keys: tuple[str, ...], language: str
    ) -> Phrasebook:
        key = (persona.id, policy.ref if policy else None, fact_keys, language)
        if key not in self._books:
            self._books[key] = self._build(persona, policy, fact_keys, language)
        return self._books[key]

    def _build(
        self, persona: Persona, policy: Policy | None, fact_keys: tuple[str, ...], language: str
    ) -> Phrasebook:
        candidates = tuple(dict.fromkeys([persona.language, persona.second_language or "", "en"]))
        candidates = tuple(c for c in candidates if c)

        def fits(text: str) -> bool:
            return self.voices.fits(text, language, candidates)

        frame = FRAMES.get(language)
        good = [_split(example) for example in persona.examples.good]
        good_sentences = [s for example in good for s in example if fits(s)]
        outcome_words = [w for o in persona.acceptable_outcomes for w in o.words]
        questions = self._questions(persona, good_sentences, frame, fits)
        statements, wrong = self._statements(policy, fact_keys, good_sentences, frame, fits)
        offers = [
            s
            for s in good_sentences
            if not s.endswith(QUESTION_END)
            and find_phrases(s, outcome_words, inflections=True)
            and not findings(s, policy) & (WRONG_KINDS - {"missing_fact"})
        ]
        if not offers and frame is not None:
            for outcome in persona.acceptable_outcomes:
                words = sayable([w for w in outcome.words if fits(w) and "'" not in w], frame)
                # The shortest reads best after "arrange the": a noun ("refund").
                text = frame.offer.format(words[-1]) if words else ""
                if text and not findings(text, policy) & FORBIDDEN_KINDS:
                    offers.append(text)
                    break
        warmth = [
            example[0]
            for example in good
            if example
            and fits(example[0])
            and not example[0].endswith(QUESTION_END)
            and not DIGIT.search(example[0])
        ]
        warmth = list(dict.fromkeys([*warmth, *(frame.warmth if frame else ())]))
        # Which lines are warm is what a strong trainee knows; the grader's reading ranks them.
        warmth.sort(key=lambda text: -(grade_empathy(text, language=language).value or 0))
        owning = [
            s
            for s in good_sentences
            if s not in offers
            and not s.endswith(QUESTION_END)
            and not DIGIT.search(s)
            and _owns(s, language)
        ]
        bad = [example for example in persona.examples.bad if fits(example)]
        return Phrasebook(
            language=language,
            separator=frame.separator if frame else " ",
            warmth=tuple(warmth),
            thanks=frame.thanks if frame else (),
            next_steps=tuple(dict.fromkeys([*owning, *(frame.next_step if frame else ())])),
            questions=tuple(questions),
            statements=statements,
            wrong=wrong,
            offers=tuple(dict.fromkeys(offers)),
            curt=tuple(dict.fromkeys([*bad, *(frame.curt if frame else ())])),
            violations=tuple(self._violations(persona, policy, frame, fits)),
        )

    @staticmethod
    def _questions(
        persona: Persona, good_sentences: list[str], frame: Frames | None, fits: Callable
    ) -> list[Question]:
        def asks(text: str) -> frozenset[str]:
            return frozenset(f.key for f in persona.facts if find_phrases(text, f.asked_by))

        questions = [
            Question(s, asks(s)) for s in good_sentences if s.endswith(QUESTION_END) and asks(s)
        ]
        covered = {key for q in questions for key in q.asks}
        for fact in persona.facts:
            if fact.key not in covered:
                text = question_for(fact, frame, fits)
                if text and asks(text):
                    questions.append(Question(text, asks(text)))
        return questions

    @staticmethod
    def _statements(
        policy: Policy | None,
        fact_keys: tuple[str, ...],
        good_sentences: list[str],
        frame: Frames | None,
        fits: Callable,
    ) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
        statements: dict[str, tuple[str, ...]] = {}
        wrong: dict[str, tuple[str, ...]] = {}
        for key in fact_keys:
            found = policy.fact(key) if policy else None
            if found is None:
                continue
            _, fact = found
            said = [
                s for s in good_sentences if DIGIT.search(s) and states_correctly(s, policy, key)
            ]
            if fits(fact.statement) and states_correctly(fact.statement, policy, key):
                said.append(fact.statement)
            if not said and frame is not None:
                said += framed_statements(fact, frame, fits, policy, key)[:1]
            if not said and states_correctly(fact.statement, policy, key):
                said.append(fact.statement)  # the policy's own words, in English
            statements[key] = tuple(said)
            wrong[key] = tuple(w for s in said for w in wrong_versions(s, fact, policy, key))
        return statements, wrong

    @staticmethod
    def _violations(
        persona: Persona, policy: Policy | None, frame: Frames | None, fits: Callable
    ) -> list[str]:
        if policy is None:
            return []
        bad = [s for e in persona.examples.bad for s in _split(e) if fits(s)]
        found = [s for s in bad if findings(s, policy) & FORBIDDEN_KINDS]
        if frame is not None:
            items = [
                item
                for section in policy.sections
                for item in (*section.forbidden_promises, *section.forbidden_remedies)
            ]
            for item in items:
                phrases = sayable([p for p in item.phrases if fits(p)], frame)
                text = frame.promise.format(phrases[0]) if phrases else ""
                if text and findings(text, policy) & FORBIDDEN_KINDS:
                    found.append(text)
        return list(dict.fromkeys(found))
