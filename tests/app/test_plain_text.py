import re

import pytest

from app_pages.context import plain

UNESCAPE = re.compile(r"\\(.)")


@pytest.mark.parametrize(
    "typed",
    [
        "**bold** _it_ `code` [link](http://x) <script>alert(1)</script>",
        "# heading\n- item\n+ item\n1. first\n2) second",
        "شكراً لك 🙏 $5 & ~strike~ | table |",
        "back\\slash and A-10492. fine",
        "see http://example.com, WWW.example.com or me@example.com",
    ],
)
def test_markup_typed_by_people_is_escaped_and_nothing_is_lost(typed):
    shown = plain(typed)
    assert UNESCAPE.sub(r"\1", shown).replace("  \n", "\n").replace("\u2060", "") == typed
    unescaped_markup = re.compile(r"(?<!\\)[*_`\[\]<>#|]")
    assert not unescaped_markup.search(UNESCAPE.sub("", shown))
    assert not re.search(r"(?m)^\s*([-+]|\d+[.)])\s", shown)
    # Bare addresses would become links: their trigger characters are escaped too.
    assert not re.search(r"(?i)(?<!\u2060)(://|@)|www\.", shown)


def test_ordinary_text_is_left_alone():
    assert plain("Order A-10492. It's fine, thanks!") == "Order A-10492. It's fine, thanks!"
