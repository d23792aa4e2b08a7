"""Typed loading of the versioned content: risk models, the 6.1 threat catalogue, the 7.2.2
measure catalogue, the skemas 5.1-5.15 and the pick-lists (ship types of 2.3.1, police
districts, the R-2-02 map checklist, the ISPS B/18 competences).

Rules:
1. Every file is checked when it is loaded: an unknown or missing key, a missing language, an
   unknown colour or enum value, a missing matrix cell or a duplicate id or key raises
   ContentError naming the file and the key. Nothing half-checked reaches the domain.
2. Versioned content is addressed by a ref "name@version", or "name" for its latest version.
   Its file is named <name>@<version>.yaml and says the same name and version inside. User
   risk models (and catalogues) live in extra directories with the same format.
3. Text is {da, en}; the domain values get the text of one language (Danish by default, the
   language of the template), the rest stays available here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cache
from pathlib import Path
from types import MappingProxyType

from bolvaerk.content import CONTENT_DIR, LANGUAGES
from bolvaerk.content._checking import (
    At,
    Source,
    Text,
    check_lang,
    check_unique,
    choice,
    file_label,
    find_sources,
    flag,
    ident,
    mapping,
    provenance_of,
    read_document,
    record,
    resolve,
    sequence,
    sorted_refs,
    string,
    translated,
    translated_lists,
    versioned_head,
)
from bolvaerk.content.loading import ContentError
from bolvaerk.domain.enums import (
    AssetCategory,
    Colour,
    Consequence,
    Likelihood,
    MeasureType,
    Provenance,
)
from bolvaerk.domain.risk import Cell, MatrixCell, RiskModel
from bolvaerk.domain.threats import CatalogueThreat

RISK_MODELS_DIR = CONTENT_DIR / "risk_models"
THREATS_DIR = CONTENT_DIR / "threats"
MEASURES_DIR = CONTENT_DIR / "measures"
DEFAULT_RISK_MODEL = "ts-default@1"
DEFAULT_THREAT_CATALOGUE = "ts-threats@1"
DEFAULT_MEASURE_CATALOGUE = "ts-measures@1"

# ---------------------------------------------------------------- risk models


@dataclass(frozen=True, slots=True)
class LevelLabel:
    code: str  # as printed in the template: "1".."5" or "I".."V"
    label: str  # e.g. Alvorlig
    guidance: str  # what the level means; "" when the model gives no guidance


@dataclass(frozen=True, slots=True)
class RiskModelLabels:
    """A risk model's text in one language, for forms, documents and the CLI."""

    ref: str
    lang: str
    title: str
    note: str
    method_description: str  # 7.2.1: required for a model other than the template's
    consequence_title: str  # Konsekvens
    consequence_dimensions: str  # Personer, økonomi, miljø, anseelse
    likelihood_title: str  # Sandsynlighed
    likelihood_dimensions: str  # Motivation, evne, kompleksitet, resurser
    guidance_provenance: Provenance  # the level descriptions are our proposal until sourced
    consequence_levels: Mapping[Consequence, LevelLabel]  # in scale order 1..5
    likelihood_levels: Mapping[Likelihood, LevelLabel]  # in scale order I..V
    colours: Mapping[Colour, str]

    def consequence(self, level: Consequence) -> str:
        return self.consequence_levels[level].label

    def likelihood(self, level: Likelihood) -> str:
        return self.likelihood_levels[level].label

    def colour(self, colour: Colour) -> str:
        return self.colours[colour]


@dataclass(frozen=True, slots=True)
class _Scale:
    title: Text
    dimensions: Text
    guidance_provenance: Provenance
    labels: Mapping[str, Text]  # level code -> label
    guidance: Mapping[str, Text]  # level code -> guidance, where given


@dataclass(frozen=True, slots=True)
class _ModelFile:
    source: Source
    provenance: Provenance
    is_default: bool
    title: Text
    note: Text | None
    method_description: Text | None
    acceptable: frozenset[Colour]
    cells: Mapping[Cell, MatrixCell]
    colour_labels: Mapping[Colour, Text] | None
    scales: tuple[_Scale, _Scale] | None  # consequence, likelihood


_CONSEQUENCE_CODES = tuple(str(int(level)) for level in Consequence)
_LIKELIHOOD_CODES = tuple(level.value for level in Likelihood)


def _cell(value: object, at: At, default: Provenance) -> MatrixCell:
    if not isinstance(value, dict):
        return MatrixCell(choice(Colour, value, at), default)
    fields = record(value, at, ("colour",), ("provenance", "basis"))
    if "basis" in fields:
        string(fields["basis"], at / "basis")
    return MatrixCell(
        choice(Colour, fields["colour"], at / "colour"), provenance_of(fields, at, default)
    )


def _matrix(value: object, at: At, default: Provenance) -> dict[Cell, MatrixCell]:
    """One row per likelihood, in a row consequence -> cell; every one of the 25 cells."""
    rows = record(value, at, _LIKELIHOOD_CODES)
    cells: dict[Cell, MatrixCell] = {}
    for likelihood in Likelihood:
        row_at = at / likelihood.value
        row = record(rows[likelihood.value], row_at, _CONSEQUENCE_CODES)
        for consequence in Consequence:
            code = str(int(consequence))
            cells[(consequence, likelihood)] = _cell(row[code], row_at / code, default)
    return cells


def _scale(value: object, at: At, codes: tuple[str, ...], default: Provenance) -> _Scale:
    fields = record(value, at, ("title", "dimensions", "levels"), ("guidance_provenance",))
    levels = record(fields["levels"], at / "levels", codes)
    labels: dict[str, Text] = {}
    guidance: dict[str, Text] = {}
    for code in codes:
        level_at = at / "levels" / code
        level = record(levels[code], level_at, ("label",), ("guidance",))
        labels[code] = translated(level["label"], level_at / "label")
        if "guidance" in level:
            guidance[code] = translated(level["guidance"], level_at / "guidance")
    provenance = default
    if "guidance_provenance" in fields:
        provenance = choice(Provenance, fields["guidance_provenance"], at / "guidance_provenance")
    return _Scale(
        title=translated(fields["title"], at / "title"),
        dimensions=translated(fields["dimensions"], at / "dimensions"),
        guidance_provenance=provenance,
        labels=labels,
        guidance=guidance,
    )


def _acceptable(value: object, at: At) -> frozenset[Colour]:
    colours = [choice(Colour, item, at / f"[{i}]") for i, item in enumerate(sequence(value, at))]
    if len(set(colours)) != len(colours):
        raise at.error("a colour is listed twice")
    return frozenset(colours)


def _read_model(source: Source) -> _ModelFile:
    document, at = read_document(source.path, builtin=source.builtin)
    optional = ("is_default", "note", "method_description", "colour_labels", "scales")
    fields, provenance = versioned_head(
        document, at, source, ("title", "acceptable", "matrix"), (*optional, "cell_provenance")
    )
    is_default = flag(fields.get("is_default", False), at / "is_default")
    if is_default and not source.builtin:
        raise (at / "is_default").error("only the template's own (built-in) model is the default")
    method = None
    if "method_description" in fields:
        method = translated(fields["method_description"], at / "method_description")
    elif not is_default:
        raise at.error("a model other than the template's needs a method_description (R-7-11)")
    cell_provenance = choice(
        Provenance, fields.get("cell_provenance", provenance), at / "cell_provenance"
    )
    colour_labels = None
    if "colour_labels" in fields:
        labels_at = at / "colour_labels"
        block = record(fields["colour_labels"], labels_at, tuple(colour.value for colour in Colour))
        colour_labels = {colour: translated(block[colour], labels_at / colour) for colour in Colour}
    scales = None
    if "scales" in fields:
        block = record(fields["scales"], at / "scales", ("consequence", "likelihood"))
        scales = (
            _scale(block["consequence"], at / "scales.consequence", _CONSEQUENCE_CODES, provenance),
            _scale(block["likelihood"], at / "scales.likelihood", _LIKELIHOOD_CODES, provenance),
        )
    return _ModelFile(
        source=source,
        provenance=provenance,
        is_default=is_default,
        title=translated(fields["title"], at / "title"),
        note=translated(fields["note"], at / "note") if "note" in fields else None,
        method_description=method,
        acceptable=_acceptable(fields["acceptable"], at / "acceptable"),
        cells=_matrix(fields["matrix"], at / "matrix", cell_provenance),
        colour_labels=colour_labels,
        scales=scales,
    )


def _model_file(ref: str, extra_dirs: tuple[Path, ...]) -> _ModelFile:
    return _read_model(resolve("risk model", RISK_MODELS_DIR, ref, extra_dirs))


def load_risk_model(ref: str, extra_dirs: tuple[Path, ...] = (), *, lang: str = "da") -> RiskModel:
    """The risk model `ref` ("ts-default@1", or "ts-default" for its latest version), looked up
    in the built-in models and then in extra_dirs; its method description in `lang`."""
    check_lang(lang)
    model = _model_file(ref, extra_dirs)
    return RiskModel(
        name=model.source.name,
        version=model.source.version,
        cells=model.cells,
        acceptable=model.acceptable,
        is_default=model.is_default,
        method_description=model.method_description[lang] if model.method_description else "",
        provenance=model.provenance,
    )


def list_risk_models(extra_dirs: tuple[Path, ...] = ()) -> list[str]:
    """Refs (name@version) of every risk model, built-in and in extra_dirs, sorted."""
    return sorted_refs(find_sources(RISK_MODELS_DIR, extra_dirs).values())


def risk_model_labels(ref: str, lang: str, extra_dirs: tuple[Path, ...] = ()) -> RiskModelLabels:
    """Scale labels, level guidance and colour names of a model in one language. A model
    without its own scales or colour names borrows those of the template's model."""
    check_lang(lang)
    model = _model_file(ref, extra_dirs)
    base = model
    if model.scales is None or model.colour_labels is None:
        base = _model_file(DEFAULT_RISK_MODEL, ())
    scales = model.scales or base.scales
    colour_labels = model.colour_labels or base.colour_labels
    if scales is None or colour_labels is None:
        raise ContentError(
            f"{file_label(base.source.path)}: the default model needs scales and colours"
        )
    consequence, likelihood = scales

    def levels(scale: _Scale, code: str) -> LevelLabel:
        guidance = scale.guidance.get(code)
        return LevelLabel(code, scale.labels[code][lang], guidance[lang] if guidance else "")

    return RiskModelLabels(
        ref=model.source.ref,
        lang=lang,
        title=model.title[lang],
        note=model.note[lang] if model.note else "",
        method_description=model.method_description[lang] if model.method_description else "",
        consequence_title=consequence.title[lang],
        consequence_dimensions=consequence.dimensions[lang],
        likelihood_title=likelihood.title[lang],
        likelihood_dimensions=likelihood.dimensions[lang],
        guidance_provenance=(
            consequence.guidance_provenance
            if consequence.guidance_provenance is likelihood.guidance_provenance
            else Provenance.PROPOSAL
        ),
        consequence_levels=MappingProxyType(
            {level: levels(consequence, str(int(level))) for level in Consequence}
        ),
        likelihood_levels=MappingProxyType(
            {level: levels(likelihood, level.value) for level in Likelihood}
        ),
        colours=MappingProxyType({colour: colour_labels[colour][lang] for colour in Colour}),
    )


# ---------------------------------------------------------------- threat catalogue (6.1)


@dataclass(frozen=True, slots=True)
class ThreatCatalogue:
    """The threats a new assessment's list 6.1 starts from. `threats` carry their Danish names
    (the template's language); `names` and `basis` hold every language by threat id."""

    name: str
    version: str
    provenance: Provenance
    title: Text
    note: Text
    threats: tuple[CatalogueThreat, ...]
    names: Mapping[str, Mapping[str, str]]  # language -> threat id -> name
    basis: Mapping[str, Mapping[str, str]]  # language -> threat id -> where the threat comes from

    @property
    def ref(self) -> str:
        return f"{self.name}@{self.version}"

    def threat_name(self, threat_id: str, lang: str) -> str:
        check_lang(lang)
        return self.names[lang][threat_id]

    def in_language(self, lang: str) -> tuple[CatalogueThreat, ...]:
        check_lang(lang)
        return tuple(replace(threat, name=self.names[lang][threat.id]) for threat in self.threats)

    def preprinted(self) -> tuple[CatalogueThreat, ...]:
        """The pre-printed threats every assessment must assess (R-6-01)."""
        return tuple(threat for threat in self.threats if threat.preprinted)

    def by_id(self) -> dict[str, CatalogueThreat]:
        return {threat.id: threat for threat in self.threats}


def load_threat_catalogue(
    ref: str = DEFAULT_THREAT_CATALOGUE, extra_dirs: tuple[Path, ...] = ()
) -> ThreatCatalogue:
    source = resolve("threat catalogue", THREATS_DIR, ref, extra_dirs)
    document, at = read_document(source.path, builtin=source.builtin)
    fields, provenance = versioned_head(document, at, source, ("title", "note", "threats"), ())
    threats: list[CatalogueThreat] = []
    names: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
    basis: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
    for index, value in enumerate(sequence(fields["threats"], at / "threats")):
        entry_at = at / "threats" / f"[{index}]"
        entry = record(
            value,
            entry_at,
            ("id", "preprinted", "name"),
            ("provenance", "basis", "cyber", "unauthorised_access"),
        )
        threat_id = ident(entry["id"], entry_at / "id")
        name = translated(entry["name"], entry_at / "name")
        threats.append(
            CatalogueThreat(
                id=threat_id,
                name=name["da"],
                preprinted=flag(entry["preprinted"], entry_at / "preprinted"),
                provenance=provenance_of(entry, entry_at, provenance),
                cyber=flag(entry.get("cyber", False), entry_at / "cyber"),
                unauthorised_access=flag(
                    entry.get("unauthorised_access", False), entry_at / "unauthorised_access"
                ),
            )
        )
        note = translated(entry["basis"], entry_at / "basis") if "basis" in entry else None
        for lang in LANGUAGES:
            names[lang][threat_id] = name[lang]
            basis[lang][threat_id] = note[lang] if note else ""
    check_unique([threat.id for threat in threats], at / "threats")
    return ThreatCatalogue(
        name=source.name,
        version=source.version,
        provenance=provenance,
        title=translated(fields["title"], at / "title"),
        note=translated(fields["note"], at / "note"),
        threats=tuple(threats),
        names=MappingProxyType({lang: MappingProxyType(names[lang]) for lang in LANGUAGES}),
        basis=MappingProxyType({lang: MappingProxyType(basis[lang]) for lang in LANGUAGES}),
    )


def list_threat_catalogues(extra_dirs: tuple[Path, ...] = ()) -> list[str]:
    return sorted_refs(find_sources(THREATS_DIR, extra_dirs).values())


# ---------------------------------------------------------------- measure catalogue (7.2.2)


@dataclass(frozen=True, slots=True)
class MeasureTypeText:
    main: Text  # the guide's main type: Tekniske, Organisatoriske, Menneskelige
    label: Text  # the sub-type, e.g. Fysiske sikringstiltag


@dataclass(frozen=True, slots=True)
class CatalogueMeasure:
    id: str
    type: MeasureType
    name: Text
    provenance: Provenance
    cyber: bool = False  # a cyber measure (a choice for the 5.5 cyber description)


@dataclass(frozen=True, slots=True)
class MeasureCatalogue:
    name: str
    version: str
    provenance: Provenance
    title: Text
    note: Text
    types: Mapping[MeasureType, MeasureTypeText]
    measures: tuple[CatalogueMeasure, ...]

    @property
    def ref(self) -> str:
        return f"{self.name}@{self.version}"

    def by_id(self) -> dict[str, CatalogueMeasure]:
        return {measure.id: measure for measure in self.measures}

    def cyber_measures(self) -> tuple[CatalogueMeasure, ...]:
        return tuple(measure for measure in self.measures if measure.cyber)


def measure_catalogue(
    ref: str = DEFAULT_MEASURE_CATALOGUE, extra_dirs: tuple[Path, ...] = ()
) -> MeasureCatalogue:
    source = resolve("measure catalogue", MEASURES_DIR, ref, extra_dirs)
    document, at = read_document(source.path, builtin=source.builtin)
    fields, provenance = versioned_head(
        document, at, source, ("title", "note", "types", "measures"), ()
    )
    types_at = at / "types"
    types_block = record(fields["types"], types_at, tuple(kind.value for kind in MeasureType))
    types: dict[MeasureType, MeasureTypeText] = {}
    for kind in MeasureType:
        entry = record(types_block[kind.value], types_at / kind.value, ("main", "label"))
        types[kind] = MeasureTypeText(
            main=translated(entry["main"], types_at / kind.value / "main"),
            label=translated(entry["label"], types_at / kind.value / "label"),
        )
    measures: list[CatalogueMeasure] = []
    for index, value in enumerate(sequence(fields["measures"], at / "measures")):
        entry_at = at / "measures" / f"[{index}]"
        entry = record(value, entry_at, ("id", "type", "name"), ("provenance", "cyber"))
        measures.append(
            CatalogueMeasure(
                id=ident(entry["id"], entry_at / "id"),
                type=choice(MeasureType, entry["type"], entry_at / "type"),
                name=translated(entry["name"], entry_at / "name"),
                provenance=provenance_of(entry, entry_at, provenance),
                cyber=flag(entry.get("cyber", False), entry_at / "cyber"),
            )
        )
    check_unique([measure.id for measure in measures], at / "measures")
    return MeasureCatalogue(
        name=source.name,
        version=source.version,
        provenance=provenance,
        title=translated(fields["title"], at / "title"),
        note=translated(fields["note"], at / "note"),
        types=MappingProxyType(types),
        measures=tuple(measures),
    )


# ---------------------------------------------------------------- skemas 5.1-5.15


class SvScope(StrEnum):
    """Which items of a skema are S+V without further ado (AssetItem flags)."""

    ALL = "all"
    PORT_OFFICE = "port_office"
    DANGEROUS_GOODS = "dangerous_goods"
    ELECTRICITY_CLASS_1 = "electricity_class_1"


class CyberNeed(StrEnum):
    NONE = "none"
    OPTIONAL = "optional"  # 5.6: "kan det også være relevant"
    REQUIRED = "required"  # 5.5: a cyber-security description for each system (R-5-10)


@dataclass(frozen=True, slots=True)
class SvDefault:
    applies_to: SvScope
    always: bool  # the guide says "altid"; False: "som udgangspunkt", a deviation needs a reason
    rule: str  # e.g. R-5-05
    note: Text


@dataclass(frozen=True, slots=True)
class AssetSkema:
    """What the template and guide say about one skema of section 5."""

    category: AssetCategory
    title: Text
    help: Text
    examples: Mapping[str, tuple[str, ...]]  # language -> example items
    questions: Mapping[str, tuple[str, ...]]  # language -> guiding questions (5.14, 5.15)
    sv_default: SvDefault | None
    cyber: CyberNeed
    provenance: Provenance


def _sv_default(value: object, at: At) -> SvDefault:
    fields = record(value, at, ("applies_to", "always", "rule", "note"))
    return SvDefault(
        applies_to=choice(SvScope, fields["applies_to"], at / "applies_to"),
        always=flag(fields["always"], at / "always"),
        rule=string(fields["rule"], at / "rule"),
        note=translated(fields["note"], at / "note"),
    )


@cache
def asset_categories() -> Mapping[AssetCategory, AssetSkema]:
    """Skemas 5.1-5.15 in template order."""
    document, at = read_document(CONTENT_DIR / "assets" / "categories.yaml", builtin=True)
    fields = record(document, at, ("provenance", "categories"))
    provenance = choice(Provenance, fields["provenance"], at / "provenance")
    block = record(fields["categories"], at / "categories", tuple(c.value for c in AssetCategory))
    skemas: dict[AssetCategory, AssetSkema] = {}
    for category in AssetCategory:
        entry_at = at / "categories" / category.value
        entry = record(
            block[category.value],
            entry_at,
            ("title", "help", "examples", "cyber"),
            ("questions", "sv_default", "provenance"),
        )
        skemas[category] = AssetSkema(
            category=category,
            title=translated(entry["title"], entry_at / "title"),
            help=translated(entry["help"], entry_at / "help"),
            examples=translated_lists(entry["examples"], entry_at / "examples"),
            questions=(
                translated_lists(entry["questions"], entry_at / "questions")
                if "questions" in entry
                else MappingProxyType(dict.fromkeys(LANGUAGES, ()))
            ),
            sv_default=(
                _sv_default(entry["sv_default"], entry_at / "sv_default")
                if "sv_default" in entry
                else None
            ),
            cyber=choice(CyberNeed, entry["cyber"], entry_at / "cyber"),
            provenance=provenance_of(entry, entry_at, provenance),
        )
    return MappingProxyType(skemas)


# ---------------------------------------------------------------- pick-lists


@dataclass(frozen=True, slots=True)
class ShipType:
    """A row of skema 2.3.1 (the Total row is derived, see ship_type_total)."""

    key: str
    label: Text
    provenance: Provenance
    help: Text | None = None
    subset_of: str | None = None  # "heraf": counted in that row already, left out of Total
    needs_description: bool = False  # calls > 0 need the describing text (R-2-06)


@dataclass(frozen=True, slots=True)
class PoliceDistrict:
    key: str
    name: Text
    provenance: Provenance


@dataclass(frozen=True, slots=True)
class MapElement:
    """An element the maps of skema 2.1 and/or 2.2 must show (R-2-02)."""

    key: str
    skemas: tuple[str, ...]  # "2.1", "2.2"
    label: Text
    help: Text | None
    provenance: Provenance


@dataclass(frozen=True, slots=True)
class Competence:
    id: str  # unique within its list
    clause: str  # e.g. B/18.1.13
    name: Text


@dataclass(frozen=True, slots=True)
class CompetenceList:
    """ISPS B/18.1 (PFSO), B/18.2 (security duties) or B/18.3 (all other personnel)."""

    key: str
    clause: str
    title: Text
    items: tuple[Competence, ...]
    provenance: Provenance

    def by_id(self) -> dict[str, Competence]:
        return {item.id: item for item in self.items}


def _keyed(
    name: str, list_key: str, head: tuple[str, ...] = ()
) -> tuple[dict[str, object], At, Provenance, list[tuple[str, object, At]]]:
    """A pick-list file: its provenance, the head fields, and a mapping key -> entry."""
    document, at = read_document(CONTENT_DIR / "lists" / name, builtin=True)
    fields = record(document, at, ("provenance", *head, list_key))
    provenance = choice(Provenance, fields["provenance"], at / "provenance")
    entries = [
        (ident(key, at / list_key / key), value, at / list_key / key)
        for key, value in mapping(fields[list_key], at / list_key).items()
    ]
    return fields, at, provenance, entries


def _optional_text(entry: Mapping[str, object], key: str, at: At) -> Text | None:
    return translated(entry[key], at / key) if key in entry else None


@cache
def _ship_type_file() -> tuple[tuple[ShipType, ...], Text]:
    fields, at, provenance, entries = _keyed("ship_types.yaml", "ship_types", ("total",))
    rows = []
    keys = {key for key, _, _ in entries}
    for key, value, entry_at in entries:
        entry = record(
            value, entry_at, ("label",), ("provenance", "help", "subset_of", "needs_description")
        )
        subset_of = (
            ident(entry["subset_of"], entry_at / "subset_of") if "subset_of" in entry else None
        )
        if subset_of is not None and (subset_of == key or subset_of not in keys):
            raise (entry_at / "subset_of").error(f"no other row {subset_of!r}")
        rows.append(
            ShipType(
                key=key,
                label=translated(entry["label"], entry_at / "label"),
                provenance=provenance_of(entry, entry_at, provenance),
                help=_optional_text(entry, "help", entry_at),
                subset_of=subset_of,
                needs_description=flag(
                    entry.get("needs_description", False), entry_at / "needs_description"
                ),
            )
        )
    total = record(fields["total"], at / "total", ("label",), ("provenance",))
    return tuple(rows), translated(total["label"], at / "total" / "label")


def ship_types() -> tuple[ShipType, ...]:
    """The rows of skema 2.3.1, in template order."""
    return _ship_type_file()[0]


def ship_type_total() -> Text:
    """The label of the bottom row "Total" of skema 2.3.1."""
    return _ship_type_file()[1]


@cache
def police_districts() -> tuple[PoliceDistrict, ...]:
    _, _, provenance, entries = _keyed("police_districts.yaml", "districts", ("note",))
    districts = []
    for key, value, entry_at in entries:
        entry = record(value, entry_at, ("name",), ("provenance",))
        districts.append(
            PoliceDistrict(
                key=key,
                name=translated(entry["name"], entry_at / "name"),
                provenance=provenance_of(entry, entry_at, provenance),
            )
        )
    return tuple(districts)


@cache
def map_checklist() -> tuple[MapElement, ...]:
    _, _, provenance, entries = _keyed("map_checklist.yaml", "elements")
    elements = []
    for key, value, entry_at in entries:
        entry = record(value, entry_at, ("skemas", "label"), ("help", "provenance"))
        skemas = tuple(
            string(item, entry_at / "skemas" / f"[{index}]")
            for index, item in enumerate(sequence(entry["skemas"], entry_at / "skemas"))
        )
        if not set(skemas) <= {"2.1", "2.2"}:
            raise (entry_at / "skemas").error(f"expected 2.1 and/or 2.2, got {list(skemas)}")
        elements.append(
            MapElement(
                key=key,
                skemas=skemas,
                label=translated(entry["label"], entry_at / "label"),
                help=_optional_text(entry, "help", entry_at),
                provenance=provenance_of(entry, entry_at, provenance),
            )
        )
    return tuple(elements)


@cache
def competences() -> tuple[CompetenceList, ...]:
    _, _, provenance, entries = _keyed("competences.yaml", "lists", ("note",))
    lists = []
    for key, value, list_at in entries:
        block = record(value, list_at, ("clause", "title", "items"), ("provenance",))
        items: list[Competence] = []
        for index, item in enumerate(sequence(block["items"], list_at / "items")):
            item_at = list_at / "items" / f"[{index}]"
            entry = record(item, item_at, ("id", "clause", "name"))
            items.append(
                Competence(
                    id=ident(entry["id"], item_at / "id"),
                    clause=string(entry["clause"], item_at / "clause"),
                    name=translated(entry["name"], item_at / "name"),
                )
            )
        check_unique([item.id for item in items], list_at / "items")
        lists.append(
            CompetenceList(
                key=key,
                clause=string(block["clause"], list_at / "clause"),
                title=translated(block["title"], list_at / "title"),
                items=tuple(items),
                provenance=provenance_of(block, list_at, provenance),
            )
        )
    return tuple(lists)
