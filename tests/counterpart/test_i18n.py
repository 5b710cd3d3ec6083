import re
from pathlib import Path

import pytest

from counterpart.i18n import LANGUAGES, TEXT, t

ROOT = Path(__file__).resolve().parents[2]


def test_every_text_exists_in_every_language_with_the_same_placeholders():
    for key, entry in TEXT.items():
        assert set(entry) == set(LANGUAGES), key
        holes = {lang: set(re.findall(r"{(\w+)}", text)) for lang, text in entry.items()}
        assert len({frozenset(h) for h in holes.values()}) == 1, key


def test_every_key_the_pages_use_is_in_the_table():
    sources = [ROOT / "app.py", *sorted((ROOT / "app_pages").glob("*.py"))]
    used = set()
    for path in sources:
        used |= set(re.findall(r"tr\(\s*[\"']([\w.]+)[\"']", path.read_text(encoding="utf-8")))
    assert used, "expected the pages to use the translation table"
    assert used <= set(TEXT), used - set(TEXT)


def test_chinese_text_is_chosen_and_filled_in():
    assert t("summary.replies", "zh", n=3) == "回复数：3"
    assert t("summary.replies", "en", n=3) == "Replies: 3"


def test_an_unknown_key_fails_loudly():
    with pytest.raises(KeyError):
        t("no.such.key")
