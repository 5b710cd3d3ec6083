"""What the dashboard calls things: titles of tracks, modules, lessons, exams, personas and
certificates from the content library, with the id standing in for anything since removed."""

from __future__ import annotations

from dataclasses import dataclass

from curricula.curriculum import PassMarks
from curricula.library import Library


@dataclass(frozen=True)
class LessonPlace:
    track: str
    module: str
    lesson: str
    order: tuple[int, int, int]  # track, module and lesson index, to list them as taught
    pass_marks: PassMarks


def lesson_place(library: Library, curriculum_id: str, lesson_id: str) -> LessonPlace:
    curriculum = library.curricula.get(curriculum_id)
    found = curriculum.locate(lesson_id) if curriculum is not None else None
    if found is not None:
        track = curriculum.tracks[found[0]]
        module = track.modules[found[1]]
        activity = module.lessons[found[2]]
        marks = getattr(activity, "pass_marks", PassMarks())
        return LessonPlace(track.title, module.title, activity.title, found, marks)
    return LessonPlace(curriculum_id, "", lesson_id, (999, 999, 999), PassMarks())


def track_title(library: Library, curriculum_id: str, track_id: str) -> str:
    curriculum = library.curricula.get(curriculum_id)
    track = next((t for t in curriculum.tracks if t.id == track_id), None) if curriculum else None
    return track.title if track else f"{curriculum_id}/{track_id}"


def module_title(library: Library, curriculum_id: str, track_id: str, index: int) -> str:
    curriculum = library.curricula.get(curriculum_id)
    track = next((t for t in curriculum.tracks if t.id == track_id), None) if curriculum else None
    return track.modules[index].title if track and index < len(track.modules) else str(index)


def exam_title(library: Library, curriculum_id: str, track_id: str) -> str:
    curriculum = library.curricula.get(curriculum_id)
    track = next((t for t in curriculum.tracks if t.id == track_id), None) if curriculum else None
    return track.exam.title if track and track.exam else f"{curriculum_id}/{track_id}"


def certificate_title(library: Library, certificate_id: str) -> str:
    for curriculum in library.curricula.values():
        for track in curriculum.tracks:
            if track.certificate and track.certificate.id == certificate_id:
                return track.certificate.title
    return certificate_id


def persona_name(library: Library, persona_id: str) -> str:
    persona = library.personas.get(persona_id)
    return f"{persona.name} ({persona_id})" if persona else persona_id


def session_lesson(library: Library, curriculum_id: str, lesson_id: str) -> str:
    """A practice lesson's title, or the exam scenario's "Exam title: scenario"."""
    curriculum = library.curricula.get(curriculum_id)
    lesson = curriculum.lesson(lesson_id) if curriculum else None
    return lesson.title if lesson else lesson_id
