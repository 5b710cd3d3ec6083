"""The concept lexicons are content: every shipped file validates, a broken one names its line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from grading.reading import lexicon as lx

SPEC_CONCEPTS = {
    # actions
    "refund", "cancel", "return", "exchange", "reship", "compensate", "credit", "voucher",
    "waive-fee", "rebook", "escalate", "chase-courier", "open-claim", "open-dispute", "lift-ban",
    "restore-content", "send-return-label", "verify",
    # promise / stance
    "guarantee", "never-again", "approved",
    # values
    "cash", "original-payment", "other-account", "bank-transfer", "e-wallet", "store-credit",
    "gift-card", "defective", "damaged", "shipping-insurance", "return-shipping", "shipped",
    "delivered", "awaiting-shipment", "awaiting-payment", "keep-the-item",
    # verification items
    "order-number", "email-code", "full-name", "zip-code", "last-name", "booking-reference",
    "phone-number", "account-number", "password", "id-document",
}  # fmt: skip


@pytest.fixture(autouse=True)
def _no_extra_folder(monkeypatch):
    monkeypatch.delenv(lx.ENV_DIR, raising=False)
    lx._cached.cache_clear()
    yield
    lx._cached.cache_clear()


def test_every_shipped_file_validates():
    assert lx.problems() == []
    assert lx.problems(lx.SHIPPED) == []
    for lang in lx.LANGUAGES:
        assert lx.problems(lx.SHIPPED / f"{lang}.yaml") == []


def test_every_language_defines_every_concept_of_the_plan_and_every_mode():
    found = lx.lexicon()
    assert lx.concept_ids() >= SPEC_CONCEPTS
    for lang in lx.LANGUAGES:
        lex = found.languages[lang]
        assert lex.language == lang
        assert set(lex.concepts) == lx.concept_ids(), lang
        for key in lx.MODE_KEYS:
            if key == "generic" and lang in ("zh", "id"):
                continue  # no tense-marked present passive: their rule cues do the work
            assert getattr(lex.modes, key), f"{lang}: modes.{key} is empty"


def test_main_forms_are_there():
    found = lx.lexicon()
    assert "退款" in found.phrases("zh", "refund")
    assert "reembolso" in found.phrases("es", "refund")
    assert "dibalikin" in found.phrases("id", "refund")
    assert "استرداد" in found.phrases("ar", "refund")
    assert "كنسل" in found.phrases("ar", "cancel")
    assert "ما أقدر" in found.cues("ar", "refused")
    assert "مش هينفع" in found.cues("ar", "refused")
    assert "udah" in found.cues("id", "done")
    assert "¿quiere que" not in found.cues("es", "asking")  # cues are words; ¿ is punctuation
    assert "quiere que" in found.cues("es", "asking")


def _copy_shipped(tmp_path: Path) -> Path:
    folder = tmp_path / "shipped"
    shutil.copytree(lx.SHIPPED, folder)
    return folder


def test_a_misspelt_mode_key_names_file_line_and_field(tmp_path):
    extra = tmp_path / "extra"
    extra.mkdir()
    path = extra / "more.en.yaml"
    path.write_text("language: en\nconcepts:\n  refund: [dosh back]\nmodes:\n  promissed: [will]\n")
    found = lx.problems(path)
    assert len(found) == 1
    assert found[0].startswith(f"{path}:5: modes.promissed: unknown field")


def test_a_bad_concept_id_and_an_empty_phrase_are_reported_at_their_lines(tmp_path):
    path = tmp_path / "en.yaml"
    path.write_text("language: en\nconcepts:\n  Refund_Now: [refund]\n  cancel: ['']\n")
    found = lx.problems(path)
    assert any(p.startswith(f"{path}:3: concepts.Refund_Now") for p in found), found
    assert any(p.startswith(f"{path}:4: concepts.cancel.0") for p in found), found


def test_a_file_whose_name_and_language_disagree(tmp_path):
    path = tmp_path / "words.es.yaml"
    path.write_text("language: en\nconcepts:\n  refund: [dosh back]\n")
    assert lx.problems(path) == [
        f"{path}:1: language: the file name says 'es' but the file says 'en'"
    ]


def test_a_concept_missing_from_one_shipped_language_names_file_and_concept(tmp_path):
    folder = _copy_shipped(tmp_path)
    zh = folder / "zh.yaml"
    text = zh.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("  zip-code:")]
    zh.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = [str(p) for p in lx.load(shipped=folder)[1]]
    concepts_line = next(i for i, line in enumerate(lines, 1) if line == "concepts:")
    assert found == [
        f"{zh}:{concepts_line}: concepts.zip-code: missing from the zh lexicon (it is defined "
        "in en.yaml); every language must define every concept"
    ]


def test_a_broken_shipped_file_raises_with_its_line(tmp_path):
    folder = _copy_shipped(tmp_path)
    (folder / "id.yaml").write_text("language: id\nconcepts:\n  refund: [refund\n")
    with pytest.raises(lx.ContentError) as caught:
        lx.load(shipped=folder)
    assert str(caught.value.problems[0]).startswith(f"{folder / 'id.yaml'}:")
    assert "not valid YAML" in str(caught.value)


def test_the_extra_folder_adds_words_without_code(tmp_path, monkeypatch):
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "slang.en.yaml").write_text(
        "language: en\nconcepts:\n  refund: [dosh back]\nmodes:\n  deferred: [by and by]\n"
    )
    (extra / "notes.txt").write_text("not a lexicon")
    monkeypatch.setenv(lx.ENV_DIR, str(extra))
    found = lx.lexicon()
    assert "dosh back" in found.phrases("en", "refund")
    assert "refund" in found.phrases("en", "refund")  # merged, not replaced
    assert "by and by" in found.cues("en", "deferred")
    assert lx.concept_ids() >= SPEC_CONCEPTS
    assert lx.problems(extra) == []


def test_a_new_concept_in_one_language_only_is_named_where_it_is_written(tmp_path, monkeypatch):
    extra = tmp_path / "extra"
    extra.mkdir()
    path = extra / "loyalty.en.yaml"
    path.write_text("language: en\nconcepts:\n  refund: [dosh back]\n  loyalty-points: [points]\n")
    monkeypatch.setenv(lx.ENV_DIR, str(extra))
    found = lx.problems()
    assert found == [
        f"{path}:4: concepts.loyalty-points: a new concept needs words in every language; "
        "missing in zh, es, id, ar (add files named <name>.<lang>.yaml)"
    ]
    with pytest.raises(lx.ContentError):
        lx.concept_ids()
    # The reading still works, with the valid words of the extra file.
    assert "dosh back" in lx.lexicon().phrases("en", "refund")


def test_a_broken_extra_file_is_left_out_and_reported(tmp_path, monkeypatch):
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "bad.es.yaml").write_text("language: es\nconcept:\n  refund: [plata de vuelta]\n")
    monkeypatch.setenv(lx.ENV_DIR, str(extra))
    assert lx.problems() == [
        f"{extra / 'bad.es.yaml'}:2: concept: unknown field (check the spelling; "
        "see the editor schema)"
    ]
    assert "reembolso" in lx.lexicon().phrases("es", "refund")


def test_an_extra_folder_that_does_not_exist_is_reported(tmp_path, monkeypatch):
    missing = tmp_path / "nowhere"
    monkeypatch.setenv(lx.ENV_DIR, str(missing))
    assert lx.problems() == [f"{missing}:1: {lx.ENV_DIR} names a folder that does not exist"]
    assert "refund" in lx.lexicon().concept_ids()
