"""Where the content files live, loading them as `counterpart validate` does, and handing a
freshly loaded library to the running app.

The folders are a value, not constants, so that the app edits the library it loaded and tests
edit a copy of it.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from dataclasses import dataclass, fields, replace
from pathlib import Path

from counterpart.policy_concepts import policy_checks
from curricula import library as content
from curricula.library import (
    CURRICULUM_LIBRARY,
    PERSONA_LIBRARY,
    POLICY_LIBRARY,
    Library,
    kind_of,
)
from grading import empathy_words
from grading.reading import service_lexicon
from personas.bounded_yaml import YAMLProblem, check_text
from personas.source import ContentProblem

KINDS = ("persona", "policy", "curriculum")


@dataclass(frozen=True)
class ContentFolders:
    """The folder of each kind of content file."""

    persona: Path
    policy: Path
    curriculum: Path

    def of(self, kind: str) -> Path:
        if kind not in KINDS:
            raise ValueError(f"unknown kind of content {kind!r} (expected one of {KINDS})")
        return getattr(self, kind)

    def files(self) -> list[tuple[str, Path]]:
        """Every content file, in the order `load_library` reads the shipped folders."""
        return [(kind, path) for kind in KINDS for path in sorted(self.of(kind).glob("*.yaml"))]


SHIPPED = ContentFolders(PERSONA_LIBRARY, POLICY_LIBRARY, CURRICULUM_LIBRARY)


def folders_of(library: Library, default: ContentFolders = SHIPPED) -> ContentFolders:
    """The folders a loaded library came from, kind by kind (the folder most of its items of
    that kind were read from), so that edits go back where the app read the content."""
    found = {}
    for key, path in library.sources.items():
        found.setdefault(key.partition(":")[0], Counter())[path.parent] += 1
    chosen = {kind: counts.most_common(1)[0][0] for kind, counts in found.items()}
    return replace(default, **{f.name: chosen[f.name] for f in fields(default) if f.name in chosen})


def load_files(files: list[Path]) -> Library:
    """`curricula.library.load_files` with each policy's concept ids checked against the
    grader's lexicons; a broken lexicon file is one of the library's problems."""
    checks, lexicon_problems = policy_checks()
    library = content.load_files(files, checks)
    library.problems[:0] = lexicon_problems
    return library


def load_library(paths: list[Path] | None = None) -> Library:
    """The shipped library (plus `paths`), loaded as the app and `counterpart validate` do."""
    checks, lexicon_problems = policy_checks()
    library = content.load_library(paths, checks)
    library.problems[:0] = lexicon_problems
    return library


def validate(paths: list[Path]) -> list[ContentProblem]:
    """What `counterpart validate` prints: the problems of the given files (or of the whole
    shipped library), concept ids included, and any problem of the lexicons they rest on, of
    the empathy words and of the service-act words (shipped, and the `empathy` and `service`
    folders of COUNTERPART_LEXICON_DIR)."""
    checks, lexicon_problems = policy_checks()
    empathy_problems = empathy_words.content_problems()
    service_problems = service_lexicon.content_problems()
    return lexicon_problems + empathy_problems + service_problems + content.validate(paths, checks)


def _same(a: Path, b: Path) -> bool:
    return a.resolve() == b.resolve()


def load_with_text(files: list[Path], path: Path, text: str) -> tuple[Library, str]:
    """The library as it would load with `text` written at `path` (a file among `files`, or a
    new one), without touching `path`, and the kind the loader takes the text for. Problems
    and sources name `path`, not the stand-in."""
    try:
        # Refused before anything is written: a stand-in of a text too large or not UTF-8
        # would cost a disk write, or fail to be written at all.
        check_text(text)
    except YAMLProblem as exc:
        library = load_files([f for f in files if not _same(f, path)])
        library.problems.append(ContentProblem(path, exc.line, exc.message))
        return library, kind_of(path)
    with tempfile.TemporaryDirectory(prefix="counterpart-check-") as folder:
        stand_in = Path(folder) / path.name
        stand_in.write_text(text, encoding="utf-8")
        listed = [stand_in if _same(f, path) else f for f in files]
        if stand_in not in listed:
            # A new file goes where the loader would meet it: sorted among its folder's files.
            after = [
                i for i, f in enumerate(files) if f.parent == path.parent and f.name < path.name
            ]
            before = [i for i, f in enumerate(files) if f.parent == path.parent]
            at = (after[-1] + 1) if after else (before[0] if before else len(files))
            listed.insert(at, stand_in)
        library = load_files(listed)
        kind = kind_of(stand_in)
    library.problems = [
        replace(p, path=path) if p.path == stand_in else p for p in library.problems
    ]
    library.sources = {k: path if v == stand_in else v for k, v in library.sources.items()}
    return library, kind


def install_library(services: object, library: Library) -> None:
    """Make the running app use `library`: the services and every service that keeps its own
    reference to the library (the session loop, the exam service, ...). Pages read
    `services().library` on each run, so the next run of every session sees the new content."""
    services.library = library
    for part in vars(services).values():
        if part is not library and hasattr(part, "library"):
            part.library = library
