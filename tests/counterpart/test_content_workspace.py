"""The trainer's workspace, on a copy of the shipped library (the repository is never written)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import hostile_yaml as hostile
import pytest

import curricula.library as library_module
from counterpart.accounts import create_user
from counterpart.content_folders import (
    SHIPPED,
    ContentFolders,
    folders_of,
    load_files,
    load_with_text,
)
from counterpart.content_workspace import ContentWorkspace, WorkspaceError, write_atomically
from counterpart.policy_publication import suggested_version, version_key
from counterpart.services import build_services
from counterpart.storage.records import User
from counterpart.storage.store import Store
from curricula.certificates import issue_certificate
from personas.source import ContentProblem

TRAINER = User(1, "tina", "Tina", "trainer")
ADMIN = User(2, "ada", "Ada", "admin")
NOW = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def folders(tmp_path) -> ContentFolders:
    copies = {}
    for kind in ("persona", "policy", "curriculum"):
        copies[kind] = tmp_path / "content" / kind
        shutil.copytree(SHIPPED.of(kind), copies[kind])
    return ContentFolders(**copies)


@pytest.fixture
def workspace(folders) -> ContentWorkspace:
    library = load_files([path for _, path in folders.files()])
    return ContentWorkspace(library, clock=lambda: NOW)


def persona_file(folders: ContentFolders, name: str = "rude-late-refund") -> Path:
    return folders.persona / f"{name}.yaml"


def validate_after_writing(monkeypatch, folders, path: Path, text: str):
    """What `counterpart validate` prints with `text` saved at `path`, for this file and for the
    whole library, with the copy standing in for the shipped folders."""
    for name, kind in (
        ("PERSONA_LIBRARY", "persona"),
        ("POLICY_LIBRARY", "policy"),
        ("CURRICULUM_LIBRARY", "curriculum"),
    ):
        monkeypatch.setattr(library_module, name, folders.of(kind))
    path.write_text(text, encoding="utf-8")
    return library_module.validate([path]), library_module.validate([])


def as_rows(problems) -> list[tuple]:
    return [(p.path.resolve(), p.line, p.message) for p in problems]


@pytest.mark.parametrize(
    "edit",
    [
        lambda text: text,
        lambda text: text.replace("patience: 4", "patience: many"),
        lambda text: text.replace("patience: 4", "patience: 4\nmood: sour"),
        lambda text: text.replace("returns-refunds#refund-timing", "returns-refunds#no-such"),
        lambda text: text + "\nlines: [unclosed\n",
    ],
    ids=["unchanged", "wrong-type", "unknown-field", "missing-section", "broken-yaml"],
)
def test_a_check_finds_what_counterpart_validate_finds_once_the_text_is_saved(
    workspace, folders, monkeypatch, edit
):
    path = persona_file(folders)
    text = edit(path.read_text(encoding="utf-8"))
    checked = workspace.check("persona", path, text)
    own, everything = validate_after_writing(monkeypatch, folders, path, text)
    assert [p for p in as_rows(checked) if p[0] == path.resolve()] == as_rows(own)
    assert set(as_rows(checked)) <= set(as_rows(everything))
    assert (checked == []) == (everything == [])


def test_broken_yaml_is_reported_with_the_file_and_the_line(workspace, folders):
    path = persona_file(folders)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[6] = "  broken: [unclosed"
    (problem, *_) = workspace.check("persona", path, "\n".join(lines) + "\n")
    assert problem.path == path
    assert problem.line in (7, 8) and "not valid YAML" in problem.message
    assert str(problem).startswith(f"{path}:{problem.line}: not valid YAML")


def test_a_curriculum_naming_a_missing_persona_is_found_at_its_line(workspace, folders):
    path = folders.curriculum / "after-sales-basics.yaml"
    text = path.read_text(encoding="utf-8")
    line = text.splitlines().index("            persona: rude-late-refund") + 1
    problems = workspace.check(
        "curriculum", path, text.replace("persona: rude-late-refund", "persona: nobody-here", 1)
    )
    assert [(p.path, p.line) for p in problems] == [(path, line)]
    assert problems[0].message.startswith(
        "tracks.0.modules.0.lessons.0.persona: no persona 'nobody-here'"
    )


def test_a_change_that_breaks_other_files_is_reported_there_and_not_saved(workspace, folders):
    path = folders.policy / "returns-refunds.yaml"
    before = path.read_bytes()
    text = before.decode().replace("id: refund-timing", "id: refund-speed")
    problems = workspace.check("policy", path, text)
    elsewhere = [p for p in problems if p.path != path]
    assert {"rude-late-refund.yaml", "onboarding-en.yaml"} <= {p.path.name for p in elsewhere}
    assert all("no section 'refund-timing'" in p.message for p in elsewhere)
    with pytest.raises(WorkspaceError) as refused:
        workspace.save(TRAINER, "policy", path, text)
    assert refused.value.problems == problems
    assert path.read_bytes() == before


def test_a_file_of_another_kind_is_a_problem(workspace, folders):
    path = persona_file(folders)
    (problem,) = workspace.check("curriculum", path, path.read_text(encoding="utf-8"))
    assert "reads as a persona, not a curriculum" in problem.message


def test_files_are_listed_by_kind_with_their_problems(folders):
    broken = persona_file(folders, "half-a-persona")
    broken.write_text("name: Half\npatience: lots\n", encoding="utf-8")
    library = load_files([path for _, path in folders.files()])
    workspace = ContentWorkspace(library)
    personas = {f.name: f for f in workspace.files("persona")}
    assert personas["half-a-persona"].problems > 0 and personas["rude-late-refund"].problems == 0
    assert {f.name for f in workspace.files("policy")} == {
        p.stem for p in folders.policy.glob("*.yaml")
    }
    assert {f.kind for f in workspace.files()} == {"persona", "policy", "curriculum"}


def test_saving_an_invalid_text_is_refused_and_leaves_the_file_as_it_was(workspace, folders):
    path = persona_file(folders)
    before = path.read_bytes()
    with pytest.raises(WorkspaceError) as refused:
        workspace.save(TRAINER, "persona", path, before.decode().replace("patience: 4", "x: 1"))
    assert refused.value.problems[0].path == path  # then the lessons that lose their customer
    assert path.read_bytes() == before
    assert not [p for p in folders.persona.iterdir() if p.name.startswith(".")]


def test_a_valid_save_is_written_and_the_running_app_sees_it(folders, tmp_path):
    services = build_services(f"sqlite:///{tmp_path / 'app.db'}")
    library = load_files([path for _, path in folders.files()])
    workspace = ContentWorkspace(library, services=services)
    path = persona_file(folders)
    text = path.read_text(encoding="utf-8").replace("patience: 4", "patience: 6")
    assert workspace.save(TRAINER, "persona", path, text) == path
    assert path.read_text(encoding="utf-8") == text
    assert workspace.library is not library
    assert workspace.library.personas["rude-late-refund"].patience == 6
    for holder in (services, services.loop, services.exams, services.qa.loop):
        assert holder.library is workspace.library


def test_a_save_is_refused_when_the_file_changed_since_it_was_opened(workspace, folders):
    path = persona_file(folders)
    opened = path.read_text(encoding="utf-8")
    path.write_text(opened.replace("patience: 4", "patience: 3"), encoding="utf-8")
    with pytest.raises(WorkspaceError, match="changed since you opened it"):
        workspace.save(TRAINER, "persona", path, opened, expected=opened)
    assert "patience: 3" in path.read_text(encoding="utf-8")


def test_only_content_files_of_the_library_can_be_saved(workspace, folders, tmp_path):
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("x: 1\n", encoding="utf-8")
    text = persona_file(folders).read_text(encoding="utf-8")
    with pytest.raises(WorkspaceError, match="not a persona file"):
        workspace.save(TRAINER, "persona", outside, text)
    assert outside.read_text(encoding="utf-8") == "x: 1\n"


def test_a_write_replaces_the_file_whole_or_not_at_all(tmp_path, monkeypatch):
    path = tmp_path / "content.yaml"
    path.write_text("old: text\n", encoding="utf-8")
    renamed = []

    def failing_replace(source, target):
        renamed.append(Path(source))
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="disk full"):
        write_atomically(path, "new: text\n")
    assert path.read_text(encoding="utf-8") == "old: text\n"
    # The new text went to a temporary file beside the target (only a rename in one folder is
    # atomic), not named *.yaml, and removed once the rename failed.
    assert renamed[0].parent == tmp_path and not renamed[0].name.endswith(".yaml")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content.yaml"]
    monkeypatch.undo()
    path.chmod(0o640)
    write_atomically(path, "new: text\n")
    assert path.read_text(encoding="utf-8") == "new: text\n"
    assert path.stat().st_mode & 0o777 == 0o640  # the file keeps its mode
    with pytest.raises(WorkspaceError, match="exists already"):
        write_atomically(path, "newer: text\n", overwrite=False)
    assert path.read_text(encoding="utf-8") == "new: text\n"


@pytest.mark.parametrize(
    "name",
    [
        "../escaped",
        "/tmp/absolute",
        "sub/folder",
        "..",
        "Capitals",
        "with space",
        "ends.yaml",
        "returns-refunds@2027.01",
        "",
        "-leading-dash",
    ],
)
def test_a_new_file_name_must_be_a_plain_lowercase_id(workspace, folders, tmp_path, name):
    text = persona_file(folders).read_text(encoding="utf-8")
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    with pytest.raises(WorkspaceError, match="name"):
        workspace.create(TRAINER, "persona", name, text)
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_a_new_file_is_checked_written_in_its_folder_and_never_overwrites(workspace, folders):
    text = persona_file(folders).read_text(encoding="utf-8")
    with pytest.raises(WorkspaceError, match="exists already"):
        workspace.create(TRAINER, "persona", "rude-late-refund", "name: overwritten\n")
    assert persona_file(folders).read_text(encoding="utf-8") == text
    with pytest.raises(WorkspaceError, match="not created"):
        workspace.create(TRAINER, "persona", "half-made", "name: Half\n")
    assert not persona_file(folders, "half-made").exists()
    path = workspace.create(TRAINER, "persona", "rude-late-refund-copy", text)
    assert path == persona_file(folders, "rude-late-refund-copy")
    assert path.read_text(encoding="utf-8") == text
    assert "rude-late-refund-copy" in workspace.library.personas


def returns_draft(workspace: ContentWorkspace, version="2026.12", effective=dt.date(2026, 12, 1)):
    return workspace.draft_policy_version("returns-refunds", version, effective)


def longer_refunds(text: str) -> str:
    head, tail = text.split("key: refund_days\n", 1)
    return head + "key: refund_days\n" + tail.replace("value: 5", "value: 7", 1)


def test_a_draft_is_the_current_version_with_the_new_label_and_date(workspace, folders):
    draft = returns_draft(workspace)
    current = (folders.policy / "returns-refunds.yaml").read_text(encoding="utf-8")
    assert 'version: "2026.12"' in draft and "effective: 2026-12-01" in draft
    assert draft.splitlines()[3:] == current.splitlines()[3:]
    with pytest.raises(WorkspaceError, match="version"):
        returns_draft(workspace, version="../2026.12")


def test_the_impact_lists_the_changed_sections_lessons_and_certificates(workspace):
    publication = workspace.publication_impact(
        TRAINER, "returns-refunds", longer_refunds(returns_draft(workspace))
    )
    assert publication.ready and publication.problems == []
    assert publication.policy.version == "2026.12" and publication.current.version == "2026.10"
    [change] = publication.impact.changes
    assert (change.section_id, change.change) == ("refund-timing", "changed")
    assert change.details == ["refund_days: 5 days -> 7 days"]
    assert "after-sales-basics/late-refund" in publication.impact.lessons
    assert "agent-en" in publication.impact.certificates
    assert publication.path.name == "returns-refunds@2026.12.yaml"
    assert not publication.path.exists()


def test_publishing_writes_the_new_version_which_the_library_then_holds(workspace, folders):
    publication = workspace.publication_impact(
        TRAINER, "returns-refunds", longer_refunds(returns_draft(workspace))
    )
    path = workspace.publish_policy_version(TRAINER, publication)
    assert path == folders.policy / "returns-refunds@2026.12.yaml"
    assert path.read_text(encoding="utf-8") == publication.text
    assert workspace.current_policy("returns-refunds").version == "2026.12"
    assert workspace.library.problems == []
    with pytest.raises(WorkspaceError, match="published already"):
        workspace.publish_policy_version(TRAINER, publication)


@pytest.mark.parametrize(
    ("version", "effective", "refusal"),
    [
        ("2026.10", dt.date(2026, 12, 1), "version: 2026.10 is published already"),
        ("2026.09", dt.date(2026, 12, 1), "version: 2026.09 is not newer than 2026.10"),
        ("2026.9.1", dt.date(2026, 12, 1), "is not newer than 2026.10"),
        ("2026.12", dt.date(2026, 9, 1), "effective: 2026-09-01 is not after 2026-10-01"),
        ("2026.12", dt.date(2026, 10, 1), "is not after 2026-10-01"),
    ],
)
def test_publishing_refuses_a_version_or_date_that_does_not_come_after(
    workspace, folders, version, effective, refusal
):
    draft = longer_refunds(returns_draft(workspace, version, effective))
    publication = workspace.publication_impact(TRAINER, "returns-refunds", draft)
    assert not publication.ready
    assert any(refusal in p.message for p in publication.problems)
    with pytest.raises(WorkspaceError, match="not published"):
        workspace.publish_policy_version(TRAINER, publication)
    assert sorted(p.name for p in folders.policy.glob("returns-refunds*")) == [
        "returns-refunds.yaml"
    ]


def test_a_version_in_effect_is_not_rewritten_in_place_but_a_scheduled_one_may_be(
    workspace, folders
):
    path = folders.policy / "returns-refunds.yaml"
    in_effect = path.read_text(encoding="utf-8")
    (problem,) = workspace.check("policy", path, longer_refunds(in_effect))
    assert problem.message.startswith("sections: refund-timing would change the rules")
    relabelled = in_effect.replace('version: "2026.10"', 'version: "2026.12"')
    problem, *pinned_to_it = workspace.check("policy", path, relabelled)
    assert problem.message.startswith("version: 2026.10 is in effect since 2026-10-01")
    assert all("returns-refunds@2026.10" in p.message for p in pinned_to_it)
    assert workspace.check("policy", path, in_effect.replace("title: Returns,", "title: All")) == []

    scheduled = workspace.publish_policy_version(
        TRAINER,
        workspace.publication_impact(TRAINER, "returns-refunds", returns_draft(workspace)),
    )
    text = longer_refunds(scheduled.read_text(encoding="utf-8"))
    assert workspace.save(TRAINER, "policy", scheduled, text) == scheduled
    assert workspace.library.policy("returns-refunds@2026.12").fact("refund_days")[1].value == 7


def test_an_unreadable_version_label_is_a_problem_and_names_no_file(workspace):
    draft = returns_draft(workspace).replace('version: "2026.12"', 'version: "../../x"')
    publication = workspace.publication_impact(TRAINER, "returns-refunds", draft)
    assert not publication.ready
    assert publication.problems[0].message.startswith("version: '../../x' cannot name a file")


def test_publishing_is_refused_when_the_library_changed_since_the_impact_was_shown(
    workspace, folders
):
    publication = workspace.publication_impact(
        TRAINER, "returns-refunds", longer_refunds(returns_draft(workspace))
    )
    persona = persona_file(folders)
    workspace.save(
        TRAINER,
        "persona",
        persona,
        persona.read_text(encoding="utf-8").replace(', "returns-refunds#refund-timing"', ""),
    )
    with pytest.raises(WorkspaceError, match="changed since the impact was shown"):
        workspace.publish_policy_version(TRAINER, publication)
    assert not publication.path.exists()


def test_the_impact_counts_held_certificates_that_will_need_a_refresh(folders, tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'certs.db'}")
    trainer = create_user(store, "tina", "password1", "trainer")
    library = load_files([path for _, path in folders.files()])
    spec = next(
        t.certificate
        for c in library.curricula.values()
        for t in c.tracks
        if t.certificate and t.certificate.id == "agent-en"
    )
    for username in ("ella", "finn"):
        holder = create_user(store, username, "password1", "trainee")
        issued = issue_certificate(spec, username, NOW - dt.timedelta(days=10), library.policy, "x")
        store.add_certificate(issued, holder.id)
    # Finn's first certificate was renewed: only the one held now counts.
    renewed = issue_certificate(spec, "finn", NOW - dt.timedelta(days=1), library.policy, "x")
    store.add_certificate(renewed, holder.id)
    workspace = ContentWorkspace(library, store=store, clock=lambda: NOW)

    changed = workspace.publication_impact(
        trainer, "returns-refunds", longer_refunds(returns_draft(workspace))
    )
    assert changed.refresh == {"agent-en": 2} and changed.refresh_total == 2
    untouched = workspace.publication_impact(trainer, "returns-refunds", returns_draft(workspace))
    assert untouched.impact.changes == [] and untouched.refresh_total == 0


@pytest.mark.parametrize("role", ["trainee", "manager", "qa"])
def test_only_trainers_and_admins_may_change_content(workspace, folders, role):
    someone = User(9, "sam", "Sam", role)
    path = persona_file(folders)
    text = path.read_text(encoding="utf-8")
    draft = returns_draft(workspace)
    for attempt in (
        lambda user: workspace.save(user, "persona", path, text),
        lambda user: workspace.create(user, "persona", "another-one", text),
        lambda user: workspace.publication_impact(user, "returns-refunds", draft),
    ):
        with pytest.raises(PermissionError):
            attempt(someone)
        with pytest.raises(PermissionError):
            attempt(None)
    publication = workspace.publication_impact(ADMIN, "returns-refunds", draft)
    with pytest.raises(PermissionError):
        workspace.publish_policy_version(someone, publication)
    assert not persona_file(folders, "another-one").exists() and not publication.path.exists()
    assert workspace.save(ADMIN, "persona", path, text) == path


def test_the_workspace_edits_the_folders_its_library_came_from(folders):
    library = load_files([path for _, path in folders.files()])
    assert folders_of(library) == folders
    assert folders_of(load_files([])) == SHIPPED


def test_version_labels_compare_as_numbers_and_suggestions_are_newer(workspace):
    assert version_key("2026.9") < version_key("2026.10") < version_key("2026.10.1")
    versions = workspace.library.policies["returns-refunds"]
    assert suggested_version(versions, dt.date(2026, 12, 1)) == "2026.12"
    assert suggested_version(versions, dt.date(2026, 10, 5)) == "2026.10.05"


@pytest.mark.parametrize(("name", "text", "line", "message"), hostile.CASES, ids=hostile.NAMES)
def test_yaml_that_would_hurt_the_loader_is_one_problem_and_is_never_saved(
    workspace, folders, name, text, line, message
):
    path = persona_file(folders)
    before = path.read_bytes()
    problems = workspace.check("persona", path, text)
    assert [p for p in problems if p.path == path] == [ContentProblem(path, line, message)]
    with pytest.raises(WorkspaceError) as refused:
        workspace.save(TRAINER, "persona", path, text)
    assert refused.value.problems == problems
    assert path.read_bytes() == before


@pytest.mark.parametrize(("name", "text", "line", "message"), hostile.CASES, ids=hostile.NAMES)
def test_a_policy_version_that_would_hurt_the_loader_is_one_problem_and_is_never_published(
    workspace, folders, name, text, line, message
):
    publication = workspace.publication_impact(TRAINER, "returns-refunds", text)
    path = folders.policy / "returns-refunds@VERSION.yaml"
    assert publication.problems == [ContentProblem(path, line, message)]
    with pytest.raises(WorkspaceError):
        workspace.publish_policy_version(TRAINER, publication)
    assert sorted(p.name for p in folders.policy.glob("returns-refunds*")) == [
        "returns-refunds.yaml"
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name: Sam \ud800\n", "unpaired UTF-16 surrogate"),
        ("#" * (2 * 1024 * 1024), "file too large"),
    ],
    ids=["surrogate", "two-megabytes"],
)
def test_a_text_no_file_may_hold_is_a_problem_before_anything_is_written(
    folders, tmp_path, monkeypatch, text, message
):
    written: list[str] = []
    original = Path.write_text
    monkeypatch.setattr(
        Path,
        "write_text",
        lambda self, *a, **k: written.append(str(self)) or original(self, *a, **k),
    )
    path = persona_file(folders)
    library, _ = load_with_text([p for _, p in folders.files()], path, text)
    problems = [p for p in library.problems if p.path == path]
    assert len(problems) == 1 and message in problems[0].message, library.problems
    assert written == []
