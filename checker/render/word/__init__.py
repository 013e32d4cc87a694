"""Findings inside Word files: annotated copies (批注) and tracked-change fixes (修订).

* :mod:`.body` maps each line of the extracted text back to the paragraph (or
  table row) of the Word file it came from, walking the body exactly as the
  reader does, and finds a cited passage among the runs of that paragraph;
* :mod:`.runs` splits runs where a passage starts or ends inside one;
* :mod:`.comments` writes the annotated copy (:func:`annotate`);
* :mod:`.revisions` writes the tracked-change copy (:func:`revise`);
* :mod:`.build` makes a Word file of a text report, so that every input can be
  annotated.

Everything takes the JSON contract's report (a dict) and the original file or
its bytes and returns the bytes of a new file: the original is never written.
"""

from __future__ import annotations

# (what Word shows beside each comment and tracked change: a drafter reads it)
AUTHOR = "报告检查工具"
INITIALS = "检查"
