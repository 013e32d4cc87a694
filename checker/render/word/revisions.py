"""The tracked-change copy (修订稿): each safe fix as a Word revision by the author "checker".

The cited characters go into a ``w:del`` (their ``w:t`` become ``w:delText``)
and the right form follows in a ``w:ins`` with the first run's formatting, so
the drafter accepts or rejects each change in Word or WPS. python-docx has no
API for revisions: the elements are built with its oxml helpers. A fix whose
text is not in one stretch of sibling runs (half in a hyperlink, say) is left
out and reported, never half made.
"""

from __future__ import annotations

import copy
import io
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from checker.readers.docx import MC
from checker.readers.wordnum import W
from checker.render.fixes import Edit, plan
from checker.render.word import AUTHOR
from checker.render.word.body import Anchor, Body, _squeeze, chars_of
from checker.render.word.comments import open_body
from checker.render.word.runs import XML_SPACE, anchor_runs, runs_between

SUFFIX = ".修订.docx"
TEXT_TAGS = {W + "t": "w:delText", W + "instrText": "w:delInstrText"}


def revised_name(path: str | Path) -> str:
    """报告.docx → 报告.修订.docx."""
    return Path(path).stem + SUFFIX


def revise(report: dict[str, Any], source: str | Path | bytes,
           edits: list[Edit] | None = None) -> tuple[bytes, list[Edit]]:
    """The Word report with the safe fixes as tracked changes, and the edits made.

    ``source``: the original .docx (path or bytes), read and never written.
    ``edits``: the fixes to make (default: every safe fix of ``report``).
    """
    document, body = open_body({**report, "format": "docx"}, source)
    revision = Revision(document)
    made = []
    # From the end, so that a change never moves the text a later one is looked up by.
    for edit in sorted(edits if edits is not None else plan(report), key=lambda e: (e.line, e.column),
                       reverse=True):
        if revision.make(body, edit):
            made.append(edit)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), sorted(made, key=lambda e: (e.line, e.column))


class Revision:
    """Numbers and stamps the revisions written into one document."""

    def __init__(self, document: Any) -> None:
        ids = [int(v) for v in document.element.body.xpath("//@w:id") if str(v).lstrip("-").isdigit()]
        self.next_id = max(ids, default=0) + 1
        self.date = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

    def make(self, body: Body, edit: Edit) -> bool:
        anchor = body.find(edit.line, edit.column, edit.old)
        if anchor is None or _squeeze(anchor.text) != _squeeze(edit.old) or not _squeeze(edit.old):
            return False
        if body.place(edit.line) is None or len(anchor.elements) != 1:
            return False
        # looked up before the change, while both copies of a text box still read the same
        twin = _fallback_twin(anchor)
        if not self._replace(anchor, edit.new):
            return False
        if twin is not None:
            self._replace(twin, edit.new)
        return True

    def _replace(self, anchor: Anchor, new: str) -> bool:
        """The anchor's characters deleted and ``new`` inserted after them, as revisions."""
        ends = anchor_runs(anchor)
        runs = runs_between(*ends) if ends else []
        if not runs:
            return False
        deleted = self._element("w:del")
        runs[0].addprevious(deleted)
        for node in runs:
            deleted.append(node)  # moved into the deletion, markers between the runs too
            for text in node.iter(*TEXT_TAGS):
                text.tag = W + TEXT_TAGS[text.tag].split(":")[1]
        if new:
            inserted = self._element("w:ins")
            inserted.append(_run_like(runs[0], new))
            deleted.addnext(inserted)
        return True

    def _element(self, tag: str) -> Any:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        element = OxmlElement(tag)
        element.set(qn("w:id"), str(self.next_id))
        element.set(qn("w:author"), AUTHOR)
        element.set(qn("w:date"), self.date)
        self.next_id += 1
        return element


def _run_like(run: Any, text: str) -> Any:
    """A run with ``run``'s formatting holding ``text``."""
    from docx.oxml import OxmlElement

    new = OxmlElement("w:r")
    properties = run.find(W + "rPr")
    if properties is not None:
        new.append(copy.deepcopy(properties))
    t = OxmlElement("w:t")
    t.text = text
    t.set(XML_SPACE, "preserve")
    new.append(t)
    return new


def _fallback_twin(anchor: Anchor) -> Anchor | None:
    """The same characters in the ``mc:Fallback`` copy of the text box the anchor is in, if any.

    Word writes a text box twice: DrawingML in ``mc:Choice`` (what the reader reads) and VML in
    ``mc:Fallback``, which older Word and some WPS versions show. A fix made in one copy only
    would still show the old wording there. The twin is the paragraph at the same place in the
    fallback's text box, taken only when it reads exactly the same.
    """
    paragraph = anchor.elements[0]
    if paragraph.tag != W + "p":
        return None  # a table row in a text box: left to the copy the reader reads
    box = next((node for node in paragraph.iterancestors(W + "txbxContent")), None)
    choice = next((node for node in paragraph.iterancestors(MC + "Choice")), None)
    if box is None or choice is None:
        return None
    fallback = choice.getparent().find(MC + "Fallback") if choice.getparent() is not None else None
    if fallback is None:
        return None
    boxes, twins = list(choice.iter(W + "txbxContent")), list(fallback.iter(W + "txbxContent"))
    if len(boxes) != len(twins):
        return None
    paragraphs = list(box.iter(W + "p"))
    twin_paragraphs = list(twins[boxes.index(box)].iter(W + "p"))
    if len(paragraphs) != len(twin_paragraphs):
        return None
    twin = twin_paragraphs[paragraphs.index(paragraph)]
    if [c.text for c in chars_of(twin)] != [c.text for c in chars_of(paragraph)]:
        return None
    return Anchor((twin,), anchor.start, anchor.end, anchor.text)
