"""Content YAML read within bounds, so that no file or pasted text can take the app's time,
memory or stack.

A content file is a few kilobytes. YAML lets a few kilobytes say far more: nine lines of aliases
stand for a billion values ("billion laughs"), an alias may name the value it stands in (a loop
without end), brackets may nest a hundred thousand deep (libyaml's composer then overflows the
C stack and kills the process), a number may have a hundred thousand digits. Each is refused
where it is written, as is a key written twice in one mapping, which a YAML loader otherwise
settles silently in favour of the last.

The bounds are checked while the document is composed from the parser's events, before any
value is built and before anything walks the document: libyaml (when PyYAML has it) only
tokenizes and parses, the composing is done here, so the bounds hold the same with either
parser.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml
from yaml.composer import Composer, ComposerError
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

# The largest shipped file is 13 KB, has 640 values and nests 11 deep: the bounds leave room for
# far larger content, and the worst document they let through is read in a fraction of a second
# within a few megabytes (benchmarks/content_bounds.py).
MAX_BYTES = 1024 * 1024
MAX_VALUES = 10_000  # every scalar, list and mapping, counted again each time an alias names it
MAX_DEPTH = 40
MAX_NUMBER_CHARS = 50
NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")


class YAMLProblem(Exception):
    """Raised when text is not YAML, or is YAML past one of the bounds; `line` is 1-based."""

    def __init__(self, line: int, message: str):
        self.line = line
        self.message = message
        super().__init__(f"line {line}: {message}")


def _line(event_or_node) -> int:
    return event_or_node.start_mark.line + 1


def _shown(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else f"{value[:limit]}..."


class BoundedComposer(Composer):
    """PyYAML's composer, counting as it goes: values (an alias counts every value it stands
    for), nesting depth (an alias adds the depth of what it names), the characters of a number,
    and the keys of each mapping. Path resolvers (`yaml.add_path_resolver`) are not used."""

    def __init__(self) -> None:
        super().__init__()
        self._values = 0
        self._depth = 0
        self._path: list = []  # where the composer is, as field names and list indexes
        self._extent: dict[str, tuple[int, int]] = {}  # anchor -> (values, depth), once whole

    def compose_document(self) -> Node:
        self.get_event()  # DOCUMENT-START
        node = self._compose()[0]
        self.get_event()  # DOCUMENT-END
        self.anchors, self._extent = {}, {}
        return node

    def compose_node(self, parent: Node | None, index: object) -> Node:
        return self._compose()[0]

    def _count(self, values: int, event) -> None:
        self._values += values
        if self._values > MAX_VALUES:
            raise YAMLProblem(
                _line(event),
                f"more than {MAX_VALUES:,} values once aliases are expanded (a content file "
                "needs far fewer); write repeated values out instead of nesting aliases",
            )

    def _too_deep(self, event) -> YAMLProblem:
        return YAMLProblem(
            _line(event),
            f"nested more than {MAX_DEPTH} levels deep (a content file needs far fewer)",
        )

    def _compose(self) -> tuple[Node, int, int]:
        """The next node, the values it holds with its aliases expanded, and its depth."""
        event = self.peek_event()
        kind = type(event)
        if kind is AliasEvent:
            return self._alias(self.get_event())
        anchor = event.anchor
        if anchor is not None and anchor in self.anchors:
            raise ComposerError(
                f"found duplicate anchor {anchor!r}; first occurrence",
                self.anchors[anchor].start_mark,
                "second occurrence",
                event.start_mark,
            )
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise self._too_deep(event)
        self._count(1, event)
        if kind is ScalarEvent:
            found = (self._scalar(anchor), 1, 1)
        elif kind is SequenceStartEvent:
            found = self._sequence(anchor)
        else:
            found = self._mapping(anchor)
        self._depth -= 1
        if anchor is not None:
            self._extent[anchor] = found[1:]
        return found

    def _alias(self, event) -> tuple[Node, int, int]:
        anchor = event.anchor
        if anchor not in self.anchors:
            raise ComposerError(None, None, f"found undefined alias {anchor!r}", event.start_mark)
        if anchor not in self._extent:  # named while it is still being written: it holds itself
            raise YAMLProblem(
                _line(event),
                f"alias *{anchor} stands inside the value it names, so that value would never end",
            )
        values, depth = self._extent[anchor]
        if self._depth + depth > MAX_DEPTH:
            raise self._too_deep(event)
        self._count(values, event)
        return self.anchors[anchor], values, depth

    def _scalar(self, anchor: str | None) -> ScalarNode:
        event = self.get_event()
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.resolve(ScalarNode, event.value, event.implicit)
        # Turning a string of 100,000 digits into a number takes seconds, or fails.
        if len(event.value) > MAX_NUMBER_CHARS and tag in NUMBER_TAGS:
            raise YAMLProblem(
                _line(event),
                f"a number of {len(event.value):,} characters (at most {MAX_NUMBER_CHARS}); "
                "write it shorter",
            )
        node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
        if anchor is not None:
            self.anchors[anchor] = node
        return node

    def _sequence(self, anchor: str | None) -> tuple[Node, int, int]:
        start = self.get_event()
        tag = start.tag
        if tag is None or tag == "!":
            tag = self.resolve(SequenceNode, None, start.implicit)
        node = SequenceNode(tag, [], start.start_mark, None, flow_style=start.flow_style)
        if anchor is not None:
            self.anchors[anchor] = node
        values, depth = 1, 0
        while not self.check_event(SequenceEndEvent):
            self._path.append(len(node.value))
            item, item_values, item_depth = self._compose()
            self._path.pop()
            node.value.append(item)
            values += item_values
            depth = max(depth, item_depth)
        node.end_mark = self.get_event().end_mark
        return node, values, depth + 1

    def _mapping(self, anchor: str | None) -> tuple[Node, int, int]:
        start = self.get_event()
        tag = start.tag
        if tag is None or tag == "!":
            tag = self.resolve(MappingNode, None, start.implicit)
        node = MappingNode(tag, [], start.start_mark, None, flow_style=start.flow_style)
        if anchor is not None:
            self.anchors[anchor] = node
        values, depth = 1, 0
        seen: dict[tuple[str, str], int] = {}  # (tag, text) of each key -> its line
        while not self.check_event(MappingEndEvent):
            key, key_values, key_depth = self._compose()
            self._path.append(key.value if isinstance(key, ScalarNode) else "(key)")
            if isinstance(key, ScalarNode):
                self._check_once(seen, key)
            value, value_values, value_depth = self._compose()
            self._path.pop()
            node.value.append((key, value))
            values += key_values + value_values
            depth = max(depth, key_depth, value_depth)
        node.end_mark = self.get_event().end_mark
        return node, values, depth + 1

    def _check_once(self, seen: dict[tuple[str, str], int], key: ScalarNode) -> None:
        """A key written twice: YAML forbids it, a YAML loader silently keeps the last one."""
        identity, line = (key.tag, key.value), _line(key)
        if identity in seen:
            first = seen[identity]
            lines = f"lines {first} and {line}" if first != line else f"line {line}"
            field = ".".join(str(part) for part in self._path)
            raise YAMLProblem(line, f"{field}: written twice in one mapping, on {lines}; keep one")
        seen[identity] = line


class BoundedConstructor(SafeConstructor):
    """PyYAML's safe constructor; a value it cannot convert (a 30th of February, `!!int abc`)
    is a YAMLProblem at its line, not a ValueError."""

    def construct_object(self, node: Node, deep: bool = False) -> object:
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError) as exc:
            kind = node.tag.rpartition(":")[2] or node.tag
            raise YAMLProblem(
                _line(node),
                f"not valid YAML: cannot read {_shown(str(node.value))} as a {kind} ({exc})",
            ) from exc


class PythonBoundedLoader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    BoundedComposer,
    BoundedConstructor,
    Resolver,
):
    """PyYAML's own parser, in Python, under the bounds."""

    def __init__(self, text: str):
        yaml.reader.Reader.__init__(self, text)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        BoundedComposer.__init__(self)
        BoundedConstructor.__init__(self)
        Resolver.__init__(self)


CBoundedLoader = None
if yaml.__with_libyaml__:
    from yaml._yaml import CParser

    class CBoundedLoader(BoundedComposer, CParser, BoundedConstructor, Resolver):
        """libyaml's parser (the shipped library reads about six times faster), under the
        bounds: the composer comes before CParser, so libyaml's own composer, which has none
        and overflows the C stack on deep nesting, is never used."""

        def __init__(self, text: str):
            CParser.__init__(self, text)
            BoundedComposer.__init__(self)
            BoundedConstructor.__init__(self)
            Resolver.__init__(self)


LOADER = CBoundedLoader or PythonBoundedLoader


def _too_large(size: int) -> YAMLProblem:
    return YAMLProblem(1, f"file too large: {size:,} bytes (at most {MAX_BYTES:,})")


def read_text(path: Path) -> str:
    """The text of a content file, refused past MAX_BYTES without reading the rest. Raises
    OSError, UnicodeDecodeError, or YAMLProblem for a file too large."""
    chunks: list[bytes] = []
    size = 0
    with path.open("rb") as file:
        # A chunk at a time: `read(MAX_BYTES + 1)` would set aside a megabyte for every file.
        while size <= MAX_BYTES and (chunk := file.read(64 * 1024)):
            chunks.append(chunk)
            size += len(chunk)
        if size > MAX_BYTES:
            raise _too_large(max(size, os.fstat(file.fileno()).st_size))
    return b"".join(chunks).decode("utf-8")


def _utf8_size(text: str) -> int:
    # Counted a slice at a time: a pasted text many times too large is never copied whole.
    step = 1 << 16
    return sum(
        len(text[i : i + step].encode("utf-8", "surrogatepass")) for i in range(0, len(text), step)
    )


def check_text(text: str) -> None:
    """Raises YAMLProblem for a text that no content file may hold: past MAX_BYTES, or with an
    unpaired surrogate (which cannot be written as UTF-8). Cheap; nothing is parsed."""
    size = _utf8_size(text)
    if size > MAX_BYTES:
        raise _too_large(size)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise YAMLProblem(
            text.count("\n", 0, exc.start) + 1,
            "not valid YAML: contains an unpaired UTF-16 surrogate, which no file can hold",
        ) from exc


def read_yaml(text: str) -> tuple[Node | None, object]:
    """The document's node tree (for line numbers) and its value; (None, None) when empty.
    Raises YAMLProblem, with the line and what is wrong, for text that is not YAML or goes past a
    bound."""
    check_text(text)
    loader = LOADER(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise YAMLProblem(mark.line + 1 if mark else 1, f"not valid YAML: {problem}") from exc
    finally:
        loader.dispose()
