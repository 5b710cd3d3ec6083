"""The empathy words are content: every shipped file validates, a broken one names its file,
line and field, and a trainer's folder adds words the grader uses, read once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from grading import empathy_lexicon as lex
from grading import empathy_words as ew
from grading.empathy_grader import grade_empathy
from personas import source

UNKNOWN = "unknown field (check the spelling; see the editor schema)"


@pytest.fixture(autouse=True)
def _no_extra_folder(monkeypatch):
    monkeypatch.delenv(ew.ENV_DIR, raising=False)
    ew._cached.cache_clear()
    yield
    ew._cached.cache_clear()


def _extra(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "lexicons" / ew.SUBFOLDER
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _line(path: Path, starts: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith(starts))


def test_every_shipped_file_validates():
    assert sorted(p.name for p in ew.SHIPPED.glob("*.yaml")) == ["en.yaml", "zh.yaml"]
    assert ew.problems() == []
    assert ew.problems(ew.SHIPPED) == []
    for path in ew.SHIPPED.glob("*.yaml"):
        assert ew.problems(path) == [], path


def test_every_list_of_the_grader_has_words_in_each_shipped_language():
    words = ew.words()
    assert list(words.languages) == ["en", "zh"]
    for lang, found in words.languages.items():
        for tag in ew.CUE_LISTS:
            assert found.cues[tag], f"{lang}: cues.{tag} is empty"
        for name in ew.LISTS:
            assert found.lists[name], f"{lang}: {name} is empty"
        assert set(found.examples) == set(ew.EXAMPLES), lang
    assert "the" in words.function_words() and "的" in words.function_chars()


def test_combinations_are_written_out_in_order():
    warmth = lex.WARMTH_STRONG["en"]
    assert warmth[:2] == ("my heart goes out", "my heart breaks")
    generated = warmth[warmth.index("that sounds awful") :]
    assert generated[:3] == ("that sounds awful", "that sounds terrible", "that sounds horrible")
    assert "that's so hard" in generated and "how awful" in generated
    assert "how hard" not in warmth  # it opens questions as often as exclamations
    assert len(generated) == 5 * 8 * 14 + 10


def test_the_grader_reads_the_words_from_the_files():
    assert grade_empathy("That sounds so awful.").levels["emotional_reaction"] == 2
    assert grade_empathy("辛苦您了。").levels["emotional_reaction"] == 2
    reasons = grade_empathy("Calm down.").reasons
    assert [r.kind for r in reasons if r.points == lex.NEGATIVE_POINTS] == ["dismissive"]


def test_a_misspelt_list_names_file_line_and_field(tmp_path):
    path = _extra(
        tmp_path, "more.en.yaml", "language: en\ncues:\n  warmth_strng: [what a rotten week]\n"
    )
    assert ew.problems(path) == [f"{path}:3: cues.warmth_strng: {UNKNOWN}"]


def test_a_value_of_the_wrong_kind_is_reported_at_its_line(tmp_path):
    path = _extra(
        tmp_path,
        "more.en.yaml",
        "language: en\nfeelings: [gutted,\n  '']\nfunction_words: [innit, no]\n"
        "combined:\n  relate:\n    - [[me]]\n",
    )
    found = ew.problems(path)
    assert any(p.startswith(f"{path}:3: feelings.1: String should have at least 1") for p in found)
    # YAML reads an unquoted no as false, which is not a word.
    assert any(
        p.startswith(f"{path}:4: function_words.1: Input should be a valid string") for p in found
    )
    assert any(
        p.startswith(f"{path}:7: combined.relate.0: Tuple should have at least 2") for p in found
    )
    assert len(found) == 3, found


def test_a_file_whose_name_and_language_disagree(tmp_path):
    path = _extra(tmp_path, "words.zh.yaml", "language: en\nfeelings: [gutted]\n")
    assert ew.problems(path) == [
        f"{path}:1: language: the file name says 'zh' but the file says 'en'"
    ]


def test_a_phrase_in_two_cue_lists_names_both(tmp_path):
    path = _extra(
        tmp_path,
        "more.en.yaml",
        "language: en\ncues:\n  warmth_weak:\n    - chin up\n    - i understand\n",
    )
    assert ew.problems(path) == [
        f"{path}:5: cues.warmth_weak.1: 'i understand' is already a cue of understand (in "
        "en.yaml); a phrase belongs to one cue list only"
    ]


def test_a_broken_shipped_file_raises_with_its_line(tmp_path):
    folder = tmp_path / "shipped"
    shutil.copytree(ew.SHIPPED, folder)
    zh = folder / "zh.yaml"
    text = zh.read_text(encoding="utf-8").replace("\nblame:", "\nblames:")
    zh.write_text(text, encoding="utf-8")
    with pytest.raises(source.ContentError) as caught:
        ew.load(shipped=folder)
    assert [str(p) for p in caught.value.problems] == [
        f"{zh}:{_line(zh, 'blames:')}: blames: {UNKNOWN}"
    ]


def test_the_shipped_english_file_gives_every_example_phrasing(tmp_path):
    folder = tmp_path / "shipped"
    shutil.copytree(ew.SHIPPED, folder)
    en = folder / "en.yaml"
    lines = en.read_text(encoding="utf-8").splitlines()
    en.write_text(
        "\n".join(line for line in lines if not line.startswith("  exploration:")) + "\n",
        encoding="utf-8",
    )
    with pytest.raises(source.ContentError) as caught:
        ew.load(shipped=folder)
    assert [str(p) for p in caught.value.problems] == [
        f"{en}:{_line(en, 'examples:')}: examples.exploration: required in the shipped English "
        "file (the fallback)"
    ]


def test_an_extra_folder_adds_words_the_grader_uses(tmp_path, monkeypatch):
    reply = "What a rotten week you've had. Wind your neck in."
    before = grade_empathy(reply)
    assert before.levels["emotional_reaction"] == 0
    assert not [r for r in before.reasons if r.kind == "dismissive"]
    _extra(
        tmp_path,
        "slang.en.yaml",
        "language: en\ncues:\n  warmth_strong: [what a rotten week]\n"
        "dismissive: [wind your neck in]\n"
        'examples:\n  exploration: "When did the parcel go missing?"\n',
    )
    _extra(tmp_path, "shop.zh.yaml", "language: zh\ncues:\n  warmth_strong: [真是倒霉]\n")
    monkeypatch.setenv(ew.ENV_DIR, str(tmp_path / "lexicons"))
    assert ew.problems() == []
    after = grade_empathy(reply)
    assert after.levels["emotional_reaction"] == 2
    assert [r.quote for r in after.reasons if r.kind == "dismissive"] == ["Wind your neck in."]
    assert "When did the parcel go missing?" in next(
        r.text for r in after.reasons if r.kind == "no_question"
    )
    assert grade_empathy("真是倒霉，碰上这种事。").levels["emotional_reaction"] == 2
    # Added to the shipped words, not instead of them.
    assert grade_empathy("That sounds awful.").levels["emotional_reaction"] == 2
    monkeypatch.delenv(ew.ENV_DIR)
    assert grade_empathy(reply).levels["emotional_reaction"] == 0


def test_a_broken_extra_file_is_left_out_and_reported(tmp_path, monkeypatch):
    bad = _extra(tmp_path, "bad.en.yaml", "language: en\ncue:\n  warmth_strong: [rotten]\n")
    misnamed = _extra(tmp_path, "words.yaml", "language: en\n")
    monkeypatch.setenv(ew.ENV_DIR, str(tmp_path / "lexicons"))
    assert ew.problems() == [
        f"{misnamed}:1: an empathy file is named <lang>.yaml or <name>.<lang>.yaml, lang one "
        "of en, zh, es, id, ar",
        f"{bad}:2: cue: {UNKNOWN}",
    ]
    assert grade_empathy("That sounds awful.").levels["emotional_reaction"] == 2


def test_counterpart_validate_reports_a_broken_extra_file(tmp_path, monkeypatch):
    from counterpart.content_folders import validate

    bad = _extra(tmp_path, "bad.en.yaml", "language: en\nfeelings: gutted\n")
    monkeypatch.setenv(ew.ENV_DIR, str(tmp_path / "lexicons"))
    found = [str(p) for p in validate([])]
    assert found == [f"{bad}:2: feelings: Input should be a valid tuple (got 'gutted')"]


def test_the_files_are_read_once_not_per_reply(monkeypatch):
    grade_empathy("I'm sorry.")
    calls = []
    monkeypatch.setattr(ew, "load_model", lambda *a, **k: calls.append(a))
    for _ in range(3):
        grade_empathy("I understand how frustrating this is. Could you tell me more?")
    assert calls == []
    assert ew.words() is ew.words()
