"""Certificates: issued once, never edited; valid, expired, or in need of a refresh when a
policy section they rest on has changed since they were issued."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal, NoReturn

from curricula.curriculum import CertificateSpec
from curricula.policy import Policy
from curricula.policy_diff import changed_sections

PolicyInEffect = Callable[[str], Policy | None]  # policy id -> the version in effect
PolicyVersion = Callable[[str, str], Policy | None]  # (policy id, version) -> that version


class _ReadOnlyDict(dict):
    """A dict (so it serialises like one) that refuses every change after it is built."""

    def _refuse(self, *args, **kwargs) -> NoReturn:
        raise TypeError("a certificate never changes once issued")

    __setitem__ = __delitem__ = __ior__ = _refuse
    clear = pop = popitem = setdefault = update = _refuse

    def __reduce__(self):
        return (type(self), (dict(self),))

    def __hash__(self) -> int:
        return hash(frozenset(self.items()))


@dataclass(frozen=True)
class Certificate:
    """What a holder earned, with the policy versions in effect when it was issued."""

    verification_id: str
    certificate_id: str
    holder: str
    level: str
    title: str
    issued_at: dt.datetime
    expires_at: dt.datetime  # the first moment it no longer holds
    policy_versions: Mapping[str, str]  # policy id -> version in effect at issue
    policy_sections: tuple[str, ...]  # POLICY#SECTION it rests on
    grader_version: str

    def __post_init__(self) -> None:
        # Frozen fields are not enough: the versions must not be editable in place either.
        object.__setattr__(self, "policy_versions", _ReadOnlyDict(self.policy_versions))
        object.__setattr__(self, "policy_sections", tuple(self.policy_sections))
        for name in ("issued_at", "expires_at"):
            if getattr(self, name).utcoffset() is None:
                raise ValueError(f"{name} must be timezone-aware (UTC)")


def _policy_id(ref: str) -> str:
    """`returns-refunds@2026.10#refund-timing` -> `returns-refunds`."""
    return ref.partition("#")[0].partition("@")[0]


def _section_id(ref: str) -> str:
    return ref.partition("#")[2]


def issue_certificate(
    spec: CertificateSpec,
    holder: str,
    issued_at: dt.datetime,
    policies: PolicyInEffect,
    grader_version: str,
    verification_id: str | None = None,
) -> Certificate:
    """A new certificate recording the version of each policy it rests on as in effect now.

    Raises ValueError when a policy the certificate rests on has no version (`policies`
    returns None): without the version, a later change could never be told apart. Library
    validation reports such a reference long before anyone sits the exam.
    """
    versions: dict[str, str] = {}
    for ref in spec.policy_sections:
        policy_id = _policy_id(ref)
        policy = policies(ref.partition("#")[0])
        if policy is None:
            raise ValueError(f"certificate {spec.id} rests on {ref}, but no such policy is loaded")
        versions[policy_id] = policy.version
    return Certificate(
        verification_id=verification_id or secrets.token_hex(8),
        certificate_id=spec.id,
        holder=holder,
        level=spec.level,
        title=spec.title,
        issued_at=issued_at,
        expires_at=issued_at + dt.timedelta(days=spec.validity_days),
        policy_versions=versions,
        policy_sections=tuple(spec.policy_sections),
        grader_version=grader_version,
    )


@dataclass(frozen=True)
class Status:
    state: Literal["valid", "expired", "needs_refresh"]
    reason: str
    changed_sections: list[str] = field(default_factory=list)  # POLICY#SECTION since issue


def _changed(cert: Certificate, refs: Iterable[str], now_: PolicyInEffect, then: PolicyVersion):
    for ref in refs:
        policy_id, section = _policy_id(ref), _section_id(ref)
        version = cert.policy_versions.get(policy_id)
        current = now_(ref.partition("#")[0])  # a pinned ID@VERSION stays on that version
        if current is None or version is None:
            yield ref, f"{ref}: the policy is no longer in effect"
            continue
        if current.version == version:
            continue
        issued = then(policy_id, version)
        if issued is None:
            # The old version is gone, so nothing proves the section is unchanged.
            yield ref, f"{ref}: version {version} it was issued on is no longer in the library"
        elif section in {c.section_id for c in changed_sections(issued, current)}:
            yield ref, f"{ref}: changed from version {version} to {current.version}"


def certificate_status(
    cert: Certificate,
    now: dt.datetime,
    policies: PolicyInEffect,
    policy_version: PolicyVersion,
) -> Status:
    """Expired from `expires_at` on; otherwise it needs a refresh when any section it rests on
    reads differently in the version now in effect than in the version it was issued on.
    Sections it does not rest on may change freely. Raises ValueError when `now` is naive."""
    if now.utcoffset() is None:
        raise ValueError("now must be timezone-aware (UTC)")
    if now >= cert.expires_at:
        when = cert.expires_at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        return Status("expired", f"Expired at {when}.")
    found = list(_changed(cert, cert.policy_sections, policies, policy_version))
    if found:
        return Status("needs_refresh", "; ".join(why for _, why in found), [r for r, _ in found])
    return Status("valid", "Valid; no section it rests on has changed since it was issued.")
