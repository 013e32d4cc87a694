"""Run boundaries: Word comments and revisions cover whole runs, so a run is split where a
passage starts or ends inside it. The two halves keep the run's properties (``w:rPr``)."""

from __future__ import annotations

import copy
from typing import Any

from checker.readers.wordnum import W
from checker.render.word.body import Anchor, chars_of

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# Elements that may sit between runs and inside a tracked change (ECMA-376 EG_RangeMarkupElements).
MARKERS = frozenset(W + tag for tag in (
    "bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd", "proofErr", "permStart", "permEnd",
    "moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd"))


def anchor_runs(anchor: Anchor) -> tuple[Any, Any] | None:
    """The first and last ``w:r`` covering exactly the anchor's characters (runs split as needed)."""
    chars = _chars(anchor)
    if anchor.end + 1 < len(chars):
        split_before(chars[anchor.end + 1])
        chars = _chars(anchor)
    split_before(chars[anchor.start])
    chars = _chars(anchor)
    first, last = chars[anchor.start].node.getparent(), chars[anchor.end].node.getparent()
    if first is None or last is None or first.tag != W + "r" or last.tag != W + "r":
        return None
    return first, last


def runs_between(first: Any, last: Any) -> list[Any]:
    """The elements from run ``first`` to run ``last`` when they are siblings holding only runs and
    markers (bookmarks, comment ranges, proofing marks); empty otherwise (say, a hyperlink between)."""
    parent = first.getparent()
    if parent is None or parent is not last.getparent():
        return []
    siblings = list(parent)
    a, b = siblings.index(first), siblings.index(last)
    between = siblings[a:b + 1] if a <= b else []
    if any(node.tag != W + "r" and node.tag not in MARKERS for node in between):
        return []
    return between


def _chars(anchor: Anchor) -> list[Any]:
    out = []
    for element in anchor.elements:
        out.extend(chars_of(element))
    return out


def split_before(char: Any) -> Any:
    """Make a run boundary just before ``char`` (a :class:`Char`); return the run that now starts there."""
    node, offset = char.node, char.offset
    run = node.getparent()
    if run is None or run.tag != W + "r":
        return run
    content = [c for c in run if c.tag != W + "rPr"]
    position = content.index(node)
    if offset == 0 and position == 0:
        return run
    rest = _empty_like(run)
    if offset > 0:
        text = node.text or ""
        node.text = text[:offset]
        node.set(XML_SPACE, "preserve")
        tail = copy.deepcopy(node)
        tail.text = text[offset:]
        rest.append(tail)
        moved = content[position + 1:]
    else:
        moved = content[position:]
    for child in moved:
        rest.append(child)  # lxml moves the element
    run.addnext(rest)
    return rest


def _empty_like(run: Any) -> Any:
    """A new run with the same attributes and properties and no content."""
    from docx.oxml import OxmlElement

    twin = OxmlElement("w:r")
    for key, value in run.attrib.items():
        twin.set(key, value)
    properties = run.find(W + "rPr")
    if properties is not None:
        twin.append(copy.deepcopy(properties))
    return twin
