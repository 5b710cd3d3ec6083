"""The printable certificate: complete, self-contained, and never a way to inject markup."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from counterpart.certificate_html import render_certificate
from curricula.certificates import Certificate


def _cert(**changes) -> Certificate:
    fields = dict(
        verification_id="a1b2c3d4e5f60718",
        certificate_id="onboarding-agent",
        holder="ada",
        level="agent",
        title="Returns & Refunds Agent",
        issued_at=dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC),
        expires_at=dt.datetime(2027, 3, 1, 9, 30, tzinfo=dt.UTC),
        policy_versions={"returns-refunds": "2026.10", "shipping": "2025.4"},
        policy_sections=("returns-refunds#refund-timing", "shipping#lost-parcels"),
        grader_version="grader-3.2",
    )
    fields.update(changes)
    return Certificate(**fields)


def test_shows_everything_needed_to_look_it_up():
    page = render_certificate(_cert(), "Ada Lovelace")
    assert page.startswith("<!DOCTYPE html>")
    assert page.rstrip().endswith("</html>")
    assert "Counterpart" in page
    assert "Ada Lovelace" in page
    assert "awarded to" in page
    assert html.escape("Returns & Refunds Agent") in page
    assert "Returns & Refunds" not in page  # the ampersand is escaped too
    assert "Agent" in page
    assert "2026-03-01" in page
    assert "2027-03-01" in page
    assert "returns-refunds @ 2026.10" in page
    assert "shipping @ 2025.4" in page
    assert "returns-refunds#refund-timing" in page
    assert "shipping#lost-parcels" in page
    assert "grader-3.2" in page
    assert "Verify with your training team: ID a1b2c3d4e5f60718" in page


@pytest.mark.parametrize(
    ("level", "shown"), [("agent", "Agent"), ("mentor", "Mentor"), ("qa", "QA")]
)
def test_shows_each_level(level, shown):
    assert f"{shown} · " in render_certificate(_cert(level=level), "Ada")


def test_is_self_contained_and_printable():
    page = render_certificate(_cert(), "Ada")
    assert re.search(r"@page\s*\{[^}]*size:\s*A4 landscape", page)
    assert "<script" not in page.lower()
    assert "http://" not in page and "https://" not in page
    assert "<link" not in page.lower() and "<img" not in page.lower()
    assert "@import" not in page and "url(" not in page


def test_expiry_date_is_the_utc_calendar_date():
    # 23:30 in UTC-5 is already the next day in UTC.
    late = dt.datetime(2027, 2, 28, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    assert "2027-03-01" in render_certificate(_cert(expires_at=late), "Ada")


def test_typed_names_and_data_never_become_markup():
    evil = '<script>alert(1)</script> & "Bo"'
    cert = _cert(
        title="<b>Title</b>",
        verification_id="<i>id</i>",
        certificate_id="<u>c</u>",
        level="<s>x</s>",
        policy_versions={"<p>": "<v>"},
        policy_sections=("<sec>#<x>",),
        grader_version="<g>",
    )
    page = render_certificate(cert, evil)
    assert html.escape(evil) in page
    assert "<script" not in page.lower()
    for raw in ("<b>Title", "<i>id", "<u>c", "<s>x", "<p>", "<v>", "<sec>", "<g>"):
        assert raw not in page
    assert "&lt;i&gt;id&lt;/i&gt;" in page


def test_chinese_labels():
    page = render_certificate(_cert(), "张伟", language="zh")
    assert '<html lang="zh">' in page
    for label in ("授予", "颁发日期", "有效期至", "依据的政策版本", "验证编号", "客服"):
        assert label in page
    assert "请向您的培训团队核验：编号 a1b2c3d4e5f60718" in page
    assert "张伟" in page
    assert "awarded to" not in page


def test_unknown_language_falls_back_to_english():
    page = render_certificate(_cert(), "Ada", language="fr")
    assert '<html lang="en">' in page
    assert "awarded to" in page
