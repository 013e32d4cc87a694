"""Turning ``checker check`` and ``checker audit`` arguments into the list of report files.

An argument is a file (always checked, whatever its type: an unsupported or
missing file becomes one row with its error), a folder (searched recursively),
a glob (``报告/**/*.docx``; pictures are read as scans only when a glob or a
name asks for them, never picked up from a folder) or a list file ``@list.txt`` (one argument per line,
relative to the current folder; blank lines and lines starting with ``#`` are
skipped).

When searching a folder or a glob, every file that looks like a filing gets a
row: by its extension (one the readers read, :data:`checker.readers.READERS`, or
one they explain, :data:`checker.readers.UNSUPPORTED_HINTS`, such as .doc and
.wps: the row says what to do) or, with any other extension, by its content (a
PDF, a Word or OFD file, Chinese text: the row says which extension to give it).
So a format the readers learn gets its rows without a change here. Other files
are counted in a note; hidden files and folders and Word's lock files
(``~$报告.docx``) are skipped; special files (FIFOs, devices, sockets: reading one
could block or never end) are skipped with a note; a folder that cannot be read
is a row with its error, so that nothing is silently left out.
"""

from __future__ import annotations

import glob
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from checker.errors import UsageError
from checker.model import Record
from checker.readers import PICTURE_SUFFIXES, READERS, UNSUPPORTED_HINTS

GLOB_CHARS = set("*?[")
# Formats the readers explain that are attachments, not filings: counted in the note, not rows.
NOT_FILINGS = frozenset({".xls", ".xlsx"})
SNIFF_BYTES = 4096
MIN_HAN = 20  # Chinese characters in the first bytes for a file of another extension to look like a report
HAN_SHARE = 0.3
SHOWN = 5  # file names quoted in a note


@dataclass(init=False, repr=False, eq=False)  # the methods come from Record (start-up time)
class Inputs(Record):
    """The files to check, notes for the user, and rows that are errors found while searching."""

    paths: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)  # path -> reason, for rows not read at all
    _seen: set[str] = field(default_factory=set)

    def __init__(self, paths: list[str] | None = None, notes: list[str] | None = None,
                 errors: dict[str, str] | None = None, _seen: set[str] | None = None) -> None:
        self.paths = [] if paths is None else paths
        self.notes = [] if notes is None else notes
        self.errors = {} if errors is None else errors
        self._seen = set() if _seen is None else _seen

    def add(self, path: str, error: str | None = None) -> None:
        key = os.path.normcase(os.path.abspath(path))
        if key not in self._seen:
            self._seen.add(key)
            self.paths.append(path)
            if error is not None:
                self.errors[path] = error


def expand(arguments: list[str]) -> Inputs:
    """Paths in first-seen order without duplicates, with notes and search errors."""
    inputs = Inputs()
    for argument in arguments:
        for item in _list_file(argument) if argument.startswith("@") else [argument]:
            before = len(inputs.paths)
            search = _Search()
            if not search.expand(item):
                inputs.add(item)  # a named file: checked (or reported) whatever it is
                continue
            for path, error in search.found:
                inputs.add(path, error)
            inputs.notes.extend(search.notes(item, found=len(inputs.paths) > before))
    return inputs


def _list_file(argument: str) -> list[str]:
    name = argument[1:]
    try:
        text = Path(name).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = "文件不存在" if isinstance(exc, FileNotFoundError) else "无法读取（应为 UTF-8 文本，每行一个路径）"
        raise UsageError(f"文件列表 {name}: {reason}") from None
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


class _Search:
    """One folder or glob: the files found (with an error for those not to be read) and what was left."""

    def __init__(self) -> None:
        self.found: list[tuple[str, str | None]] = []
        self.special: list[str] = []
        self.others: list[str] = []

    def expand(self, item: str) -> bool:
        """Search ``item``; ``False`` when it is a plain file name (neither folder nor glob)."""
        if os.path.isdir(item):
            self._walk(item)
            return True
        if GLOB_CHARS & set(item) and not os.path.exists(item):
            for match in sorted(glob.glob(item, recursive=True)):
                if os.path.isdir(match):
                    self._walk(match)
                else:
                    self._consider(match, pictures=True)  # a glob names its pictures on purpose
            return True
        return False

    def _walk(self, folder: str) -> None:
        def unreadable(error: OSError) -> None:
            where = error.filename or folder
            self.found.append((where, f"无法读取文件夹（{error.strerror or error}），其中的报告未检查"))

        for root, dirs, files in os.walk(folder, onerror=unreadable):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                self._consider(os.path.join(root, name))

    def _consider(self, path: str, pictures: bool = False) -> None:
        base = os.path.basename(path)
        if base.startswith((".", "~$")):
            return
        try:
            info = os.stat(path)  # follows a symlink: what matters is what would be read
        except OSError:
            self.others.append(path)  # a dangling link
            return
        if not stat.S_ISREG(info.st_mode):
            self.special.append(path)
            return
        suffix = os.path.splitext(base)[1].lower()
        if suffix in PICTURE_SUFFIXES and not pictures:
            self.others.append(path)  # photos beside reports in a folder are not reports
            return
        if suffix in READERS or (suffix in UNSUPPORTED_HINTS and suffix not in NOT_FILINGS):
            self.found.append((path, None))
            return
        kind = sniff(path)
        if kind is None:
            self.others.append(path)
            return
        what, extension = kind
        shown = f"扩展名“{suffix}”" if suffix else "没有扩展名"
        self.found.append((path, f"文件{shown}，内容像{what}：请把扩展名改为 {extension} 后再检查"))

    def notes(self, item: str, found: bool) -> list[str]:
        out = []
        if not found:
            kinds = "、".join(sorted(READERS))
            out.append(f"“{item}”中没有找到可检查的报告文件（支持 {kinds}）")
        if self.special:
            out.append(f"“{item}”中有 {len(self.special)} 个特殊文件（管道、设备等，不是普通文件），未读取："
                       + _names(self.special))
        if self.others:
            out.append(f"“{item}”中另有 {len(self.others)} 个文件不像报告，未检查：" + _names(self.others))
        return out


def _names(paths: list[str]) -> str:
    shown = "、".join(os.path.basename(p) for p in paths[:SHOWN])
    return shown + (f" 等 {len(paths)} 个" if len(paths) > SHOWN else "")


# Content that says what a file is, whatever its extension: (magic, what it is, the extension to give).
MAGIC = (
    (b"%PDF-", "PDF 文档", ".pdf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "旧版 Word 或 WPS 文档", ".doc 或 .wps"),
)
ZIP_MEMBERS = ((b"word/", "Word 文档", ".docx"), (b"OFD.xml", "OFD 版式文件", ".ofd"))


def sniff(path: str) -> tuple[str, str] | None:
    """What a file of an unknown extension holds, if it looks like a filing: (what, extension)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return None
    for magic, what, extension in MAGIC:
        if head.startswith(magic):
            return what, extension
    if head.startswith(b"PK\x03\x04"):
        for member, what, extension in ZIP_MEMBERS:
            if member in head:
                return what, extension
        return None
    text = _decoded(head)
    if text is None:
        return None
    han = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    visible = sum(1 for ch in text if not ch.isspace())
    if han >= MIN_HAN and han >= HAN_SHARE * visible:
        return ("网页" if "<html" in text.lower() else "文本"), (".html" if "<html" in text.lower() else ".txt")
    return None


def _decoded(head: bytes) -> str | None:
    if b"\x00" in head:
        return None
    for encoding in ("utf-8", "gb18030"):
        for cut in range(4):  # the read may end inside a character
            try:
                return head[: len(head) - cut].decode(encoding)
            except UnicodeDecodeError:
                continue
    return None
