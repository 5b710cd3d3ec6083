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

from pathlib import Path

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, MappingEndEvent, SequenceEndEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

# The largest shipped file is 13 KB, has 640 values and nests 11 deep: the bounds leave room for
# far larger content and still read the worst document in milliseconds and a few megabytes.
MAX_BYTES = 1024 * 1024
MAX_VALUES = 20_000  # every scalar, list and mapping, counted again each time an alias names it
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
    """PyYAML's composer, counting as it goes: values (aliases counted at their full size),
    nesting depth (an alias adds the depth of what it names), digits of a number, and keys."""

    def __init__(self) -> None:
        super().__init__()
        self._values = 0
        self._depth = 0
        self._path: list = []  # where the composer is, as field names and list indexes
        self._extent: dict[int, tuple[int, int]] = {}  # id(node) -> (values, depth) once whole

    def _count(self, values: int, line: int) -> None:
        self._values += values
        if self._values > MAX_VALUES:
            raise YAMLProblem(
                line,
                f"more than {MAX_VALUES:,} values once aliases are expanded (a content file "
                "needs far fewer); write repeated values out instead of nesting aliases",
            )

    def _too_deep(self, line: int) -> YAMLProblem:
        return YAMLProblem(
            line, f"nested more than {MAX_DEPTH} levels deep (a content file needs far fewer)"
        )

    def compose_node(self, parent: Node | None, index: object) -> Node:
        event = self.peek_event()
        line = _line(event)
        if isinstance(event, AliasEvent):
            node = super().compose_node(parent, index)  # raises for an undefined alias
            extent = self._extent.get(id(node))
            if extent is None:  # named while it is still being written: it contains itself
                raise YAMLProblem(
                    line,
                    f"alias *{event.anchor} stands inside the value it names, so that value "
                    "would never end",
                )
            values, depth = extent
            if self._depth + depth > MAX_DEPTH:
                raise self._too_deep(line)
            self._count(values, line)
            return node
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise self._too_deep(line)
        self._count(1, line)
        node = super().compose_node(parent, index)
        self._depth -= 1
        if isinstance(node, MappingNode):
            children = [child for pair in node.value for child in pair]
        else:
            children = node.value if isinstance(node, SequenceNode) else []
        extents = [self._extent[id(child)] for child in children]
        self._extent[id(node)] = (
            1 + sum(values for values, _ in extents),
            1 + max((depth for _, depth in extents), default=0),
        )
        return node

    def compose_scalar_node(self, anchor: str | None) -> ScalarNode:
        event = self.peek_event()
        if len(event.value) > MAX_NUMBER_CHARS:
            tag = event.tag
            if tag is None or tag == "!":
                tag = self.resolve(ScalarNode, event.value, event.implicit)
            # Turning a string of 100,000 digits into a number takes seconds, or fails.
            if tag in NUMBER_TAGS:
                raise YAMLProblem(
                    _line(event),
                    f"a number of {len(event.value):,} characters (at most {MAX_NUMBER_CHARS}); "
                    "write it shorter",
                )
        return super().compose_scalar_node(anchor)

    def compose_sequence_node(self, anchor: str | None) -> SequenceNode:
        start = self.get_event()
        tag = start.tag
        if tag is None or tag == "!":
            tag = self.resolve(SequenceNode, None, start.implicit)
        node = SequenceNode(tag, [], start.start_mark, None, flow_style=start.flow_style)
        if anchor is not None:
            self.anchors[anchor] = node
        while not self.check_event(SequenceEndEvent):
            self._path.append(len(node.value))
            node.value.append(self.compose_node(node, len(node.value)))
            self._path.pop()
        node.end_mark = self.get_event().end_mark
        return node

    def compose_mapping_node(self, anchor: str | None) -> MappingNode:
        start = self.get_event()
        tag = start.tag
        if tag is None or tag == "!":
            tag = self.resolve(MappingNode, None, start.implicit)
        node = MappingNode(tag, [], start.start_mark, None, flow_style=start.flow_style)
        if anchor is not None:
            self.anchors[anchor] = node
        seen: dict[tuple[str, str], int] = {}
        while not self.check_event(MappingEndEvent):
            key = self.compose_node(node, None)
            name = key.value if isinstance(key, ScalarNode) else "(key)"
            self._path.append(name)
            if isinstance(key, ScalarNode):
                identity, line = (key.tag, key.value), _line(key)
                if identity in seen:
                    field = ".".join(str(part) for part in self._path)
                    lines = (
                        f"lines {seen[identity]} and {line}"
                        if seen[identity] != line
                        else f"line {line}"
                    )
                    raise YAMLProblem(
                        line, f"{field}: written twice in one mapping, on {lines}; keep one"
                    )
                seen[identity] = line
            node.value.append((key, self.compose_node(node, key)))
            self._path.pop()
        node.end_mark = self.get_event().end_mark
        return node


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
        """libyaml's parser (about nine times faster), under the bounds: the composer comes
        before CParser, so libyaml's own composer, which has none, is never used."""

        def __init__(self, text: str):
            CParser.__init__(self, text)
            BoundedComposer.__init__(self)
            BoundedConstructor.__init__(self)
            Resolver.__init__(self)


LOADER = CBoundedLoader or PythonBoundedLoader


def _too_large(size: int) -> YAMLProblem:
    return YAMLProblem(1, f"file too large: {size:,} bytes (at most {MAX_BYTES:,})")


def read_text(path: Path) -> str:
    """The text of a content file, refused unread past MAX_BYTES. Raises OSError,
    UnicodeDecodeError, or YAMLProblem for a file too large."""
    with path.open("rb") as file:
        data = file.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise _too_large(max(len(data), path.stat().st_size))
    return data.decode("utf-8")


def _utf8_size(text: str) -> int:
    # Counted a slice at a time: a pasted text many times too large is never copied whole.
    step = 1 << 16
    return sum(
        len(text[i : i + step].encode("utf-8", "surrogatepass")) for i in range(0, len(text), step)
    )


def read_yaml(text: str) -> tuple[Node | None, object]:
    """The document's node tree (for line numbers) and its value; (None, None) when empty.
    Raises YAMLProblem, with the line and what is wrong, for text that is not YAML or goes past a
    bound."""
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
