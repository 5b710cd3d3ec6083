"""Certificates against the policies in effect now: which need a refresh, and what to retake."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from counterpart.storage.records import User
from counterpart.storage.store import Store
from curricula.certificates import Certificate, Status, certificate_status
from curricula.library import Library

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


def affected(
    store: Store, library: Library, viewer: User, now: dt.datetime
) -> list[CertificateView]:
    """Certificates that need a refresh, have expired or expire soon: for managers only."""
    if viewer.role != "manager":
        raise PermissionError("only managers see other people's certificates")
    views = [review(cert, library, now) for _, cert in store.all_certificates()]
    return [v for v in views if v.status.state != "valid" or v.expiring_soon]
