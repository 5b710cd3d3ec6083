"""One chat played by an automated trainee through the real session loop: every reply is saved,
graded by the offline graders and answered by the scripted customer, on the simulated clock."""

from __future__ import annotations

import random

from counterpart.cohort.clock import SimulatedClock
from counterpart.cohort.phrasebook import Phrasebook, PhrasebookBuilder
from counterpart.cohort.trainee import Conversation
from counterpart.session_loop import SessionLoop
from counterpart.storage.records import PracticeSession, User
from curricula.curriculum import EXAM_KEY, Curriculum, Lesson
from curricula.policy import Policy
from personas.model import Persona

MAX_REPLIES = 100  # a guard: the lesson's turn limit ends every chat long before this


def reply_language(persona: Persona, spoken: tuple[str, ...]) -> str:
    """The customer's language when the trainee speaks it, else its second language, else
    English (the common language of cross-border service), else the trainee's own."""
    for language in (persona.language, persona.second_language, "en"):
        if language in spoken:
            return language
    return spoken[0]


def facts_to_state(curriculum: Curriculum, lesson_id: str, lesson: Lesson) -> tuple[str, ...]:
    """The policy facts the lesson asks for; an exam scenario asks for those of the practice
    lesson with the same customer and policy, which is where the trainee learnt them."""
    if lesson.required_facts or not lesson_id.startswith(EXAM_KEY):
        return tuple(lesson.required_facts)
    policy_id = lesson.policy.partition("@")[0]
    for practice in curriculum.lessons():
        if practice.persona == lesson.persona and practice.policy.partition("@")[0] == policy_id:
            return tuple(practice.required_facts)
    return ()


class ChatPlayer:
    def __init__(self, loop: SessionLoop, clock: SimulatedClock, builder: PhrasebookBuilder):
        self.loop, self.clock, self.builder = loop, clock, builder

    def conversation(
        self,
        session: PracticeSession,
        form: float,
        spoken: tuple[str, ...],
        rng: random.Random,
    ) -> Conversation:
        curriculum, lesson = self.loop.lesson(session.curriculum_id, session.lesson_id)
        persona = self.loop.library.personas[session.persona_id]
        policy = self.loop.library.policy(session.policy_ref)
        facts = facts_to_state(curriculum, session.lesson_id, lesson)
        book = self.phrasebook(persona, policy, facts, spoken)
        return Conversation(persona, book, form, rng, facts)

    def phrasebook(
        self,
        persona: Persona,
        policy: Policy | None,
        facts: tuple[str, ...],
        spoken: tuple[str, ...],
    ) -> Phrasebook:
        """The phrasebook in the language the trainee writes to this customer; when the
        customer would understand nothing of it (no question it answers, no offer it takes),
        the customer's own language, as a trainee with a translation tool would."""
        book = self.builder.build(persona, policy, facts, reply_language(persona, spoken))
        if book.questions and book.offers:
            return book
        return self.builder.build(persona, policy, facts, persona.language)

    def play(self, user: User, session: PracticeSession, conversation: Conversation) -> int:
        """Reply until the chat ends; returns the number of replies."""
        customer_text = session.turns[-1].text
        store = self.loop.store
        for _ in range(MAX_REPLIES):
            text, seconds = conversation.reply(customer_text)
            self.clock.advance(seconds)
            self.loop.submit(user, session.id, text)
            # The customer takes a moment to read and type, too.
            self.clock.advance(conversation.rng.uniform(6, 40))
            customer_text = "".join(self.loop.customer_reply(user, session.id))
            if store.active_session_id(user.id) != session.id:
                return conversation.replies
            if conversation.gives_up():
                self.loop.end(user, session.id)
                return conversation.replies
        self.loop.end(user, session.id)
        return conversation.replies
