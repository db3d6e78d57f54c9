"""Parse an XML file from outside Lantern without trusting it: no DTD, no entities, a size limit."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from xml.parsers import expat

# A large authority's CIN census is a few tens of megabytes; anything far beyond that is not a return.
MAX_XML_BYTES = 200 * 1024 * 1024


class UnsafeXML(ValueError):
    """The document was refused before parsing: too large, or it declares a DTD or entities."""


def _refuse(reason: str):
    def handler(*args) -> None:
        raise UnsafeXML(reason)

    return handler


def check_xml(content: bytes, *, max_bytes: int = MAX_XML_BYTES) -> None:
    """Refuse a document that is too big or has a DOCTYPE or entity declaration (billion laughs, XXE)."""
    if len(content) > max_bytes:
        raise UnsafeXML(f"the file is {len(content):,} bytes; the limit is {max_bytes:,}")
    scanner = expat.ParserCreate()
    scanner.StartDoctypeDeclHandler = _refuse("a DOCTYPE declaration is not allowed")
    scanner.EntityDeclHandler = _refuse("an entity declaration is not allowed")
    scanner.ExternalEntityRefHandler = _refuse("an external entity is not allowed")
    scanner.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        scanner.Parse(content, True)
    except expat.ExpatError as error:
        raise ET.ParseError(f"{expat.ErrorString(error.code)}: line {error.lineno}, column {error.offset}") from error


def parse_xml(content: bytes, *, max_bytes: int = MAX_XML_BYTES) -> ET.Element:
    check_xml(content, max_bytes=max_bytes)
    return ET.fromstring(content)  # noqa: S314 (checked above: no DTD, no entities, bounded size)


def parse_xml_with_lines(content: bytes, *, max_bytes: int = MAX_XML_BYTES) -> tuple[ET.Element, dict[ET.Element, int]]:
    """Parse as `parse_xml` does, and also return the line each element starts on (for reporting problems)."""
    check_xml(content, max_bytes=max_bytes)
    builder = ET.TreeBuilder()
    lines: dict[ET.Element, int] = {}
    parser = expat.ParserCreate()

    def start(tag: str, attributes: dict[str, str]) -> None:
        lines[builder.start(tag, attributes)] = parser.CurrentLineNumber

    parser.StartElementHandler = start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    parser.Parse(content, True)
    return builder.close(), lines
