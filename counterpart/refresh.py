"""Certificates against the policies in effect now: which need a refresh, and what to retake."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from counterpart.progress import LessonRecord, lesson_records
from counterpart.storage.records import User
from counterpart.storage.store import Store
from curricula.certificates import Certificate, Status, certificate_status, issue_certificate
from curricula.curriculum import CertificateSpec
from curricula.library import Library
from grading.rubric import GRADER_VERSION

EXPIRING_WITHIN = dt.timedelta(days=30)


@dataclass(frozen=True)
class CertificateView:
    certificate: Certificate
    status: Status
    expiring_soon: bool
    refresh_lessons: list[tuple[str, str]]  # (curriculum id, lesson id) that rest on a change


def review(certificate: Certificate, library: Library, now: dt.datetime) -> CertificateView:
    status = certificate_status(
        certificate,
        now,
        lambda ref: library.policy(ref, today=now.date()),
        lambda pid, version: library.policy(f"{pid}@{version}"),
    )
    changed = set(status.changed_sections)
    lessons = []
    if changed:
        # The refresh is the lessons whose customer tests a section that changed.
        for curriculum in library.curricula.values():
            for lesson in curriculum.lessons():
                persona = library.personas.get(lesson.persona)
                if persona and changed & set(persona.policy_sections):
                    lessons.append((curriculum.id, lesson.id))
    soon = status.state == "valid" and certificate.expires_at - now <= EXPIRING_WITHIN
    return CertificateView(certificate, status, soon, lessons)


def _spec(library: Library, certificate_id: str) -> CertificateSpec | None:
    return next(
        (
            t.certificate
            for c in library.curricula.values()
            for t in c.tracks
            if t.certificate and t.certificate.id == certificate_id
        ),
        None,
    )


def renew(
    store: Store, library: Library, user: User, verification_id: str, now: dt.datetime
) -> Certificate:
    """A new certificate on the policies in effect now, once every refresh lesson has been
    passed since the old one was issued. The old certificate stays as it was."""
    old = next(
        (c for c in store.certificates_of(user.id) if c.verification_id == verification_id), None
    )
    if old is None:
        raise PermissionError("no such certificate of yours")
    view = review(old, library, now)
    if view.status.state != "needs_refresh":
        raise ValueError(f"{old.title} does not need a refresh")
    records = lesson_records(store, library, user, since=old.issued_at)
    missing = [key for key in view.refresh_lessons if not records.get(key, LessonRecord()).passed]
    if missing:
        raise ValueError("first pass: " + ", ".join(f"{c}/{lesson}" for c, lesson in missing))
    spec = _spec(library, old.certificate_id)
    renewed = issue_certificate(
        spec, old.holder, now, lambda ref: library.policy(ref, today=now.date()), GRADER_VERSION
    )
    store.add_certificate(renewed, user.id)
    return renewed
