"""The versions of an assessment and what changed between any two of them.

Every save is kept as a version (workspace.store_version); versions are never written again, so
the version that was approved stays exactly as approved. The diff is the core's diff_assessments
(elements matched by their stable ids), grouped by section of the template, each change with the
label of its field, the element it concerns (item, threat, risk form) and readable values.
"""

from __future__ import annotations

import dataclasses
import difflib
import enum
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from django.db.models import QuerySet
from django.db.models.fields.json import KT

from bolvaerk.adapters.db.models import AssessmentRecord, AssessmentVersion
from bolvaerk.adapters.file import decode
from bolvaerk.content.labels import template_labels
from bolvaerk.content.messages import field_labels
from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.dates import format_dk_date
from bolvaerk.domain.diff import Change, ChangeKind, diff_assessments, show
from bolvaerk.domain.enums import (
    Activity,
    ApplicationReason,
    FacilityStatus,
    LifecycleState,
    MajorChange,
)
from bolvaerk.domain.risk_forms import Measure
from bolvaerk.services.access import NotFound

APPROVED = LifecycleState.APPROVED.value
# Enum values shown with the template's own words (content/documents/labels.yaml prefixes).
_ENUM_LABELS: dict[type[enum.Enum], str] = {
    ApplicationReason: "reason",
    FacilityStatus: "status",
    Activity: "activity",
    MajorChange: "change",
}
_TOKEN = re.compile(r"\[([^\]]*)\]|([^.\[\]]+)")
_BRACKETS = re.compile(r"\[[^\]]*\]")
_RATINGS = ("consequence", "likelihood", "residual_consequence", "residual_likelihood")
# The key of an element of an id-less table, as domain/diff.py matches them.
_NATURAL_KEYS = {"TrafficRow": "ship_type", "Abbreviation": "abbreviation", "SummaryEdit": "form"}


# ---------------------------------------------------------------- the list of versions


def versions(record: AssessmentRecord) -> QuerySet[AssessmentVersion]:
    """Newest first, each with `state` (the lifecycle state at that version), without loading
    the documents themselves."""
    return (
        record.versions.select_related("created_by")
        .defer("document")
        .annotate(state=KT("document__meta__state"))
        .order_by("-number")
    )


def approved_number(record: AssessmentRecord) -> int | None:
    """The number of the version that was approved (frozen), if any. Approval is the last step
    of a record (nothing stores a version after it; renewal starts a new record), so it is the
    current version of an approved record: one row is read, not every version's document."""
    if record.state != APPROVED:
        return None
    number = record.current_version
    approved = record.versions.filter(number=number, document__meta__state=APPROVED).exists()
    return number if approved else None


class NoSuchVersion(NotFound):
    """The record has no version of that number (the web names the field and the range)."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


def version_of(record: AssessmentRecord, number: int) -> Assessment:
    """The assessment as it was saved in version `number` (decoded once per process)."""
    found = record.versions.filter(number=number).values_list("pk", "created_at").first()
    if found is None:
        raise NoSuchVersion(number)
    return _decoded(found)


@lru_cache(maxsize=8)
def _decoded(key: tuple[int, datetime]) -> Assessment:
    # versions never change, so the row id and creation time identify the decoded value
    document = AssessmentVersion.objects.values_list("document", flat=True).get(pk=key[0])
    return decode(Assessment, document)


# ---------------------------------------------------------------- the diff


class Topic(enum.StrEnum):
    """What kind of change, for the reader: the words of the issue."""

    ITEM = "item"  # section 5 items
    CROSS = "cross"  # a risk form added or removed, or moved to another item or threat
    RATING = "rating"  # consequence or likelihood, before or after measures
    MEASURE = "measure"  # existing or proposed measures
    TEXT = "text"  # a text field
    FIELD = "field"  # any other value


@dataclass(frozen=True, slots=True)
class MeasureLine:
    text: str
    status: str  # kept | added | removed


@dataclass(frozen=True, slots=True)
class DiffEntry:
    kind: ChangeKind
    topic: Topic
    path: str  # the core's path, with ids: sections.7.forms[form-001].likelihood
    section: str  # front, meta, 1-8, port, annexes
    field_key: str  # the path without ids: sections.7.forms.likelihood
    field: str  # its label, "" when content has none
    element: str  # the element concerned (item, threat, "3: item / threat"), "" for none
    element_id: str  # its id, for a link to its page
    old: str
    new: str
    measures: tuple[MeasureLine, ...] = ()  # for measure lists: line by line


@dataclass(frozen=True, slots=True)
class DiffGroup:
    section: str
    title: str  # "" for meta (the web names it)
    entries: tuple[DiffEntry, ...]


@dataclass(frozen=True, slots=True)
class VersionDiff:
    old_number: int
    new_number: int
    groups: tuple[DiffGroup, ...]

    @property
    def count(self) -> int:
        return sum(len(group.entries) for group in self.groups)

    def topics(self) -> dict[str, int]:
        counts = {topic.value: 0 for topic in Topic}
        for group in self.groups:
            for entry in group.entries:
                counts[entry.topic.value] += 1
        return counts


SECTION_ORDER = ("meta", "front", "1", "2", "3", "4", "port", "5", "6", "7", "8", "annexes")
_HEADINGS = {
    "front": "front.heading",
    "1": "s1.heading",
    "2": "s2.heading.{kind}",
    "3": "s3.heading",
    "4": "s4.heading",
    "port": "psa.heading",
    "5": "s5.heading.{kind}",
    "6": "s6.heading",
    "7": "s7.heading",
    "8": "s8.heading",
    "annexes": "annex.heading",
}


def section_title(section: str, kind: str, lang: str) -> str:
    """The template's heading of a section, numbered: "7 Risikovurdering af ..."."""
    key = _HEADINGS.get(section)
    if key is None:
        return ""
    text = template_labels()[key.format(kind=kind)]
    heading = text.get(lang, text["da"])
    return heading if section in {"front", "port", "annexes"} else f"{section} {heading}"


def diff_versions(
    record: AssessmentRecord, old_number: int, new_number: int, lang: str
) -> VersionDiff:
    old, new = version_of(record, old_number), version_of(record, new_number)
    return VersionDiff(old_number, new_number, describe(old, new, lang))


def describe(old: Assessment, new: Assessment, lang: str) -> tuple[DiffGroup, ...]:
    """The changes from old to new, grouped by section in the template's order."""
    reader = _Reader(old, new, lang)
    grouped: dict[str, list[DiffEntry]] = {}
    for change in diff_assessments(old, new):
        entry = reader.entry(change)
        grouped.setdefault(entry.section, []).append(entry)
    kind = new.kind.value
    return tuple(
        DiffGroup(key, section_title(key, kind, lang), tuple(grouped[key]))
        for key in SECTION_ORDER
        if key in grouped
    )


def section_of(path: str) -> str:
    head, _, rest = path.partition(".")
    head = _BRACKETS.sub("", head)
    if head == "front_page":
        return "front"
    if head == "sections":
        return rest.split(".", 1)[0]
    if head in {"port", "annexes"}:
        return head
    return "meta"


def field_label(field_key: str, lang: str) -> str:
    """The label of a field path without ids (messages/fields.yaml), or of its nearest parent."""
    labels = field_labels()
    key = field_key
    while key:
        if key in labels:
            return labels[key].get(lang, labels[key]["da"])
        key = key.rpartition(".")[0]
    return ""


class _Reader:
    """Turns the core's changes into entries a PFSO reads: labels, names, shown values."""

    def __init__(self, old: Assessment, new: Assessment, lang: str) -> None:
        self.old, self.new, self.lang = old, new, lang
        self.index: dict[int, dict[str, object]] = {}  # id(tuple) -> key -> element
        self.items = {i.id: i.name for a in (old, new) for i in a.sections.assets.items}
        self.threats = {t.id: t.name for a in (old, new) for t in a.sections.threats.threats}

    def entry(self, change: Change) -> DiffEntry:
        tokens = _TOKEN.findall(change.path)
        field_key = _BRACKETS.sub("", change.path)
        before, after = self.value(self.old, tokens), self.value(self.new, tokens)
        element_id, element = self.element(tokens, change.label)
        topic = _topic(change, tokens, before, after)
        whole = change.kind is not ChangeKind.CHANGED and tokens[-1][0] != ""
        return DiffEntry(
            kind=change.kind,
            topic=topic,
            path=change.path,
            section=section_of(change.path),
            field_key=field_key,
            field=field_label(field_key, self.lang),
            element=element,
            element_id=element_id,
            old=element if whole and change.kind is ChangeKind.REMOVED else self.shown(before),
            new=element if whole and change.kind is ChangeKind.ADDED else self.shown(after),
            measures=_measure_lines(before, after) if topic is Topic.MEASURE else (),
        )

    def value(self, root: Assessment, tokens: list[tuple[str, str]]) -> object:
        value: object = root
        for key, name in tokens:
            if key:  # a [key] of a table
                if not isinstance(value, tuple):
                    return _MISSING
                value = self._element(value, key)
            elif dataclasses.is_dataclass(value) and not isinstance(value, type):
                value = _field(value, name)
            else:
                return _MISSING
            if value is _MISSING:
                return _MISSING
        return value

    def _element(self, table: tuple[object, ...], key: str) -> object:
        found = self.index.get(id(table))
        if found is None:
            found = {_key_of(v): v for v in table}
            self.index[id(table)] = found
        return found.get(key, _MISSING)

    def element(self, tokens: list[tuple[str, str]], label: str) -> tuple[str, str]:
        """The id and name of the (first) table element the path goes through."""
        names = [name for _, name in tokens]
        keys = [key for key, _ in tokens if key]
        if not keys:
            return "", ""
        key = keys[0]
        if names[:3] == ["sections", "7", "forms"]:
            form = self.value(self.new, tokens[:4])
            if form is _MISSING:
                form = self.value(self.old, tokens[:4])
            number = getattr(form, "number", "")
            item = self.items.get(str(getattr(form, "item", "")), "")
            threat = self.threats.get(str(getattr(form, "threat", "")), "")
            return key, f"{number}: {item} / {threat}"
        if names[:3] == ["sections", "5", "items"]:
            return key, self.items.get(key, label or key)
        if names[:3] == ["sections", "6", "threats"]:
            return key, self.threats.get(key, label or key)
        return key, label or key

    def shown(self, value: object) -> str:
        if value is _MISSING or value is None:
            return ""
        if isinstance(value, bool):
            return self._label("doc.yes" if value else "doc.no")
        if isinstance(value, enum.Enum):
            prefix = _ENUM_LABELS.get(type(value))
            return self._label(f"{prefix}.{value.value}") if prefix else str(value.value)
        if isinstance(value, date):
            return format_dk_date(value)
        if isinstance(value, tuple) and value and isinstance(value[0], enum.Enum):
            return "; ".join(self.shown(v) for v in value)
        return show(value)

    def _label(self, key: str) -> str:
        text = template_labels().get(key)
        return key.rpartition(".")[2] if text is None else text.get(self.lang, text["da"])


_MISSING = object()


def _field(value: object, name: str) -> object:
    attribute = _attributes(value).get(name)
    return _MISSING if attribute is None else getattr(value, attribute)


_ATTRIBUTES: dict[type, dict[str, str]] = {}


def _attributes(value: object) -> dict[str, str]:
    """A dataclass's file keys (e.g. "7" for risk) -> attribute names, once per class."""
    kind = type(value)
    found = _ATTRIBUTES.get(kind)
    if found is None:
        fields = dataclasses.fields(value)  # type: ignore[arg-type]
        found = _ATTRIBUTES[kind] = {f.metadata.get("key", f.name): f.name for f in fields}
    return found


def _key_of(value: object) -> str:
    return str(getattr(value, _NATURAL_KEYS.get(type(value).__name__, "id"), ""))


def _topic(change: Change, tokens: list[tuple[str, str]], before: object, after: object) -> Topic:
    names = [name for _, name in tokens]
    if names[:3] == ["sections", "5", "items"]:
        return Topic.ITEM
    form_topic = _form_topic(names) if names[:3] == ["sections", "7", "forms"] else None
    if form_topic is not None:
        return form_topic
    if _is_measures(before) or _is_measures(after):
        return Topic.MEASURE
    if change.kind is ChangeKind.CHANGED and (isinstance(before, str) or isinstance(after, str)):
        return Topic.TEXT
    return Topic.FIELD


def _form_topic(names: list[str]) -> Topic | None:
    if len(names) == 4 or names[-1] in {"item", "threat"}:
        return Topic.CROSS
    if names[-1] in _RATINGS:
        return Topic.RATING
    if "existing_measures" in names or "proposed" in names:
        return Topic.MEASURE
    return None


def _is_measures(value: object) -> bool:
    return isinstance(value, tuple) and bool(value) and isinstance(value[0], Measure)


def _texts(value: object) -> list[str]:
    if isinstance(value, tuple):
        return [m.text for m in value if isinstance(m, Measure)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):  # ProposedMeasures
        return [text for f in dataclasses.fields(value) for text in _texts(getattr(value, f.name))]
    return []


def _measure_lines(before: object, after: object) -> tuple[MeasureLine, ...]:
    """The measures line by line: kept, removed (old text) and added (new text)."""
    old, new = _texts(before), _texts(after)
    lines: list[MeasureLine] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            lines.extend(MeasureLine(text, "kept") for text in old[i1:i2])
            continue
        lines.extend(MeasureLine(text, "removed") for text in old[i1:i2])
        lines.extend(MeasureLine(text, "added") for text in new[j1:j2])
    return tuple(lines)
