"""A certificate as one printable HTML page: a holder can print it or save it as a PDF, and
it shows everything a training team needs to look the certificate up again."""

from __future__ import annotations

import datetime as dt
from html import escape

from curricula.certificates import Certificate

# Kept here rather than in counterpart.i18n so the page can be rendered (and archived)
# without the interface's text table.
LABELS: dict[str, dict[str, str]] = {
    "en": {
        "product": "Counterpart",
        "awarded_to": "awarded to",
        "issued": "Issued",
        "expires": "Expires",
        "rests_on": "Policy versions",
        "sections": "Sections",
        "grader": "Grader version",
        "verification": "Verification ID",
        "verify": "Verify with your training team: ID {id}",
        "level.agent": "Agent",
        "level.mentor": "Mentor",
        "level.qa": "QA",
    },
    "zh": {
        "product": "Counterpart 客服陪练",
        "awarded_to": "授予",
        "issued": "颁发日期",
        "expires": "有效期至",
        "rests_on": "依据的政策版本",
        "sections": "涉及条款",
        "grader": "评分器版本",
        "verification": "验证编号",
        "verify": "请向您的培训团队核验：编号 {id}",
        "level.agent": "客服",
        "level.mentor": "导师",
        "level.qa": "质检",
    },
}

# Black on white with borders instead of fills: many offices print in greyscale, and
# browsers drop background colours when printing unless told otherwise.
_CSS = """
@page { size: A4 landscape; margin: 12mm; }
* { box-sizing: border-box; }
html, body { margin: 0; background: #fff; color: #000; }
body { font-family: Georgia, "Times New Roman", "Songti SC", SimSun, serif; }
.sheet { border: 3px double #000; padding: 10mm 14mm; min-height: 180mm;
  display: flex; flex-direction: column; gap: 4mm; text-align: center; }
.product { font-size: 14pt; letter-spacing: 0.3em; text-transform: uppercase; }
h1 { font-size: 28pt; margin: 2mm 0 0; }
.level { font-size: 13pt; }
.awarded { font-size: 12pt; font-style: italic; margin-top: 4mm; }
.holder { font-size: 30pt; font-weight: bold; border-bottom: 1px solid #000;
  display: inline-block; padding: 0 10mm 1mm; overflow-wrap: anywhere; }
.facts { display: flex; justify-content: center; gap: 12mm; font-size: 11pt; }
.basis { font-size: 9pt; text-align: left; margin: 2mm auto 0; max-width: 230mm; }
.basis ul { margin: 1mm 0; padding-left: 6mm; columns: 2; column-gap: 14mm; }
.basis li { break-inside: avoid; }
.verify { margin-top: auto; border: 1.5px solid #000; padding: 3mm; font-size: 11pt; }
.vid { font-family: "Courier New", monospace; font-size: 20pt; font-weight: bold;
  letter-spacing: 0.1em; overflow-wrap: anywhere; }
"""


def _date(moment: dt.datetime) -> str:
    # Certificates store aware datetimes; the page shows the UTC calendar date.
    return moment.astimezone(dt.UTC).date().isoformat()


def _items(values: list[str]) -> str:
    return "".join(f"<li>{v}</li>" for v in values)


def render_certificate(cert: Certificate, holder_name: str, language: str = "en") -> str:
    """The certificate as a complete HTML5 document; unknown languages fall back to English.

    Every value from data is escaped: holder names are typed by people and ids come from
    content files, so none of them may become markup."""
    lang = language if language in LABELS else "en"
    t = LABELS[lang]
    level = t.get(f"level.{cert.level}", cert.level)
    vid = escape(cert.verification_id)
    versions = [f"{escape(p)} @ {escape(v)}" for p, v in sorted(cert.policy_versions.items())]
    sections = [escape(s) for s in cert.policy_sections]
    facts = [
        (t["issued"], _date(cert.issued_at)),
        (t["expires"], _date(cert.expires_at)),
        (t["grader"], escape(cert.grader_version)),
    ]
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{escape(cert.title)} — {escape(holder_name)}</title>
<style>{_CSS}</style>
</head>
<body>
<main class="sheet">
<div class="product">{t["product"]}</div>
<h1>{escape(cert.title)}</h1>
<div class="level">{escape(level)} · {escape(cert.certificate_id)}</div>
<div class="awarded">{t["awarded_to"]}</div>
<div><span class="holder">{escape(holder_name)}</span></div>
<div class="facts">{"".join(f"<div><b>{k}</b>: {v}</div>" for k, v in facts)}</div>
<section class="basis">
<b>{t["rests_on"]}</b><ul>{_items(versions)}</ul>
<b>{t["sections"]}</b><ul>{_items(sections)}</ul>
</section>
<div class="verify">
<div>{t["verification"]}</div>
<div class="vid">{vid}</div>
<div>{t["verify"].format(id=vid)}</div>
</div>
</main>
</body>
</html>
"""
