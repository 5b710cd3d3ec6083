"""What a customer would see of a reply: the text the empathy and speed graders read.

Hidden text earns nothing, so it is masked (replaced by a space or a line break) rather than
graded: HTML comments, HTML elements a browser does not show (a `hidden` attribute, an
`<input type="hidden">`, a style with display:none, visibility:hidden, font-size:0, opacity:0
and the like, a class a `<style>` block hides, `<script>`, `<style>`, `<template>`), Markdown
comments (`[//]: # (…)`, `[comment]: # "…"`, `[//]: <> (…)`) and link titles, Unicode tag
characters, and every word with an invisible character between its letters ("sor\\u200bry"
shows "sorry" but earns nothing: spelling a word that way only serves to slip past a rule).
`aria-hidden` is not hidden: it only hides from screen readers, a sighted customer sees it.

Invisible characters that belong to normal writing are not hidden text: a zero-width joiner
inside an emoji sequence, a variation selector after an emoji or a CJK ideograph, ZWJ and ZWNJ
between letters of a joining script (Arabic, Persian, Syriac, the Indic scripts), a zero-width
space between Thai, Lao, Khmer or Myanmar letters (where it marks word breaks), the tag
characters of a subdivision flag (England, Scotland, Wales); nor is any invisible character
standing between words, which hides nothing. None of these is a finding or costs anything;
they are dropped from the text graded, as before, so the words around them read as the
customer reads them. The Arabic tatweel is a visible letter extension, not an invisible
character, and stays.

The policy grader reads the reply as written, so a promise hidden in any of these places is
still caught.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

# Unicode's format characters (category Cf, as of Unicode 14): zero-width spaces and joiners,
# bidirectional marks and overrides, tag characters. Listed once rather than looked up per
# character; tests/grading/test_injection_suite.py checks the list against this Python.
FORMAT_CHARACTERS = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f]"
)
# Invisible characters that are not Cf: the combining grapheme joiner, Hangul fillers, Khmer
# inherent vowels, Mongolian free variation selectors, variation selectors.
_OTHER_INVISIBLE = (
    "\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180d\u180f\u3164\ufe00-\ufe0f\uffa0"
    "\U000e0100-\U000e01ef"
)
INVISIBLE = re.compile(f"(?:{FORMAT_CHARACTERS.pattern}|[{_OTHER_INVISIBLE}])+")
INVISIBLE_CHARACTER = re.compile(f"[{FORMAT_CHARACTERS.pattern[1:-1]}{_OTHER_INVISIBLE}]")

ZWSP, ZWNJ, ZWJ = "\u200b", "\u200c", "\u200d"
_CANCEL_TAG = "\U000e007f"
_BLACK_FLAG = "\U0001f3f4"
_APOSTROPHES = "'\u2019\u2018\u02bc"

# Scripts whose letters join, where ZWJ and ZWNJ choose a letter's shape (Arabic and its
# supplements and presentation forms, Syriac, N'Ko, Mongolian, the Indic scripts from
# Devanagari to Sinhala, Myanmar, Khmer).
_JOINING = (
    (0x0600, 0x08FF),
    (0x0900, 0x0DFF),
    (0x1000, 0x109F),
    (0x1780, 0x18AF),
    (0xA8E0, 0xA8FF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
)
# Scripts written without spaces, where a zero-width space marks where a word may break.
_ZWSP_SCRIPTS = ((0x0E00, 0x0FFF), (0x1000, 0x109F), (0x1780, 0x17FF))
# Ideographs, which take ideographic variation sequences.
_HAN = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3FFFF))
_MONGOLIAN = ((0x1800, 0x18AF),)
_JOINERS = frozenset(ZWJ + ZWNJ)
_TAGS = re.compile("[\U000e0000-\U000e007f]")
_VARIATION = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]+")
_FVS = re.compile("[\u180b-\u180d\u180f]+")


@dataclass
class Visible:
    """A reply as its customer would see it, and what was hidden in it."""

    text: str
    # (kind, start, end) in the reply as written; kinds: html_comment, hidden_html,
    # markdown_comment, link_title, tag_characters, invisible_in_word.
    hidden: list[tuple[str, int, int]] = field(default_factory=list)

    @property
    def kinds(self) -> list[str]:
        """The kinds of hidden text found, each once, in the order first seen."""
        return list(dict.fromkeys(kind for kind, _, _ in sorted(self.hidden, key=_by_start)))


def _by_start(item: tuple[str, int, int]) -> int:
    return item[1]


# A span to replace: (start, end, kind or None when nothing hidden is reported, replacement).
_Span = tuple[int, int, "str | None", str]


def visible(reply: str) -> Visible:
    """The reply with hidden text masked and stray invisible characters dropped."""
    markup = "<" in reply or "[" in reply
    invisible = not reply.isascii() and INVISIBLE_CHARACTER.search(reply) is not None
    if not markup and not invisible:
        return Visible(reply)
    spans: list[_Span] = []
    if "<" in reply:
        _html(reply, spans)
    if "[" in reply:
        _markdown(reply, spans)
    if invisible:
        _invisibles(reply, spans)
    if not spans and not invisible:
        return Visible(reply)
    return _apply(reply, spans, invisible)


def _apply(reply: str, spans: list[_Span], invisible: bool) -> Visible:
    """The reply with each span replaced and, with `invisible`, every other invisible
    character dropped (those that are hidden text are inside a span)."""
    out: list[str] = []
    hidden: list[tuple[str, int, int]] = []
    pos = 0

    def keep(segment: str) -> None:
        out.append(INVISIBLE.sub("", segment) if invisible else segment)

    for start, end, kind, replacement in sorted(spans, key=lambda s: (s[0], -s[1])):
        if kind is not None:
            hidden.append((kind, start, end))
        if end <= pos:
            continue  # inside a span already replaced
        start = max(start, pos)
        keep(reply[pos:start])
        if "\n" in replacement or "\n" not in reply[start:end]:
            out.append(replacement)
        else:
            out.append("\n")  # a hidden block keeps the line break it spanned
        pos = end
    keep(reply[pos:])
    return Visible("".join(out), hidden)


# --- HTML ------------------------------------------------------------------------------------

_LT = re.compile(r"<(?:!--|/?[A-Za-z])")
_COMMENT_END = re.compile(r"-->")
_TAG_NAME = re.compile(r"(/?)([A-Za-z][A-Za-z0-9:-]{0,40})(?=[\s/>])")
# One attribute: a name, optionally = and a quoted or bare value. Bounded, so a reply of a
# million "<a " cannot make the scan quadratic.
_ATTRIBUTE = re.compile(
    r"""[\s/]{0,50}([^\s"'<>/=]{1,100})(?:\s{0,20}=\s{0,20}(?:"([^"]{0,4000})"|'([^']{0,4000})'"""
    r"""|([^\s"'=<>`]{1,4000})))?"""
)
_TAG_END = re.compile(r"\s{0,50}(/?)>")
_MAX_ATTRIBUTES = 64
_VOID = frozenset((
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
))  # fmt: skip
# Never rendered, whatever their style says.
_NEVER_SHOWN = frozenset({"script", "style", "template"})
# Elements whose tags are markup, not words: masked without a finding. Block elements end a
# line; inline ones join what is around them, as a browser shows it.
_BLOCK = frozenset((
    "address", "article", "aside", "blockquote", "body", "br", "center", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
    "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "li", "main", "menu", "nav",
    "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "ul",
))  # fmt: skip
_INLINE = frozenset((
    "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font",
    "i", "img", "input", "ins", "kbd", "label", "mark", "q", "s", "samp", "small", "span",
    "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr",
))  # fmt: skip
# Declarations that hide an element: display:none, visibility:hidden, a zero font size or
# opacity, transparent text, a zero box with its overflow hidden, a clip to nothing, a scale
# to nothing, a position thousands of pixels off the screen.
_ZERO = r"(?:0+(?:\.0*)?|\.0+)(?:[a-z]{1,4}|%)?\s*(?:!\s*important\s*)?(?:;|$)"
_HIDING_STYLE = re.compile(
    rf"""(?:^|[;{{\s])(?:
        display\s*:\s*none
      | visibility\s*:\s*(?:hidden|collapse)
      | font-size\s*:\s*{_ZERO}
      | opacity\s*:\s*{_ZERO}
      | color\s*:\s*transparent
      | clip\s*:\s*rect\(\s*0
      | clip-path\s*:\s*inset\(\s*50%
      | transform\s*:\s*scale\(\s*0(?:\.0*)?\s*(?:,\s*0(?:\.0*)?\s*)?\)
      | (?:left|top|right|text-indent|margin-left|margin-top)\s*:\s*-\d{{3,}}
    )""",
    re.IGNORECASE | re.VERBOSE | re.MULTILINE,
)
_ZERO_BOX = re.compile(rf"(?:^|[;{{\s])(?:max-)?(?:height|width)\s*:\s*{_ZERO}", re.I | re.M)
_OVERFLOW_HIDDEN = re.compile(r"overflow\s*:\s*(?:hidden|clip)", re.IGNORECASE)
_STYLE_BLOCK = re.compile(r"<style\b[^>]{0,2000}>(.{0,20000}?)(?:</style\s*>|$)", re.I | re.S)
_CSS_RULE = re.compile(r"([^{}]{1,2000})\{([^{}]{0,4000})\}")
_CSS_NAME = re.compile(r"([.#])([A-Za-z_][\w-]{0,100})")


def _hides(style: str) -> bool:
    if _HIDING_STYLE.search(style):
        return True
    return _ZERO_BOX.search(style) is not None and _OVERFLOW_HIDDEN.search(style) is not None


def _hidden_selectors(reply: str) -> tuple[frozenset[str], frozenset[str]]:
    """Classes and ids that a <style> block of the reply hides."""
    classes, ids = set(), set()
    for block in _STYLE_BLOCK.finditer(reply):
        for rule in _CSS_RULE.finditer(block.group(1)):
            if _hides(rule.group(2)):
                for kind, name in _CSS_NAME.findall(rule.group(1)):
                    (classes if kind == "." else ids).add(name.lower())
    return frozenset(classes), frozenset(ids)


def _html(reply: str, spans: list[_Span]) -> None:
    selectors = _hidden_selectors(reply) if "<style" in reply.lower() else None
    pos = 0
    while True:
        m = _LT.search(reply, pos)
        if m is None:
            return
        start = m.start()
        if m.group() == "<!--":
            close = _COMMENT_END.search(reply, m.end())
            end = close.end() if close else len(reply)
            spans.append((start, end, "html_comment", " "))
            pos = end
            continue
        tag = _parse_tag(reply, start)
        if tag is None:
            pos = start + 1
            continue
        closing, name, attributes, end, self_closing = tag
        if not closing and _hidden_element(name, attributes, selectors):
            if not self_closing and name not in _VOID:
                end = _element_end(reply, name, end)
            spans.append((start, end, "hidden_html", " "))
        elif name in _BLOCK:
            spans.append((start, end, None, "\n"))
        elif name in _INLINE or name in _NEVER_SHOWN:
            spans.append((start, end, None, ""))
        pos = end


def _parse_tag(reply: str, start: int) -> tuple[bool, str, dict[str, str], int, bool] | None:
    m = _TAG_NAME.match(reply, start + 1)
    if m is None:
        return None
    closing, name = bool(m.group(1)), m.group(2).lower()
    attributes: dict[str, str] = {}
    pos = m.end()
    for _ in range(_MAX_ATTRIBUTES + 1):
        end = _TAG_END.match(reply, pos)
        if end is not None:
            return closing, name, attributes, end.end(), bool(end.group(1))
        a = _ATTRIBUTE.match(reply, pos)
        if a is None or a.end() == pos:
            return None
        value = a.group(2) if a.group(2) is not None else a.group(3) or a.group(4) or ""
        attributes.setdefault(a.group(1).lower(), value)
        pos = a.end()
    return None


def _hidden_element(
    name: str,
    attributes: dict[str, str],
    selectors: tuple[frozenset[str], frozenset[str]] | None,
) -> bool:
    if name in _NEVER_SHOWN:
        return True
    if "hidden" in attributes:
        return True  # aria-hidden is another attribute: it hides nothing from the eye
    if name == "input" and attributes.get("type", "").strip().lower() == "hidden":
        return True
    style = attributes.get("style")
    if style and _hides(style):
        return True
    if selectors:
        classes, ids = selectors
        if classes and classes.intersection(attributes.get("class", "").lower().split()):
            return True
        if ids and attributes.get("id", "").strip().lower() in ids:
            return True
    return False


@lru_cache(maxsize=64)
def _same_name_tags(name: str) -> re.Pattern:
    return re.compile(rf"<(/?){re.escape(name)}(?=[\s/>])[^<>]{{0,4000}}>", re.IGNORECASE)


def _element_end(reply: str, name: str, pos: int) -> int:
    """Where the element opened just before `pos` closes (nested ones of the same name
    counted); an element never closed runs to the end, as a browser shows it."""
    depth = 1
    for m in _same_name_tags(name).finditer(reply, pos):
        if m.group(1):
            depth -= 1
            if depth == 0:
                return m.end()
        elif not m.group().endswith("/>"):
            depth += 1
    return len(reply)


# --- Markdown --------------------------------------------------------------------------------

# A link reference definition is never rendered; pointed at "#" or "<>" it is the usual way to
# write a comment. Its title may run over the following lines (not across a blank one).
_TITLE = r"""(?:"(?:[^"\n]|\n(?![ \t]*\n)){0,2000}"|'(?:[^'\n]|\n(?![ \t]*\n)){0,2000}'"""
_TITLE += r"""|\((?:[^()\n]|\n(?![ \t]*\n)){0,2000}\))"""
_MD_COMMENT = re.compile(
    rf"^[ ]{{0,3}}\[[^\]\n]{{1,500}}\]:[ \t]*(?:#|<>|<#>|//)(?:[ \t]*\n?[ \t]*{_TITLE})?[ \t]*$",
    re.MULTILINE,
)
_MD_TITLED = re.compile(
    rf"^[ ]{{0,3}}\[[^\]\n]{{1,500}}\]:[ \t]*\S{{1,2000}}[ \t]*\n?[ \t]*{_TITLE}[ \t]*$",
    re.MULTILINE,
)
# An inline link or image with a title (shown only on hover): the title is hidden text.
_MD_INLINE_TITLE = re.compile(
    r"""\]\([ \t]{0,20}(?:<[^<>\n]{0,2000}>|[^\s()]{0,2000})[ \t]{1,20}"""
    r"""("[^"\n]{0,2000}"|'[^'\n]{0,2000}'|\([^()\n]{0,2000}\))[ \t]{0,20}\)"""
)


def _markdown(reply: str, spans: list[_Span]) -> None:
    if "]:" in reply:
        for m in _MD_COMMENT.finditer(reply):
            spans.append((m.start(), m.end(), "markdown_comment", " "))
        for m in _MD_TITLED.finditer(reply):
            spans.append((m.start(), m.end(), "markdown_comment", " "))
    if "](" in reply:
        for m in _MD_INLINE_TITLE.finditer(reply):
            spans.append((m.start(1), m.end(1), "link_title", " "))


# --- invisible characters --------------------------------------------------------------------


def _in(ch: str, ranges: tuple[tuple[int, int], ...]) -> bool:
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in ranges)


def _word_char(ch: str) -> bool:
    """A letter, digit or combining mark of a word (an invisible character is none of them)."""
    if INVISIBLE_CHARACTER.match(ch):
        return False
    return ch.isalnum() or ch in _APOSTROPHES or unicodedata.category(ch) in ("Mn", "Mc")


def _normal_inside_word(run: str, before: str, after: str) -> bool:
    """Whether invisible characters between two letters belong to normal writing."""
    if set(run) <= _JOINERS:
        return _in(before, _JOINING) and _in(after, _JOINING)
    if set(run) == {ZWSP}:
        return _in(before, _ZWSP_SCRIPTS) and _in(after, _ZWSP_SCRIPTS)
    if _VARIATION.fullmatch(run):
        return _in(before, _HAN)  # an ideographic variation sequence
    if _FVS.fullmatch(run):
        return _in(before, _MONGOLIAN) and _in(after, _MONGOLIAN)
    return False


def _flag_tags(reply: str, start: int, end: int) -> bool:
    """Whether tag characters at [start, end) spell a subdivision flag (🏴 + tags + cancel)."""
    run = reply[start:end]
    return (
        start > 0
        and reply[start - 1] == _BLACK_FLAG
        and run.endswith(_CANCEL_TAG)
        and 3 <= len(run) <= 8
        and all(0xE0030 <= ord(ch) <= 0xE007A for ch in run[:-1])
    )


def _invisibles(reply: str, spans: list[_Span]) -> None:
    """Spans for the invisible characters that hide something: tag characters (but a flag's)
    and the words with an invisible character between their letters (but normal writing),
    masked whole. The others are dropped by `_apply` without a finding."""
    n = len(reply)
    tags = _TAGS.search(reply) is not None
    masked_to = 0  # the end of the last word masked: its other invisibles are inside it
    for m in INVISIBLE.finditer(reply):
        start, end = m.span()
        if start < masked_to:
            continue
        inside = start > 0 and end < n and _word_char(reply[start - 1]) and _word_char(reply[end])
        if tags and _hidden_tags(reply, start, end):
            kind = "tag_characters"
        elif inside and not _normal_inside_word(m.group(), reply[start - 1], reply[end]):
            kind = "invisible_in_word"
        else:
            continue
        if inside:
            start, masked_to = _word_bounds(reply, start, end)
            end = masked_to
        spans.append((start, end, kind, " "))


def _hidden_tags(reply: str, start: int, end: int) -> bool:
    return _TAGS.search(reply, start, end) is not None and not _flag_tags(reply, start, end)


def _word_bounds(reply: str, start: int, end: int) -> tuple[int, int]:
    """The whole word around an invisible run: its letters and any other invisibles."""
    lo = start
    while lo > 0 and (_word_char(reply[lo - 1]) or INVISIBLE_CHARACTER.match(reply[lo - 1])):
        lo -= 1
    hi = end
    n = len(reply)
    while hi < n and (_word_char(reply[hi]) or INVISIBLE_CHARACTER.match(reply[hi])):
        hi += 1
    return lo, hi
