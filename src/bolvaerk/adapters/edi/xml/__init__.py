"""XML form of the EDI messages: EMSWe-shaped element names in urn:bolvaerk:edi:1, an XSD per
message type generated from the model, lxml validation and secure parsing."""

from __future__ import annotations

from bolvaerk.adapters.edi.xml.codec import read_xml, write_xml
from bolvaerk.adapters.edi.xml.schema import NAMESPACE, schema_document

__all__ = ["NAMESPACE", "read_xml", "schema_document", "write_xml"]
