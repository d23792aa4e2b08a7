"""Messages to XML and back, losslessly: one element per field in model order, no attributes.

Reading is secure by construction: no DTD (a DOCTYPE is refused), no entity expansion, no
network, no huge trees; any namespace prefix (or none) is accepted, the namespace URI counts.
The document is validated against the type's XSD before it is read; every problem is an
EdiFormatError with line and field path.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from bolvaerk.adapters.edi.errors import EdiFormatError
from bolvaerk.adapters.edi.tree import Tree, fields_of, from_tree, is_record, to_tree
from bolvaerk.adapters.edi.xml.names import element_name, field_names
from bolvaerk.adapters.edi.xml.schema import NAMESPACE, ROOTS, compiled_schema

_PARSER_OPTIONS: dict[str, Any] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
    "collect_ids": False,
}


def _q(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def write_xml(message: object) -> bytes:
    cls = type(message)
    root = etree.Element(_q(cls.__name__), nsmap={None: NAMESPACE})
    _fill(root, cls, to_tree(message), "")
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _fill(element: etree._Element, cls: type, tree: Tree, path: str) -> None:
    for field in fields_of(cls):
        value = tree.get(field.name)
        if value is None:
            continue
        name = _q(element_name(cls, field.name))
        where = f"{path}.{field.name}" if path else field.name
        if field.repeated:
            for index, item in enumerate(value):
                _fill(etree.SubElement(element, name), field.kind, item, f"{where}[{index}]")
        elif is_record(field.kind):
            _fill(etree.SubElement(element, name), field.kind, value, where)
        else:
            try:
                etree.SubElement(element, name).text = value
            except ValueError:
                raise EdiFormatError("EDI-XML-CHARACTER", path=where) from None


def read_xml(data: bytes) -> Any:  # noqa: ANN401 - the message class depends on the root
    if b"<!DOCTYPE" in data:  # refused before parsing; the docinfo check below backs it up
        raise EdiFormatError("EDI-XML-DTD")
    parser = etree.XMLParser(**_PARSER_OPTIONS)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        line, column = error.position
        raise EdiFormatError("EDI-XML-SYNTAX", line=line, column=column, detail=error.msg) from None
    except (ValueError, TypeError) as error:  # e.g. an unsupported encoding declaration
        raise EdiFormatError("EDI-XML-SYNTAX", line=1, column=1, detail=str(error)) from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise EdiFormatError("EDI-XML-DTD")
    qname = etree.QName(root)
    cls = ROOTS.get(qname.localname)
    if qname.namespace != NAMESPACE or cls is None:
        raise EdiFormatError(
            "EDI-XML-ROOT",
            found=f"{{{qname.namespace or ''}}}{qname.localname}",
            namespace=NAMESPACE,
            known=", ".join(sorted(ROOTS)),
        )
    schema = compiled_schema(cls)
    if not schema.validate(root):
        entry = schema.error_log[0]
        raise EdiFormatError(
            "EDI-XML-SCHEMA",
            line=entry.line,
            path=_field_path(root, entry.path),
            detail=entry.message,
        )
    return from_tree(cls, _read(root, cls))


def _read(element: etree._Element, cls: type) -> Tree:
    names = field_names(cls)
    kinds = {field.name: field for field in fields_of(cls)}
    tree: Tree = {}
    for child in element:
        field = kinds[names[etree.QName(child).localname]]
        if field.repeated:
            tree.setdefault(field.name, []).append(_read(child, field.kind))
        elif is_record(field.kind):
            tree[field.name] = _read(child, field.kind)
        else:
            tree[field.name] = child.text or ""
    return tree


def _field_path(root: etree._Element, where: str | None) -> str:
    """Our field path (e.g. last_calls[1].arrival) of the element libxml2's error points at."""
    try:
        found = root.getroottree().xpath(where) if where else []
    except etree.XPathError:  # pragma: no cover - libxml2 gives positional paths
        found = []
    if not isinstance(found, list) or not found or not isinstance(found[0], etree._Element):
        return ""
    chain: list[etree._Element] = []
    element: etree._Element | None = found[0]
    while element is not None and element is not root:
        chain.append(element)
        element = element.getparent()
    parts: list[str] = []
    cls: type | None = ROOTS[etree.QName(root).localname]
    for element in reversed(chain):
        name = etree.QName(element).localname
        field_name = field_names(cls).get(name) if cls is not None else None
        if cls is None or field_name is None:
            parts.append(name)
            cls = None
            continue
        field = next(f for f in fields_of(cls) if f.name == field_name)
        if field.repeated:
            parent = element.getparent()
            siblings = [e for e in parent if e.tag == element.tag] if parent is not None else []
            parts.append(f"{field_name}[{siblings.index(element)}]")
        else:
            parts.append(field_name)
        cls = field.kind if is_record(field.kind) else None
    return ".".join(parts)
