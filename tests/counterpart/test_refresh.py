import datetime as dt
from pathlib import Path

import pytest

from counterpart.accounts import create_user
from counterpart.refresh import review
from counterpart.storage.store import Store
from curricula.certificates import issue_certificate
from curricula.library import load_library

ROOT = Path(__file__).resolve().parents[2]
NOW = dt.datetime(2026, 12, 15, tzinfo=dt.UTC)


def newer_returns_policy(tmp_path):
    text = (ROOT / "curricula" / "policies" / "returns-refunds.yaml").read_text(encoding="utf-8")
    text = text.replace('version: "2026.10"', 'version: "2026.12"').replace(
        "effective: 2026-10-01", "effective: 2026-12-01"
    )
    head, tail = text.split("key: refund_days\n", 1)
    path = tmp_path / "returns-refunds@2026.12.yaml"
    path.write_text(
        head + "key: refund_days\n" + tail.replace("value: 5", "value: 7", 1), encoding="utf-8"
    )
    return path


def agent_certificate(library, issued):
    spec = next(
        t.certificate
        for c in library.curricula.values()
        for t in c.tracks
        if t.certificate and t.certificate.id == "agent-en"
    )
    return issue_certificate(spec, "Ella", issued, library.policy, "offline-2")


def test_a_changed_section_calls_for_a_refresh_with_the_lessons_to_retake(tmp_path):
    before = load_library()
    cert = agent_certificate(before, dt.datetime(2026, 11, 1, tzinfo=dt.UTC))
    assert review(cert, before, NOW).status.state == "valid"
    after = load_library([newer_returns_policy(tmp_path)])
    view = review(cert, after, NOW)
    assert view.status.state == "needs_refresh"
    assert view.status.changed_sections == ["returns-refunds#refund-timing"]
    assert ("onboarding-en", "rude-late-refund") in view.refresh_lessons
    personas = {after.curricula[c].lesson(lesson).persona for c, lesson in view.refresh_lessons}
    assert all(
        "returns-refunds#refund-timing" in after.personas[p].policy_sections for p in personas
    )


def test_a_certificate_close_to_expiry_is_flagged():
    library = load_library()
    cert = agent_certificate(library, NOW - dt.timedelta(days=350))
    assert review(cert, library, NOW).expiring_soon
    assert not review(cert, library, NOW - dt.timedelta(days=30)).expiring_soon


def test_passing_the_refresh_lessons_renews_the_certificate(tmp_path, monkeypatch):
    from counterpart import refresh
    from counterpart.progress import LessonRecord

    store = Store(f"sqlite:///{tmp_path / 'renew.db'}")
    user = create_user(store, "ella", "password1", "trainee")
    before = load_library()
    old = agent_certificate(before, dt.datetime(2026, 11, 1, tzinfo=dt.UTC))
    store.add_certificate(old, user.id)
    after = load_library([newer_returns_policy(tmp_path)])
    with pytest.raises(ValueError, match="first pass"):
        refresh.renew(store, after, user, old.verification_id, NOW)
    todo = review(old, after, NOW).refresh_lessons
    seen = {}

    def records(store_, library, user_, since=None):
        seen["since"] = since
        return {key: LessonRecord(1, True) for key in todo}

    monkeypatch.setattr(refresh, "lesson_records", records)
    renewed = refresh.renew(store, after, user, old.verification_id, NOW)
    assert seen["since"] == old.issued_at  # only passes after the old certificate count
    assert renewed.policy_versions["returns-refunds"] == "2026.12"
    assert renewed.verification_id != old.verification_id
    certificates = store.certificates_of(user.id)
    assert [c.verification_id for c in certificates] == [
        old.verification_id,
        renewed.verification_id,
    ]
    assert certificates[0] == old  # the old certificate never changes
    assert review(renewed, after, NOW).status.state == "valid"
    with pytest.raises(ValueError, match="does not need"):
        refresh.renew(store, after, user, renewed.verification_id, NOW)
