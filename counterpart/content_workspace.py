"""The trainer's workspace: browse, check and save persona, policy and curriculum files, and
publish a new policy version once its impact has been seen.

Every check is `counterpart validate` run on the library with the edited text in place of the
file, so the app and the command line never disagree. Nothing is written unless that check
finds no problem, and a file is replaced whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import tempfile
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from counterpart.content_folders import (
    ContentFolders,
    folders_of,
    install_library,
    load_files,
    load_with_text,
)
from counterpart.policy_publication import (
    VERSION,
    Publication,
    declared_version,
    draft_text,
    order_problems,
    refresh_counts,
    rewritten_in_effect,
    suggested_version,
)
from counterpart.storage.records import User
from counterpart.storage.store import Store
from counterpart.visibility import live_account
from curricula.library import Library
from curricula.policy import Policy
from curricula.policy_diff import impact
from personas.source import ContentError, ContentProblem, parse_yaml

EDITORS = ("trainer", "admin")
NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")


class WorkspaceError(ValueError):
    """Raised when a save, a new file, a draft or a publication is refused; `problems` says
    why, each with file and line, when the content itself is at fault."""

    def __init__(self, message: str, problems: list[ContentProblem] | None = None):
        self.reason = message
        self.problems = problems or []
        super().__init__("\n".join([message, *(str(p) for p in self.problems)]))


def may_edit(user: User | None) -> bool:
    return user is not None and user.role in EDITORS


def require_editor(user: User | None) -> None:
    """Raises PermissionError unless the user is a trainer or an admin."""
    if not may_edit(user):
        raise PermissionError("only trainers and admins may change content")


@dataclass(frozen=True)
class ContentFile:
    kind: str
    path: Path
    problems: int  # how many problems the loaded library has in this file

    @property
    def name(self) -> str:
        return self.path.stem


def _same_problem(problem: ContentProblem) -> tuple:
    # Messages may end with the names that do exist "(expected one of: ...)", which change
    # when a file is added; the same problem must still count as the same.
    return problem.path.resolve(), problem.line, problem.message.split(" (")[0]


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class ContentWorkspace:
    """The content files of a loaded library. `services`, when given, gets the reloaded
    library after every write, so that the running app sees the change at once."""

    def __init__(
        self,
        library: Library,
        folders: ContentFolders | None = None,
        store: Store | None = None,
        clock: Callable[[], dt.datetime] = _utcnow,
        services: object | None = None,
    ):
        self.library = library
        self.folders = folders or folders_of(library)
        self.store, self.clock, self.services = store, clock, services

    @classmethod
    def for_services(cls, services) -> ContentWorkspace:
        """The workspace of the running app: its library, store and clock."""
        return cls(services.library, None, services.store, services.loop.clock, services)

    def files(self, kind: str | None = None) -> list[ContentFile]:
        """The files in the folders, then any the library was loaded from elsewhere."""
        counts: dict[Path, int] = {}
        for problem in self.library.problems:
            counts[problem.path.resolve()] = counts.get(problem.path.resolve(), 0) + 1
        found = self.folders.files()
        seen = {path.resolve() for _, path in found}
        for key, path in self.library.sources.items():
            if path.resolve() not in seen:
                seen.add(path.resolve())
                found.append((key.partition(":")[0], path))
        return [
            ContentFile(k, path, counts.get(path.resolve(), 0))
            for k, path in found
            if kind in (None, k)
        ]

    def file(self, kind: str, name: str) -> ContentFile | None:
        return next((f for f in self.files(kind) if f.name == name), None)

    def _checked(self, kind: str, path: Path, text: str) -> tuple[list[ContentProblem], Library]:
        self.folders.of(kind)  # refuses an unknown kind
        library, reads_as = load_with_text([f.path for f in self.files()], path, text)
        own = [p for p in library.problems if p.path.resolve() == path.resolve()]
        if reads_as != kind:
            # The loader decides the kind by what the file declares, not by its folder.
            own.insert(
                0,
                ContentProblem(
                    path,
                    1,
                    f"(document): this reads as a {reads_as}, not a {kind}: a policy has "
                    "'sections', a curriculum 'tracks', a persona neither",
                ),
            )
        if kind == "policy" and not own:
            own += rewritten_in_effect(path, text, library, self.clock().date())
        before = {_same_problem(p) for p in self.library.problems}
        caused = [
            p
            for p in library.problems
            if p.path.resolve() != path.resolve() and _same_problem(p) not in before
        ]
        return own + caused, library

    def check(self, kind: str, path: Path, text: str) -> list[ContentProblem]:
        """Problems of `path` with `text` in place of what is on disk: what `counterpart
        validate PATH` would print, references to the rest of the library included. After
        them come problems the change would cause in other files (a persona naming a section
        the edit removes), which `counterpart validate` would print once it is saved.
        A policy version in effect is not rewritten in place: changed rules are a problem
        here, and are published as a new version."""
        return self._checked(kind, path, text)[0]

    def _reload(self) -> None:
        self.library = load_files([f.path for f in self.files()])
        if self.services is not None:
            install_library(self.services, self.library)

    def save(
        self, user: User | None, kind: str, path: Path, text: str, expected: str | None = None
    ) -> Path:
        """Write `text` over an existing content file when it has no problems. `expected`, the
        text the editor started from, refuses the save when someone changed the file since.
        Raises PermissionError or WorkspaceError."""
        user = live_account(self.store, user) if self.store is not None else user
        require_editor(user)
        if path.resolve() not in {f.path.resolve() for f in self.files(kind)}:
            raise WorkspaceError(f"{path} is not a {kind} file of this library")
        if expected is not None and path.read_text(encoding="utf-8") != expected:
            raise WorkspaceError(f"{path.name} changed since you opened it; open it again")
        problems = self.check(kind, path, text)
        if problems:
            raise WorkspaceError(f"{path.name} was not saved", problems)
        write_atomically(path, text)
        self._reload()
        return path

    def new_path(self, kind: str, name: str) -> Path:
        """Where a new file called `name` goes. Raises WorkspaceError for a name that is not a
        lowercase id (so no folders, '..', '@' or extension) or that is taken."""
        if not NAME.match(name):
            raise WorkspaceError(
                f"name {name!r}: use up to 80 lowercase letters, digits and '-', starting with "
                "a letter or digit, without '.yaml'"
            )
        path = self.folders.of(kind) / f"{name}.yaml"
        if path.exists() or self.file(kind, name) or f"{kind}:{name}" in self.library.sources:
            raise WorkspaceError(f"a {kind} called {name!r} exists already")
        return path

    def create(self, user: User | None, kind: str, name: str, text: str) -> Path:
        """A new file of `kind` in the folder of its kind, when it has no problems. Raises
        PermissionError or WorkspaceError."""
        user = live_account(self.store, user) if self.store is not None else user
        require_editor(user)
        path = self.new_path(kind, name)
        problems = self.check(kind, path, text)
        if problems:
            raise WorkspaceError(f"{path.name} was not created", problems)
        write_atomically(path, text, overwrite=False)
        self._reload()
        return path

    def current_policy(self, policy_id: str) -> Policy:
        """The version a new one follows: the latest, which is the one in effect unless a
        later one is already scheduled. Raises WorkspaceError for an unknown policy."""
        versions = self.library.policies.get(policy_id)
        if not versions:
            known = ", ".join(sorted(self.library.policies)) or "none"
            raise WorkspaceError(f"no policy {policy_id!r} (known: {known})")
        return versions[-1]

    def suggested_version(self, policy_id: str, effective: dt.date) -> str:
        self.current_policy(policy_id)
        return suggested_version(self.library.policies[policy_id], effective)

    def draft_policy_version(self, policy_id: str, new_version: str, effective: dt.date) -> str:
        """The current version's file with the new label and effective date, to edit."""
        current = self.current_policy(policy_id)
        files = [f.path for f in self.files("policy") if f.name.partition("@")[0] == policy_id]
        path = next((p for p in files if p.stem == f"{policy_id}@{current.version}"), None)
        path = path or next(p for p in files if p.stem == policy_id)
        try:
            return draft_text(path.read_text(encoding="utf-8"), new_version, effective)
        except ValueError as exc:
            raise WorkspaceError(str(exc)) from exc

    def publication_impact(self, user: User | None, policy_id: str, text: str) -> Publication:
        """`text` as the next version of the policy: its problems (the file's own, plus a label
        or date that does not come after the current version's) and what publishing it
        changes: sections, lessons and exam scenarios touched, certificates resting on a
        changed section, and how many certificates held in the database would need a refresh
        once it is in effect. Raises PermissionError or WorkspaceError (unknown policy)."""
        user = live_account(self.store, user) if self.store is not None else user
        require_editor(user)
        current = self.current_policy(policy_id)
        folder = self.library.sources.get(f"policy:{policy_id}", self.folders.policy).parent
        label = declared_version(text)
        if label is None or not VERSION.match(label):
            path = folder / f"{policy_id}@VERSION.yaml"
            return Publication(policy_id, text, path, _label_problems(path, text, label), current)
        path = folder / f"{policy_id}@{label}.yaml"
        problems, after = self._checked("policy", path, text)
        new = next((p for p in after.policies.get(policy_id, []) if p.version == label), None)
        if new is None:
            return Publication(policy_id, text, path, problems, current)
        _, index = parse_yaml(path, text)
        problems += order_problems(path, index, new, self.library.policies[policy_id])
        found = impact(current, new, after.curricula.values(), after.personas)
        refresh = {}
        if self.store is not None and found.changes:
            now = self.clock()
            at = max(now, dt.datetime.combine(new.effective, dt.time.min, dt.UTC))
            refresh = refresh_counts(self.store, self.library, after, policy_id, now, at)
        return Publication(policy_id, text, path, problems, current, new, found, refresh)

    def publish_policy_version(self, user: User | None, reviewed: Publication) -> Path:
        """Write ID@VERSION.yaml for a publication whose impact was shown, when it still passes
        every check and its impact is still the one shown (someone may have published in the
        meantime). Raises PermissionError or WorkspaceError."""
        user = live_account(self.store, user) if self.store is not None else user
        require_editor(user)
        again = self.publication_impact(user, reviewed.policy_id, reviewed.text)
        if again.problems or again.policy is None:
            raise WorkspaceError(f"{again.path.name} was not published", again.problems)
        if again.summary() != reviewed.summary():
            raise WorkspaceError("the library changed since the impact was shown; review again")
        write_atomically(again.path, again.text, overwrite=False)
        self._reload()
        return again.path


def _label_problems(path: Path, text: str, label: str | None) -> list[ContentProblem]:
    try:
        _, index = parse_yaml(path, text)
    except ContentError as exc:
        return exc.problems
    line = index.get(("version",), 1)
    if label is None:
        return [ContentProblem(path, line, "version: required field is missing")]
    return [
        ContentProblem(
            path,
            line,
            f"version: {label!r} cannot name a file; use letters and digits separated by "
            "'.', '-' or '_' (e.g. 2026.12)",
        )
    ]


def write_atomically(path: Path, text: str, overwrite: bool = True) -> None:
    """Replace `path` whole or not at all: a reader (another session, a crash) meets the old
    file or the new one, never half of one. The temporary file sits in the same folder, since
    only a rename within one file system is atomic, and is not named `*.yaml`, so no loader
    reads it. With `overwrite` off, raises WorkspaceError if `path` exists, even one created a
    moment ago by someone else."""
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        # A temporary file is private to its owner; the content file keeps the mode it had.
        os.chmod(temporary, stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o644)
        if overwrite:
            os.replace(temporary, path)
            return
        try:
            os.link(temporary, path)  # unlike a rename, fails when the name is taken
        except FileExistsError as exc:
            raise WorkspaceError(f"{path.name} exists already; it was not replaced") from exc
        except OSError:
            # No hard links on this file system: check, then rename (a narrow race).
            if path.exists():
                raise WorkspaceError(f"{path.name} exists already; it was not replaced") from None
            os.replace(temporary, path)
    finally:
        with suppress(FileNotFoundError):
            os.unlink(temporary)
