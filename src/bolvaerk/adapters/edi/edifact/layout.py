"""Declarative message layouts: which segment carries which field, used both ways.

A layout lists top-level segments and groups (a trigger segment followed by member segments;
one group per list item or per optional record). A segment spec matches a segment when all
its constants match; its items map positions (element, component) to tree paths. Writing and
reading walk the same specs, so a layout is lossless by construction, and reading is strict:
an unknown segment, a repeated one, a repetition or a value in a position the layout does not
use is an error naming the segment, never silently dropped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from bolvaerk.adapters.edi.edifact.syntax import Segment
from bolvaerk.adapters.edi.errors import EdiFormatError
from bolvaerk.adapters.edi.tree import Tree

CHUNK = 512  # an..512: the length of a free-text component (C108 4440)
_DATE = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})")
_DATETIME = re.compile(
    r"([0-9]{4})([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{2})([+-][0-9]{2})([0-9]{2})"
)
_NUMBER = re.compile(r"-?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)")
_INTEGER = re.compile(r"-?[0-9]+")
BOOLEANS = {"true": "Y", "false": "N"}
_RUN = 1 << 30  # "every component from here on" (a free-text chunk run)
_SHAPES = 64  # component-count shapes remembered per segment spec


@dataclass(frozen=True, slots=True)
class Item:
    element: int
    component: int
    path: str  # tree path relative to the scope, e.g. ship.imo_number
    kind: str = "text"  # text, chunks, date, datetime, decimal, int, bool, code
    codes: Mapping[str, str] | None = None  # kind code: tree value -> EDIFACT code
    unit: str = ""  # written in the next component when there is a value (C223 7106:6411)
    # derived once (read per value of every message): the path's names, the codes reversed
    names: tuple[str, ...] = field(init=False, default=())
    decoded: Mapping[str, str] | None = field(init=False, default=None, compare=False)
    plain: bool = field(init=False, default=False)  # read as it is (text, chunks)

    def __post_init__(self) -> None:
        object.__setattr__(self, "names", tuple(self.path.split(".")))
        object.__setattr__(self, "plain", self.kind in ("text", "chunks"))
        if self.codes is not None:
            decoded = {code: key for key, code in self.codes.items()}
            object.__setattr__(self, "decoded", decoded)


@dataclass(frozen=True, slots=True)
class Seg:
    tag: str
    consts: tuple[tuple[int, int, str], ...]  # (element, component, value) that identify it
    items: tuple[Item, ...] = ()
    # derived once: the positions the spec uses, and where free text runs on (chunks)
    allowed: frozenset[tuple[int, int]] = field(init=False, default=frozenset())
    chunks: tuple[tuple[int, int], ...] = field(init=False, default=())
    # per element, how many leading components are all allowed (a chunk run: all from its
    # start): a segment whose values lie within them needs no cell-by-cell check
    open_width: tuple[int, ...] = field(init=False, default=())
    # by the component counts of a segment: the (element, first component) whose values lie
    # outside the open widths and must be empty (filled as segments come; a few shapes each)
    outside: dict[tuple[int, ...], tuple[tuple[int, int], ...]] = field(
        init=False, default_factory=dict, compare=False
    )
    # the items as reading needs them (see _planned)
    plan: tuple[tuple[int, int, bool, bool, str, str | None, Item], ...] = field(init=False)

    def __post_init__(self) -> None:
        cells = [(e, c) for e, c, _ in self.consts] + [(i.element, i.component) for i in self.items]
        units = [(i.element, i.component + 1) for i in self.items if i.unit]
        allowed = frozenset(cells + units)
        object.__setattr__(self, "allowed", allowed)
        chunks = tuple((i.element, i.component) for i in self.items if i.kind == "chunks")
        object.__setattr__(self, "chunks", chunks)
        widths: list[int] = []
        for e in range(max((e for e, _ in allowed), default=-1) + 1):
            width = 0
            while (e, width) in allowed and not any(e == ce and width >= cc for ce, cc in chunks):
                width += 1
            runs = any(e == ce and width >= cc for ce, cc in chunks)
            widths.append(_RUN if runs else width)
        object.__setattr__(self, "open_width", tuple(widths))
        plan = tuple(_planned(i) for i in self.items)
        object.__setattr__(self, "plan", plan)


def _planned(i: Item) -> tuple[int, int, bool, bool, str, str | None, Item]:
    name = i.names[0] if len(i.names) == 1 else None
    return (i.element, i.component, i.kind == "chunks", i.plain, i.unit, name, i)


@dataclass(frozen=True, slots=True)
class Group:
    path: str  # the list field (repeated) or record field of the scope
    repeated: bool
    trigger: Seg
    members: tuple[Seg, ...] = ()


@dataclass(frozen=True, slots=True)
class Layout:
    message: tuple[str, str, str, str]  # UNH S009: type, version, release, agency
    association: str  # UNH 0057 prefix; the layout version follows it, e.g. BVSEC + 1
    top: tuple[Seg, ...]
    groups: tuple[Group, ...] = ()


def _get(tree: Tree, path: str) -> Any:  # noqa: ANN401 - str, Tree or list
    node: Any = tree
    for name in path.split("."):
        if not isinstance(node, dict) or name not in node:
            return None
        node = node[name]
    return node


def _put(tree: Tree, names: tuple[str, ...], value: object) -> None:
    *parents, last = names
    node = tree
    for name in parents:
        node = node.setdefault(name, {})
    node[last] = value


def _to_edifact(item: Item, value: str) -> list[str]:
    if item.kind == "chunks":
        return [value[i : i + CHUNK] for i in range(0, len(value), CHUNK)]
    if item.kind == "date":
        return [value.replace("-", "")]
    if item.kind == "datetime":
        stamp, offset = value[:19], value[19:]
        digits = stamp.replace("-", "").replace("T", "").replace(":", "")
        return [digits + ("+0000" if offset == "Z" else offset.replace(":", ""))]
    if item.kind == "bool":
        return [BOOLEANS[value]]
    if item.kind == "code" and item.codes is not None:
        return [item.codes[value]]
    return [value]


def _from_edifact(item: Item, value: str) -> str | None:  # noqa: PLR0911 - one per kind
    """The tree value of an EDIFACT value; None if it does not fit the item's kind."""
    kind = item.kind
    if kind == "date":
        match = _DATE.fullmatch(value)
        return "-".join(match.groups()) if match else None
    if kind == "datetime":
        match = _DATETIME.fullmatch(value)
        if not match:
            return None
        y, mo, d, h, mi, s, oh, om = match.groups()
        return f"{y}-{mo}-{d}T{h}:{mi}:{s}{oh}:{om}"
    if kind == "decimal":
        # either decimal mark is allowed whatever UNA advises (ISO 9735-1 10.1)
        return value.replace(",", ".") if _NUMBER.fullmatch(value) else None
    if kind == "int":
        return value if _INTEGER.fullmatch(value) else None
    if kind == "bool":
        return {"Y": "true", "N": "false"}.get(value)
    if kind == "code" and item.decoded is not None:
        return item.decoded.get(value)
    return value


def build(seg: Seg, scope: Tree, *, force: bool = False) -> Segment | None:
    """The segment of a spec for a scope; None when it has nothing to say (and not forced)."""
    cells: dict[tuple[int, int], str] = {}
    for item in seg.items:
        value = _get(scope, item.path)
        if value is None or value == "":
            continue
        for offset, part in enumerate(_to_edifact(item, value)):
            cells[(item.element, item.component + offset)] = part
        if item.unit:
            cells[(item.element, item.component + 1)] = item.unit
    if not cells and not force:
        return None
    for element, component, const in seg.consts:
        cells[(element, component)] = const
    width = max((e for e, _ in cells), default=-1) + 1
    elements: list[list[str]] = [[] for _ in range(width)]
    for (element, component), value in sorted(cells.items()):
        row = elements[element]
        row.extend([""] * (component - len(row)))
        row.append(value)
    return Segment(seg.tag, elements)


def write(layout: Layout, tree: Tree) -> list[Segment]:
    segments = [s for seg in layout.top if (s := build(seg, tree)) is not None]
    for group in layout.groups:
        value = _get(tree, group.path)
        items = value if group.repeated else [value]
        for item in items or []:
            if item is None:
                continue
            segments.append(
                build(group.trigger, item, force=True) or Segment(group.trigger.tag, [])
            )
            segments.extend(s for seg in group.members if (s := build(seg, item)) is not None)
    return segments


def _fail(code: str, segment: Segment, **params: object) -> EdiFormatError:
    return EdiFormatError(
        code, segment=segment.number, tag=segment.tag, position=segment.position, **params
    )


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class _Choice(Generic[T]):
    """The specs of one tag (with what each stands for), narrowed by the segment's first value,
    the qualifier; in order, so the first whose constants all match wins, as ever."""

    by_qualifier: dict[str, tuple[tuple[Seg, T], ...]]
    others: tuple[tuple[Seg, T], ...]  # the specs without a constant first value

    @classmethod
    def of(cls, entries: list[tuple[Seg, T]]) -> _Choice[T]:
        firsts = [_first_const(spec) for spec, _ in entries]
        by_qualifier = {
            value: tuple(
                e for e, first in zip(entries, firsts, strict=True) if first in (None, value)
            )
            for value in firsts
            if value is not None
        }
        others = tuple(e for e, first in zip(entries, firsts, strict=True) if first is None)
        return cls(by_qualifier, others)

    def pick(self, segment: Segment) -> tuple[Seg, T] | None:
        elements = segment.elements
        first = elements[0][0] if elements and elements[0] else None
        entries = self.others if first is None else self.by_qualifier.get(first, self.others)
        for entry in entries:
            for e, c, value in entry[0].consts:
                if e >= len(elements) or c >= len(elements[e]) or elements[e][c] != value:
                    break
            else:
                return entry
        return None


def _first_const(spec: Seg) -> str | None:
    return next((value for e, c, value in spec.consts if e == 0 and c == 0), None)


@dataclass(frozen=True, slots=True)
class _Index:
    """The specs of a layout by tag, so that a segment is compared with its own kind only."""

    top: dict[str, _Choice[Seg]]
    triggers: dict[str, _Choice[Group]]
    members: dict[int, dict[str, _Choice[Seg]]]  # id(group) -> tag -> specs


_INDEXES: dict[int, _Index] = {}


def _by_tag(entries: list[tuple[Seg, T]]) -> dict[str, _Choice[T]]:
    tags: dict[str, list[tuple[Seg, T]]] = {}
    for entry in entries:
        tags.setdefault(entry[0].tag, []).append(entry)
    return {tag: _Choice.of(listed) for tag, listed in tags.items()}


def _index(layout: Layout) -> _Index:
    known = _INDEXES.get(id(layout))
    if known is None:
        known = _INDEXES[id(layout)] = _Index(
            top=_by_tag([(spec, spec) for spec in layout.top]),
            triggers=_by_tag([(group.trigger, group) for group in layout.groups]),
            members={
                id(group): _by_tag([(spec, spec) for spec in group.members])
                for group in layout.groups
            },
        )
    return known


def _apply(spec: Seg, segment: Segment, scope: Tree) -> None:
    elements = segment.elements
    # a quick look first: values only where the spec's leading open components are
    counts = tuple(map(len, elements))
    outside = spec.outside.get(counts)
    if outside is None:
        outside = _outside(spec, counts)
    for e, c in outside:
        if any(elements[e][c:]):
            _check_cells(spec, segment)
            break
    for e, c, chunks, plain, unit, name, item in spec.plan:
        row = elements[e] if e < len(elements) else ()
        value = "".join(row[c:]) if chunks else (row[c] if c < len(row) else "")
        if not value:
            continue
        converted = value if plain else _from_edifact(item, value)
        if unit and (row[c + 1] if c + 1 < len(row) else "") != unit:
            converted = None
        if converted is None:
            raise _fail(
                "EDIFACT-VALUE",
                segment,
                element=e + 1,
                component=c + 1,
                value=value[:40],
                expected=item.kind,
            )
        if name is not None:
            scope[name] = converted
        else:
            _put(scope, item.names, converted)


def _outside(spec: Seg, counts: tuple[int, ...]) -> tuple[tuple[int, int], ...]:
    widths = spec.open_width
    outside = tuple(
        (e, widths[e] if e < len(widths) else 0)
        for e, count in enumerate(counts)
        if count > (widths[e] if e < len(widths) else 0)
    )
    if len(spec.outside) < _SHAPES:  # bounded: the shapes come from the input
        spec.outside[counts] = outside
    return outside


def _check_cells(spec: Seg, segment: Segment) -> None:
    """Every value in a position the spec uses (or in a free-text chunk run)."""
    allowed, chunks = spec.allowed, spec.chunks
    for e, components in enumerate(segment.elements):
        for c, value in enumerate(components):
            if (
                value
                and (e, c) not in allowed
                and not any(e == ce and c >= cc for ce, cc in chunks)
            ):
                raise _fail("EDIFACT-EXTRA", segment, element=e + 1, component=c + 1)


def _open(tree: Tree, group: Group, segment: Segment) -> Tree:
    scope: Tree = {}
    if group.repeated:
        tree.setdefault(group.path, []).append(scope)
    elif group.path in tree:
        raise _fail("EDIFACT-REPEATED", segment)
    else:
        tree[group.path] = scope
    return scope


def read(layout: Layout, segments: list[Segment]) -> Tree:
    """The tree of a message's segments (between UNH and UNT) by its layout."""
    index = _index(layout)
    triggers, top = index.triggers, index.top
    tree: Tree = {}
    top_seen: set[int] = set()
    members: dict[str, _Choice[Seg]] | None = None  # the open group's member specs by tag
    scope, group_seen = tree, set[int]()
    for segment in segments:
        if segment.repeats:
            raise _fail("EDIFACT-REPETITION", segment)
        tag = segment.tag
        if members is not None:
            choice = members.get(tag)
            member = choice.pick(segment) if choice is not None else None
            if member is not None:
                spec = member[0]
                if id(spec) in group_seen:
                    raise _fail("EDIFACT-REPEATED", segment)
                group_seen.add(id(spec))
                _apply(spec, segment, scope)
                continue
        trigger = triggers.get(tag)
        opened = trigger.pick(segment) if trigger is not None else None
        if opened is not None:
            spec, group = opened
            members = index.members[id(group)]
            scope, group_seen = _open(tree, group, segment), set()
            _apply(spec, segment, scope)
            continue
        members = None  # a segment outside the open group closes it
        choice = top.get(tag)
        found = choice.pick(segment) if choice is not None else None
        if found is None:
            raise _fail("EDIFACT-UNEXPECTED", segment)
        spec = found[0]
        if id(spec) in top_seen:
            raise _fail("EDIFACT-REPEATED", segment)
        top_seen.add(id(spec))
        _apply(spec, segment, tree)
    return tree
