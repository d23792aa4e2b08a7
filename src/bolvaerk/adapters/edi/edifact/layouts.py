"""The EDIFACT layout of each message type: PROTECT-shaped BERMAN, WASDIS, IFTDGN and APERAK
segments, and BERMAN segments for the ISPS data message. Qualifiers starting with Z and the
association codes BV... are ours: PROPOSAL, documented in docs/edi.md, to be replaced by the
PROTECT MIG codes where they differ (anchors-edi.md §7).
"""

from __future__ import annotations

from bolvaerk.adapters.edi.edifact.layout import Group, Item, Layout, Seg
from bolvaerk.domain.edi import MessageType

FUNCTIONS = {"original": "9", "replace": "5", "cancel": "1"}
OPERATIONS = {"load": "LOA", "discharge": "DIS", "transit": "TRA"}
STATUSES = {"accepted": "AP", "rejected": "RE"}
TYPES = {kind.value: kind.value.upper() for kind in MessageType}
DIRECTORY = ("D", "16A", "UN")


def dtm(qualifier: str, path: str, kind: str = "datetime") -> Seg:
    fmt = "304" if kind == "datetime" else "102"
    return Seg("DTM", ((0, 0, qualifier), (0, 2, fmt)), (Item(0, 1, path, kind),))


def ftx(qualifier: str, path: str) -> Seg:
    """FTX+Q+++free text (in 512-character components)."""
    return Seg("FTX", ((0, 0, qualifier),), (Item(3, 0, path, "chunks"),))


def coded(
    qualifier: str, path: str, kind: str = "text", codes: dict[str, str] | None = None
) -> Seg:
    """FTX+Q++code: a coded value in the text reference (C107)."""
    return Seg("FTX", ((0, 0, qualifier),), (Item(2, 0, path, kind, codes),))


def loc(qualifier: str, path: str, facility: str = "") -> Seg:
    items = (Item(1, 0, path),) + ((Item(2, 0, facility),) if facility else ())
    return Seg("LOC", ((0, 0, qualifier),), items)


def rff(qualifier: str, path: str) -> Seg:
    return Seg("RFF", ((0, 0, qualifier),), (Item(0, 1, path),))


def qty(qualifier: str, path: str, unit: str = "", kind: str = "decimal") -> Seg:
    consts = ((0, 0, qualifier),) + (((0, 2, unit),) if unit else ())
    return Seg("QTY", consts, (Item(0, 1, path, kind),))


def mea(dimension: str, unit: str, path: str) -> Seg:
    consts = ((0, 0, "AAE"), (1, 0, dimension)) + (((2, 0, unit),) if unit else ())
    return Seg("MEA", consts, (Item(2, 1, path, "decimal"),))


def contact(path: str, role: str) -> Group:
    """NAD+role+++family:given:organisation, then COM per number (TE, AL mobile, EM)."""
    names = tuple(
        Item(3, i, f) for i, f in enumerate(("family_name", "given_name", "organisation"))
    )
    coms = tuple(
        Seg("COM", ((0, 1, code),), (Item(0, 0, field),))
        for code, field in (("TE", "phone"), ("AL", "mobile"), ("EM", "email"))
    )
    return Group(path, repeated=False, trigger=Seg("NAD", ((0, 0, role),), names), members=coms)


def header(document: str) -> tuple[Seg, ...]:
    bgm = Seg(
        "BGM",
        ((0, 0, document),),
        (Item(1, 0, "header.message_id"), Item(2, 0, "header.function", "code", FUNCTIONS)),
    )
    return bgm, dtm("137", "header.prepared_at"), rff("ACW", "header.previous_message_id")


def ship(voyage: bool) -> tuple[Seg, ...]:
    """TDT+20+voyage+1+++++call sign:103::name:flag, RFF+VM:IMO number, registry, GT, type."""
    items = [Item(7, 0, "ship.call_sign"), Item(7, 3, "ship.name"), Item(7, 4, "ship.flag")]
    if voyage:
        items.insert(0, Item(1, 0, "voyage"))
    tdt = Seg("TDT", ((0, 0, "20"), (2, 0, "1"), (7, 1, "103")), tuple(items))
    return (
        tdt,
        rff("VM", "ship.imo_number"),
        loc("ZRG", "ship.port_of_registry"),
        mea("GT", "", "ship.gross_tonnage"),
        ftx("ZTY", "ship.ship_type"),
    )


ISPS = Layout(
    message=("BERMAN", *DIRECTORY),
    association="BVSEC",
    top=(
        *header("SEC"),
        *ship(voyage=False),
        Seg("NAD", ((0, 0, "CA"),), (Item(1, 0, "company.imo_number"), Item(3, 0, "company.name"))),
        loc("60", "call.port", facility="call.facility"),
        dtm("132", "call.eta"),
        ftx("ZPU", "call.purpose"),
        Seg("DOC", ((0, 0, "ISC"),), (Item(0, 1, "issc.type"), Item(1, 0, "issc.identifier"))),
        coded("ZIV", "issc.valid", "bool"),
        Seg("NAD", ((0, 0, "ZIG"),), (Item(1, 0, "issc.issuer"), Item(3, 0, "issc.rso_name"))),
        dtm("36", "issc.expiry", "date"),
        ftx("ZNV", "issc.no_valid_reason"),
        coded("ZSP", "ssp_on_board", "bool"),
        Seg("FTX", ((0, 0, "ZSL"),), (Item(2, 0, "security_level", "int"),)),
        ftx("ZHL", "higher_level_reason"),
        ftx("ZMR", "missing_calls_reason"),
        ftx("ZOM", "other_matters"),
    ),
    groups=(
        contact("cso", "ZSO"),
        contact("agent", "AG"),
        Group(
            "last_calls",
            repeated=True,
            trigger=loc("ZLC", "port", facility="facility"),
            members=(
                dtm("178", "arrival", "date"),
                dtm("186", "departure", "date"),
                coded("ZSL", "security_level", "int"),
                ftx("ZAM", "additional_measures"),
            ),
        ),
        Group(
            "ship_to_ship",
            repeated=True,
            trigger=loc("ZST", "location"),
            members=(
                dtm("194", "start", "date"),
                dtm("206", "end", "date"),
                ftx("ZAC", "activity"),
                ftx("ZAM", "measures"),
            ),
        ),
    ),
)

BERMAN = Layout(
    message=("BERMAN", *DIRECTORY),
    association="BVNOA",
    top=(
        *header("NOA"),
        *ship(voyage=True),
        loc("60", "port", facility="berth"),
        dtm("132", "eta"),
        dtm("133", "etd"),
        loc("5", "previous_port"),
        loc("61", "next_port"),
        ftx("ZPU", "purpose"),
        qty("ZCR", "crew", kind="int"),
        qty("ZPA", "passengers", kind="int"),
        mea("DR", "MTR", "draught_m"),
        coded("ZSL", "security_level", "int"),
        coded("ZIV", "issc_valid", "bool"),
        dtm("36", "issc_expiry", "date"),
    ),
    groups=(
        contact("agent", "AG"),
        Group(
            "bunkers",
            repeated=True,
            trigger=coded("ZBK", "fuel_type"),
            members=(qty("ZOB", "on_board_t", "TNE"), qty("ZTB", "to_bunker_t", "TNE")),
        ),
    ),
)

WASDIS = Layout(
    message=("WASDIS", *DIRECTORY),
    association="BVWAS",
    top=(
        *header("WAS"),
        *ship(voyage=False),
        loc("60", "port"),
        dtm("132", "eta"),
        loc("ZLD", "last_delivery_port"),
        dtm("ZLD", "last_delivery_date", "date"),
        loc("61", "next_port"),
    ),
    groups=(
        Group(
            "items",
            repeated=True,
            trigger=Seg(
                "FTX",
                ((0, 0, "AAI"),),
                (Item(2, 0, "waste_type"), Item(3, 0, "description", "chunks")),
            ),
            members=(
                qty("ZDL", "to_deliver_m3", "MTQ"),
                qty("ZMS", "max_storage_m3", "MTQ"),
                qty("ZRT", "retained_m3", "MTQ"),
                qty("ZGN", "generated_until_next_m3", "MTQ"),
                loc("ZRP", "port_for_remaining"),
            ),
        ),
    ),
)

IFTDGN = Layout(
    message=("IFTDGN", *DIRECTORY),
    association="BVHZA",
    top=(*header("HZA"), *ship(voyage=True), loc("60", "port"), dtm("132", "eta")),
    groups=(
        contact("emergency_contact", "ZEC"),
        Group(
            "items",
            repeated=True,
            trigger=Seg(
                "DGS",
                ((0, 0, "IMD"),),
                (
                    Item(1, 0, "imdg_class"),
                    Item(2, 0, "un_number"),
                    Item(3, 0, "flashpoint_c", "decimal", unit="CEL"),
                    Item(4, 0, "packing_group"),
                    Item(5, 0, "ems"),
                    Item(9, 0, "subsidiary_risk"),
                ),
            ),
            members=(
                ftx("AAD", "proper_shipping_name"),
                Seg("HAN", (), (Item(0, 0, "operation", "code", OPERATIONS),)),
                mea("AAB", "KGM", "gross_mass_kg"),
                mea("AAL", "KGM", "net_mass_kg"),
                Seg("PAC", (), (Item(0, 0, "packages", "int"), Item(2, 0, "package_type"))),
                coded("ZMP", "marine_pollutant", "bool"),
                coded("ZLQ", "limited_quantity", "bool"),
                Seg("EQD", ((0, 0, "CN"),), (Item(1, 0, "equipment_id"),)),
                loc("147", "stowage_position"),
            ),
        ),
    ),
)

APERAK = Layout(
    message=("APERAK", *DIRECTORY),
    association="BVACK",
    top=(
        *header("ACK"),
        rff("ZRM", "referenced_message_id"),
        coded("ZRT", "referenced_type", "code", TYPES),
        coded("ZAS", "status", "code", STATUSES),
    ),
    groups=(
        Group(
            "errors",
            repeated=True,
            trigger=Seg("ERC", (), (Item(0, 0, "code"),)),
            members=(ftx("AAO", "text"), rff("ZFP", "path")),
        ),
    ),
)

LAYOUTS = {
    MessageType.ISPS: ISPS,
    MessageType.BERMAN: BERMAN,
    MessageType.WASDIS: WASDIS,
    MessageType.IFTDGN: IFTDGN,
    MessageType.APERAK: APERAK,
}
