"""Which endings pass a lesson: the shipped lessons' marks and the check on a trainer's file."""

from pathlib import Path

from curricula.certification import UNRESOLVED_CAP, resolution_score, session_passed
from curricula.library import load_library, validate

ROOT = Path(__file__).resolve().parents[2]
CURRICULUM = ROOT / "curricula" / "library" / "after-sales-basics.yaml"


def shipped_chats():
    """(where, lesson or exam scenario) for every chat the shipped curricula hold."""
    for curriculum in load_library().curricula.values():
        for lesson in curriculum.lessons():
            yield f"{curriculum.id}/{lesson.id}", lesson
        for track in curriculum.tracks:
            for scenario in track.exam.scenarios if track.exam else []:
                yield f"{curriculum.id}/{track.id}/exam/{scenario.id}", scenario


def test_every_shipped_lesson_and_exam_chat_has_a_real_resolution_mark():
    chats = list(shipped_chats())
    assert len(chats) > 20
    top = {"empathy": 100, "policy": 100, "speed": 100}
    for where, chat in chats:
        assert chat.pass_marks.resolution > 0, where
        # A resolved chat meets it; one the customer gave up on, however content, fails.
        assert session_passed(chat, "resolved", top, resolution_score("resolved", 0), []), where
        for ending in ("abandoned", "ended_by_trainee"):
            resolution = resolution_score(ending, 100)
            assert not session_passed(chat, ending, top, resolution, []), where


def test_a_resolution_mark_only_a_resolved_chat_meets_needs_resolved_among_the_endings(
    tmp_path,
):
    text = CURRICULUM.read_text(encoding="utf-8")
    marks = "            pass_marks: {empathy: 60, policy: 70, speed: 50, resolution: 70}"
    assert text.count(marks) >= 1
    broken = text.replace(marks, marks + "\n            passing_endings: [escalated]", 1)
    path = tmp_path / "broken-course.yaml"
    path.write_text(broken, encoding="utf-8")
    problems = validate([path])
    assert len(problems) == 1, problems
    assert "tracks.0.modules.0.lessons.0.pass_marks.resolution" in str(problems[0])
    assert str(UNRESOLVED_CAP) in problems[0].message and "resolved" in problems[0].message
    fine = text.replace(marks, marks + "\n            passing_endings: [resolved, escalated]", 1)
    path.write_text(fine, encoding="utf-8")
    assert validate([path]) == []
