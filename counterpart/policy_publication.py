"""A new policy version before it is published: its label and date against the versions that
exist, and how many certificates people hold would need a refresh once it is in effect."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from counterpart.refresh import review
from counterpart.storage.store import Store
from curricula.certificates import Certificate
from curricula.library import Library, load_policy
from curricula.policy import Policy
from curricula.policy_diff import Impact, changed_sections
from personas.bounded_yaml import YAMLProblem, read_yaml
from personas.source import ContentError, ContentProblem, parse_yaml

# The label becomes part of the file name (ID@VERSION.yaml): no folders, no '@', no '..'.
VERSION = re.compile(r"^(?=.{1,40}$)[0-9A-Za-z]+(?:[._-][0-9A-Za-z]+)*$")


def version_key(label: str) -> tuple:
    """Labels compared part by part, numbers as numbers: 2026.9 < 2026.10 < 2026.10.1."""
    return tuple(
        (int(part), "") if part.isdigit() else (-1, part)
        for part in re.findall(r"\d+|[^\d._-]+", label)
    )


def suggested_version(versions: list[Policy], effective: dt.date) -> str:
    """YEAR.MONTH of the effective date, as the shipped policies are labelled, or a finer label
    when that one is taken or not newer."""
    taken = {p.version for p in versions}
    latest = max((p.version for p in versions), key=version_key)
    for label in (
        f"{effective.year}.{effective.month:02d}",
        f"{effective.year}.{effective.month:02d}.{effective.day:02d}",
    ):
        if label not in taken and version_key(label) > version_key(latest):
            return label
    step = 1
    while f"{latest}.{step}" in taken:
        step += 1
    return f"{latest}.{step}"


def draft_text(text: str, version: str, effective: dt.date) -> str:
    """`text` (a policy file) with a new version label and effective date; the rest, comments
    included, as it was."""
    if not VERSION.match(version):
        raise ValueError(
            f"version {version!r}: use letters, digits, '.', '-' or '_' (e.g. 2026.12)"
        )
    for name, value in (("version", f'"{version}"'), ("effective", effective.isoformat())):
        line = re.compile(rf"^{name}:.*$", re.MULTILINE)
        if line.search(text):
            text = line.sub(lambda _, n=name, v=value: f"{n}: {v}", text, count=1)
        else:
            text = f"{name}: {value}\n{text}"
    return text


def declared_version(text: str) -> str | None:
    """The version label the text declares, if it can be read at all (within the bounds every
    content text is read in: this runs on a trainer's text before anything else does)."""
    try:
        _, data = read_yaml(text)
    except YAMLProblem:
        return None
    version = data.get("version") if isinstance(data, dict) else None
    return str(version) if version is not None else None


def order_problems(
    path: Path, index: dict, new: Policy, versions: list[Policy]
) -> list[ContentProblem]:
    """A new version must have a label of its own, newer than every other, and take effect
    after the current one (on the same day, which one applies would be down to file order)."""
    problems = []
    current = versions[-1]
    newest = max((p.version for p in versions), key=version_key)
    line = index.get(("version",), 1)
    if any(p.version == new.version for p in versions) or path.exists():
        problems.append(ContentProblem(path, line, f"version: {new.version} is published already"))
    elif version_key(new.version) <= version_key(newest):
        problems.append(
            ContentProblem(path, line, f"version: {new.version} is not newer than {newest}")
        )
    if new.effective <= current.effective:
        problems.append(
            ContentProblem(
                path,
                index.get(("effective",), 1),
                f"effective: {new.effective} is not after {current.effective}, when the "
                f"current version {current.version} took effect",
            )
        )
    return problems


def rewritten_in_effect(
    path: Path, text: str, after: Library, today: dt.date
) -> list[ContentProblem]:
    """A version in effect keeps its label and its rules: a certificate records only the
    version it rests on, so a rule changed in place would never call for a refresh. Versions
    not yet in effect may still be edited."""
    try:
        old = load_policy(path) if path.exists() else None
        _, index = parse_yaml(path, text)
    except ContentError:
        return []  # nothing in effect to protect, or the text's own problems say enough
    if old is None or old.effective > today:
        return []
    label = declared_version(text)
    if label != old.version:
        message = (
            f"version: {old.version} is in effect since {old.effective} and keeps its label; "
            "publish a new version instead"
        )
        return [ContentProblem(path, index.get(("version",), 1), message)]
    new = next((p for p in after.policies.get(old.id, []) if p.version == old.version), None)
    changed = [c.section_id for c in changed_sections(old, new)] if new else []
    if not changed:
        return []
    message = (
        f"sections: {', '.join(changed)} would change the rules of version {old.version}, in "
        f"effect since {old.effective}; publish the change as a new version, so that the "
        "certificates resting on it call for a refresh"
    )
    return [ContentProblem(path, index.get(("sections",), 1), message)]


def _held(store: Store) -> list[Certificate]:
    """The latest certificate of each kind each person holds: a renewed certificate replaces
    the one it renewed, which stays in the database unchanged."""
    latest: dict[tuple, Certificate] = {}
    for user_id, cert in store.all_certificates():
        key = (user_id, cert.certificate_id)
        if key not in latest or cert.issued_at > latest[key].issued_at:
            latest[key] = cert
    return list(latest.values())


def _on_policy(policy_id: str, refs: list[str]) -> bool:
    return any(ref.partition("#")[0].partition("@")[0] == policy_id for ref in refs)


def refresh_counts(
    store: Store, before: Library, after: Library, policy_id: str, now: dt.datetime, at: dt.datetime
) -> dict[str, int]:
    """Held certificates, by certificate id, that need no refresh on this policy now and would
    need one at `at` with the library `after` (the new version in effect by then)."""
    counts: Counter[str] = Counter()
    for cert in _held(store):
        later = review(cert, after, at).status
        if later.state != "needs_refresh" or not _on_policy(policy_id, later.changed_sections):
            continue
        today = review(cert, before, now).status
        if today.state == "needs_refresh" and _on_policy(policy_id, today.changed_sections):
            continue
        counts[cert.certificate_id] += 1
    return dict(sorted(counts.items()))


@dataclass(frozen=True)
class Publication:
    """A reviewed new policy version: publishable when it has no problems."""

    policy_id: str
    text: str
    path: Path  # where it will be written: ID@VERSION.yaml
    problems: list[ContentProblem]
    current: Policy
    policy: Policy | None = None  # the new version, parsed
    impact: Impact | None = None
    refresh: dict[str, int] = field(default_factory=dict)  # certificate id -> held, to refresh

    @property
    def ready(self) -> bool:
        return not self.problems and self.policy is not None

    @property
    def refresh_total(self) -> int:
        return sum(self.refresh.values())

    def summary(self) -> tuple:
        """What the change does to the content, as a trainer was shown it: publishing is
        refused when this is no longer the same. The refresh counts are left out: a
        certificate earned meanwhile changes them without changing what the version does."""
        changes = self.impact.changes if self.impact else []
        return (
            self.current.ref,
            tuple((c.section_id, c.change, tuple(c.details)) for c in changes),
            tuple(self.impact.lessons if self.impact else ()),
            tuple(self.impact.exam_scenarios if self.impact else ()),
            tuple(self.impact.certificates if self.impact else ()),
            tuple(sorted(self.impact.why.items())) if self.impact else (),
        )
