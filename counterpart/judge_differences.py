"""How the LLM judge's empathy differs from the offline grader's, per language of the reply.

Every reply graded with the judge keeps both empathy values (the judge's reason on the stored
empathy grade; see grading.judge.recorded_empathy). The difference is taken as judge minus
offline: a positive mean says the judge finds the replies in that language more empathetic than
the offline grader does (the offline grader is too harsh there, or the judge too lenient); a
large mean absolute difference says the two disagree, whichever way. Only the offline score and
a bounded refinement count towards a grade, so these figures are where the judge's full opinion
can be seen.

The language is the reply's as the Reading finds it: en, zh, es, id or ar, and "es-en" for a
reply with both Spanish and English sentences.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from counterpart.storage.records import GradeRecord, PracticeSession, User
from counterpart.storage.store import Store
from counterpart.visibility import visible_teams
from grading.judge import recorded_empathy
from grading.reading import read

MIXED = {frozenset({"es", "en"}): "es-en"}


@dataclass(frozen=True)
class JudgeDifference:
    count: int  # replies the judge answered for
    mean_offline: float
    mean_judge: float
    mean_signed: float  # mean (judge - offline)
    mean_absolute: float  # mean |judge - offline|
    judge_higher: float  # share of replies the judge rated above the offline score
    mean_moved: float  # mean points the judge actually moved the grade (bounded)


def reply_language(text: str) -> str:
    reading = read(text)
    return MIXED.get(frozenset(reading.languages()), reading.language)


def judge_differences(replies: Iterable[tuple[str, GradeRecord]]) -> dict[str, JudgeDifference]:
    """The summary per language of (language, stored empathy grade) pairs; grades the judge
    did not answer for are left out, and so are languages with none."""
    per_language: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for language, grade in replies:
        values = recorded_empathy(grade.score, grade.reasons)
        if values is not None and grade.score is not None:
            per_language[language].append((*values, grade.score))
    return {language: _summary(rows) for language, rows in sorted(per_language.items())}


def _summary(rows: list[tuple[int, int, int]]) -> JudgeDifference:
    n = len(rows)
    differences = [judge - offline for offline, judge, _ in rows]
    return JudgeDifference(
        count=n,
        mean_offline=sum(offline for offline, _, _ in rows) / n,
        mean_judge=sum(judge for _, judge, _ in rows) / n,
        mean_signed=sum(differences) / n,
        mean_absolute=sum(abs(d) for d in differences) / n,
        judge_higher=sum(d > 0 for d in differences) / n,
        mean_moved=sum(final - offline for offline, _, final in rows) / n,
    )


def judged_replies(sessions: Iterable[PracticeSession]) -> list[tuple[str, GradeRecord]]:
    """(language, empathy grade) of every trainee reply graded with the judge."""
    found = []
    for session in sessions:
        for turn in session.turns:
            grade = turn.grades.get("empathy")
            if turn.role != "trainee" or grade is None:
                continue
            if recorded_empathy(grade.score, grade.reasons) is not None:
                found.append((reply_language(turn.text), grade))
    return found


def judge_differences_of(store: Store, viewer: User) -> dict[str, JudgeDifference]:
    """The summary over the practice of everyone the viewer may see. Raises NotVisible for
    roles that see no one else's practice."""
    teams = visible_teams(store, viewer)
    seen = [
        u for u in store.users() if teams is None or (u.role == "trainee" and u.team_id in teams)
    ]
    sessions = (store.session(s.id) for user in seen for s in store.sessions_of(user.id))
    return judge_differences(judged_replies(sessions))
