"""Grading real chat logs, one JSON object per line: what `counterpart grade` runs for QA teams.

Every non-blank input line gets exactly one output record, in input order: its grades, or an
error saying what is wrong with it. A QA export with one broken line must still be graded, and
a run must never end in a traceback, whatever bytes the file holds.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import json
import math
import re
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from curricula.library import POLICY_LIBRARY, Library, add_file
from curricula.policy import Policy
from grading.reading import read
from grading.rubric import grade_reply
from grading.score import ReplyGrade

# A line longer than this is refused unread (its size is reported), so a runaway file cannot
# take the machine's memory. Replies up to MAX_REPLY_CHARS are graded (about a second each).
MAX_LINE_BYTES = 8 * 1024 * 1024
MAX_REPLY_CHARS = 1024 * 1024
MAX_PROBLEMS = 5  # listed per line; a 10,000-turn context of wrong turns must not flood the output
# Grading a reply allocates a few thousand short-lived containers; at the default threshold
# (700) the cyclic collector runs every few replies and costs about a tenth of a batch's time.
# A batch raises the young generation's threshold while it runs and restores it afterwards.
# At 10,000 the collections (the older generations' with them) still took about 5% of a batch;
# at 50,000 about 2%, with the same peak resident memory.
BATCH_GC_THRESHOLD = 50_000
ROLES = ("customer", "agent")
EMPATHY_LEVELS = ("emotional_reaction", "interpretation", "exploration")
# JSON may escape half a UTF-16 pair ("\ud800"); such text cannot be written back as UTF-8.
_SURROGATE = re.compile("[\ud800-\udfff]")
_LONE_SURROGATE = "contains an unpaired UTF-16 surrogate escape such as \\ud800"
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")


class LineError(Exception):
    """Raised while reading one input line that cannot be graded; it becomes an error record."""


class UnknownPolicy(LineError):
    """Raised when a policy reference names no shipped or loaded policy version."""


@dataclasses.dataclass(frozen=True)
class OversizedLine:
    """A line longer than MAX_LINE_BYTES: read past, never held in memory."""

    size: int


@dataclasses.dataclass
class Tally:
    graded: int = 0
    errors: int = 0
    blank: int = 0

    def count(self, record: dict) -> None:
        if "error" in record:
            self.errors += 1
        else:
            self.graded += 1


def policy_library() -> Library:
    """The shipped policies only: grading needs no personas or curricula, and loads faster."""
    library = Library()
    for path in sorted(POLICY_LIBRARY.glob("*.yaml")):
        add_file(library, path)
    return library


class PolicyCatalog:
    """Resolves "ID" and "ID@VERSION" once per reference for a whole run."""

    def __init__(self, library: Library, today: dt.date | None = None):
        # A copy, so that policies added for this run never leak into the caller's library.
        self._library = Library(policies={k: list(v) for k, v in library.policies.items()})
        self._today = today or dt.date.today()
        self._cache: dict[str, Policy | UnknownPolicy] = {}

    @classmethod
    def of(cls, library: Library | PolicyCatalog) -> PolicyCatalog:
        return library if isinstance(library, PolicyCatalog) else cls(library)

    def add(self, policy: Policy) -> None:
        """Make a policy loaded from a file resolvable by its own ID and ID@VERSION."""
        versions = self._library.policies.get(policy.id, [])
        others = [p for p in versions if p.version != policy.version]
        self._library.policies[policy.id] = sorted([*others, policy], key=lambda p: p.effective)
        self._cache.clear()

    def resolve(self, ref: str) -> Policy:
        """The policy `ref` names; raises UnknownPolicy saying which ids or versions exist."""
        found = self._cache.get(ref)
        if found is None:
            found = self._library.policy(ref, self._today) or self._unknown(ref)
            self._cache[ref] = found
        if isinstance(found, UnknownPolicy):
            raise found
        return found

    def _unknown(self, ref: str) -> UnknownPolicy:
        policy_id, at, version = ref.partition("@")
        versions = self._library.policies.get(policy_id)
        if not versions:
            known = ", ".join(sorted(self._library.policies)) or "none loaded"
            return UnknownPolicy(f"unknown policy {ref!r} (known policy ids: {known})")
        listed = ", ".join(p.version for p in versions)
        if at:
            return UnknownPolicy(
                f"policy {policy_id!r} has no version {version!r} (known versions: {listed})"
            )
        return UnknownPolicy(
            f"no version of policy {policy_id!r} is in effect on {self._today} "
            f"(versions: {listed}; name one as {policy_id}@VERSION)"
        )


def read_lines(stream: BinaryIO, limit: int = MAX_LINE_BYTES) -> Iterator[bytes | OversizedLine]:
    """The raw lines of a binary stream; decoding is per line, so one bad byte costs one line."""
    while line := stream.readline(limit + 1):
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        size = len(line)
        while (more := stream.readline(1 << 20)) and not more.endswith(b"\n"):
            size += len(more)
        yield OversizedLine(size + len(more))


def is_blank(raw: bytes | str | OversizedLine) -> bool:
    if isinstance(raw, OversizedLine):
        return False
    if isinstance(raw, bytes):
        raw = raw.removeprefix(b"\xef\xbb\xbf")
    return not raw.strip() or raw.strip() == "\ufeff"


def grade_stream(
    lines: Iterable[bytes | str | OversizedLine],
    library: Library | PolicyCatalog,
    default_policy: Policy | None,
    sla_seconds: float,
    judge=None,
    tally: Tally | None = None,
) -> Iterator[dict]:
    """One record per non-blank line, in order; blank lines are skipped but keep their number."""
    catalog = PolicyCatalog.of(library)
    tally = tally if tally is not None else Tally()
    with fewer_collections():
        for line_no, raw in enumerate(lines, 1):
            if is_blank(raw):
                tally.blank += 1
                continue
            record = grade_line(raw, line_no, catalog, default_policy, sla_seconds, judge)
            tally.count(record)
            yield record


@contextlib.contextmanager
def fewer_collections(threshold: int = BATCH_GC_THRESHOLD) -> Iterator[None]:
    """Run the young generation's collection less often for a batch; restored on exit, also
    when the batch fails or its consumer stops early. Never lowers a higher setting."""
    before = gc.get_threshold()
    gc.set_threshold(max(threshold, before[0]), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def grade_line(
    raw: bytes | str | OversizedLine,
    line_no: int,
    library: Library | PolicyCatalog,
    default_policy: Policy | None,
    sla_seconds: float,
    judge=None,
) -> dict:
    """The grades of one input line, or {"id", "line", "error"} when it cannot be graded."""
    try:
        data = _parse(raw)
        ident, problems = _ident(data)
        fields = _fields(data, PolicyCatalog.of(library), default_policy, problems)
    except LineError as exc:
        return error_record(None, line_no, str(exc))
    except Exception as exc:  # a check met input nobody thought of: report it, go on
        return error_record(None, line_no, f"could not read this line: {type(exc).__name__}")
    if problems:
        more = f"; and {len(problems) - MAX_PROBLEMS} more" if len(problems) > MAX_PROBLEMS else ""
        return error_record(ident, line_no, "; ".join(problems[:MAX_PROBLEMS]) + more)
    try:
        grade = _grade(*fields, sla_seconds, judge)
    except Exception as exc:  # grade_reply never raises by contract; a QA run must go on anyway
        return error_record(ident, line_no, f"could not grade: {type(exc).__name__}: {exc}")
    record = graded_record(ident, grade)
    # The reply's language as the grader read it (en, zh, es, id, ar), per its sentences.
    record["language"] = read(fields[0]).language
    if judge is not None:
        record["judge_note"] = grade.judge_note  # what the judge added, or why it could not
    return record


def _grade(reply, context, policy, reply_seconds, language, sla_seconds, judge) -> ReplyGrade:
    return grade_reply(
        reply,
        policy=policy,
        sla_seconds=sla_seconds,
        reply_seconds=reply_seconds,
        # The grader hears the customer's last word before the reply, as in a live session.
        customer_text=next((text for role, text in reversed(context) if role == "customer"), ""),
        language=language,  # None: the grader detects it from the text a customer would see
        context=context,
        judge=judge,
    )


def graded_record(ident: str, grade: ReplyGrade) -> dict:
    levels = grade.empathy.levels
    return {
        "id": ident,
        "scores": grade.scores(),
        "empathy_levels": {name: levels.get(name) for name in EMPATHY_LEVELS},
        "findings": [
            {"dimension": score.dimension, "kind": r.kind, "quote": r.quote or "", "reason": r.text}
            for score in (grade.empathy, grade.policy, grade.speed)
            for r in score.findings
        ],
        "suggestion": grade.suggestion,
        "grader_version": grade.grader_version,
        "policy": grade.policy_ref,
    }


def error_record(ident: str | None, line_no: int, message: str) -> dict:
    return {"id": ident, "line": line_no, "error": message}


def to_json_line(record: dict) -> bytes:
    # Text was checked for lone surrogates on the way in; backslashreplace is a last resort so
    # that a record can always be written.
    text = _ENCODER.encode(record)
    return text.encode("utf-8", "backslashreplace") + b"\n"


# json.dumps(record, ensure_ascii=False), without making an encoder for every record.
_ENCODER = json.JSONEncoder(ensure_ascii=False)


def _parse(raw: bytes | str | OversizedLine) -> dict:
    if isinstance(raw, OversizedLine):
        raise LineError(
            f"the line is {raw.size} bytes; lines over {MAX_LINE_BYTES} bytes are refused"
        )
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise LineError(
                f"not valid UTF-8: byte 0x{raw[exc.start]:02x} at byte {exc.start + 1}"
            ) from None
    text = raw.strip().removeprefix("\ufeff")
    if not text:
        raise LineError("the line is empty")
    try:
        data = _DECODER.decode(text)
    except json.JSONDecodeError as exc:
        raise LineError(f"not valid JSON: {exc.msg} at column {exc.colno}") from None
    except RecursionError:
        raise LineError("not valid JSON: nested too deeply to read") from None
    except ValueError:  # Python refuses integers of more than 4300 digits
        raise LineError("not valid JSON here: a number is too long to read") from None
    if not isinstance(data, dict):
        raise LineError(f"expected a JSON object, got {_describe(data)}")
    return data


def _no_constant(name: str) -> None:
    raise LineError(f"not valid JSON: {name} is not a JSON number")


_DECODER = json.JSONDecoder(parse_constant=_no_constant)  # NaN and Infinity are not JSON


def _fields(data: dict, catalog: PolicyCatalog, default_policy: Policy | None, problems: list):
    """Check every field, collecting all problems of the line at once."""
    reply = data.get("reply")
    if not isinstance(reply, str) or not reply.strip():
        problems.append(_expected(data, "reply", "a non-empty string"))
    elif len(reply) > MAX_REPLY_CHARS:
        problems.append(f"reply: {len(reply)} characters; the limit is {MAX_REPLY_CHARS}")
    elif _SURROGATE.search(reply):
        problems.append(f"reply: {_LONE_SURROGATE}")
    context = _context(data.get("context"), problems)
    policy = default_policy
    ref = data.get("policy")
    if ref is not None:
        if not isinstance(ref, str) or not ref.strip():
            problems.append(f"policy: expected 'ID' or 'ID@VERSION', got {_describe(ref)}")
        else:
            try:
                policy = catalog.resolve(ref.strip())
            except UnknownPolicy as exc:
                problems.append(f"policy: {exc}")
    reply_seconds = data.get("reply_seconds")
    if reply_seconds is not None and not _seconds(reply_seconds):
        problems.append(f"reply_seconds: expected a number >= 0, got {_describe(reply_seconds)}")
    language = data.get("language")
    if language is not None:
        if isinstance(language, str) and _LANGUAGE.fullmatch(language):
            language = re.split("[-_]", language)[0].lower()
        else:
            problems.append(
                f"language: expected a code like 'en' or 'zh', got {_describe(language)}"
            )
    return reply, context, policy, reply_seconds, language


def _ident(data: dict) -> tuple[str | None, list[str]]:
    ident = data.get("id")
    if not isinstance(ident, str) or not ident.strip():
        return None, [_expected(data, "id", "a non-empty string")]
    if _SURROGATE.search(ident):
        return None, [f"id: {_LONE_SURROGATE}"]
    return ident, []


def _context(turns: object, problems: list) -> list[tuple[str, str]]:
    if turns is None:
        return []
    if not isinstance(turns, list):
        problems.append(f"context: expected a list of turns, got {_describe(turns)}")
        return []
    found = []
    for i, turn in enumerate(turns):
        where = f"context[{i}]"
        if not isinstance(turn, dict):
            problems.append(
                f"{where}: expected an object with role and text, got {_describe(turn)}"
            )
            continue
        role, text = turn.get("role"), turn.get("text")
        if role not in ROLES:
            problems.append(f"{where}.role: expected 'customer' or 'agent', got {_describe(role)}")
        if not isinstance(text, str):
            problems.append(f"{where}.text: expected a string, got {_describe(text)}")
        elif _SURROGATE.search(text):
            problems.append(f"{where}.text: {_LONE_SURROGATE}")
        else:
            found.append((role, text))
    return found


def _seconds(value: object) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    try:
        return math.isfinite(float(value)) and value >= 0
    except OverflowError:  # an integer beyond any float
        return False


def _expected(data: dict, key: str, what: str) -> str:
    if key not in data:
        return f"{key}: missing; expected {what}"
    return f"{key}: expected {what}, got {_describe(data[key])}"


def _describe(value: object) -> str:
    """What a wrong value was, briefly: a 1 MB string must not be echoed into an error."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, int | float):
        shown = repr(value)
        return f"number {shown if len(shown) <= 40 else shown[:40] + '...'}"
    if isinstance(value, str):
        shown = repr(value) if len(value) <= 40 else repr(value[:40]) + "..."
        return f"string {shown}" if value.strip() else "an empty string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
