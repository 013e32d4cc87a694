"""A finding's fingerprint: its rule plus the passage it cites, never its line number.

Baselines and waivers key findings by fingerprint, so that an edit elsewhere in
the report (a paragraph added above, a heading renumbered) leaves the known
findings known. The passage is the excerpt with up to :data:`REACH` characters
on either side that lie in the same sentence, cut from the finding's display
context, with spaces, ellipses and a leading heading number removed: rewording
the sentence right around a finding makes it new, editing elsewhere does not. A
finding about the whole report (no passage) is keyed by its rule.
"""

from __future__ import annotations

import hashlib

from checker.model import Finding
from checker.text.markers import HEADING_START
from checker.text.normalize import FOLD
from checker.text.regex_cache import lazy

SENTENCE_END = "。！？；"
REACH = 10
IGNORED = lazy(r"[\s…]+")


def passage(finding: Finding) -> str:
    """The normalised sentence the finding cites ('' for a whole-report finding)."""
    excerpt = finding.excerpt or ""
    context = (finding.context or excerpt).strip("…")
    at = context.find(excerpt) if excerpt else -1
    if at < 0:
        text = excerpt or context
    else:
        start = max(context.rfind(ch, 0, at) for ch in SENTENCE_END) + 1
        ends = [i for i in (context.find(ch, at + len(excerpt)) for ch in SENTENCE_END) if i >= 0]
        end = min(ends) + 1 if ends else len(context)
        text = context[max(start, at - REACH):min(end, at + len(excerpt) + REACH)]
    return normalise(text)


def normalise(text: str) -> str:
    folded = text.translate(FOLD)  # fold_char on every character, in one pass
    folded = IGNORED.sub("", folded)
    stripped: str = HEADING_START.sub("", folded, count=1)
    return stripped


def fingerprint(finding: Finding) -> str:
    """16 hex digits of SHA-256 over the rule id and the normalised passage."""
    basis = f"{finding.rule}\0{passage(finding)}"
    # surrogatepass: a lone surrogate (from a damaged PDF) is hashed, not an error.
    return hashlib.sha256(basis.encode("utf-8", "surrogatepass")).hexdigest()[:16]
