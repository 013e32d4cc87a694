"""Word 97–2003 (.doc) and WPS (.wps) files: OLE compound files.

Two ways in, measured on a report written here (docs/readers.md):

1. **LibreOffice**, when it is installed: ``soffice --headless --convert-to docx``
   in a temporary folder with a profile of its own (parallel calls do not collide)
   and a time limit, then the .docx reader. Faithful: automatic numbering (一、
   （一） that Word draws and never stores in the text), tables, text boxes.
2. **The piece table** (olefile opens the container): the text of the main
   document as the WordDocument stream stores it, addressed by the CLX in the
   0Table/1Table stream. Fast and always there, but Word's automatic numbers are
   not in the text, so headings numbered by Word lose their 一、 — used when
   LibreOffice is missing or fails, with a warning that says so.

The piece table is read first either way: it tells a Word file from a renamed
one, finds the encryption flag, and is the fallback's text.
"""

from __future__ import annotations

import os
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from checker.errors import ReadError
from checker.readers import limits
from checker.readers.tables import form_row
from checker.text.document import Document

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
WORD_IDENT = 0xA5EC
WORD97_NFIB = 0x00C1  # Word 97; earlier versions (Word 6/95) store text another way
F_ENCRYPTED = 0x0100
F_WHICH_TABLE = 0x0200
FC_CLX_INDEX = 33  # fcClx/lcbClx in FibRgFcLcb97
OTHER_OLE = (  # streams that mark another Office file renamed .doc
    ("Workbook", "Excel 表格"),
    ("Book", "Excel 表格"),
    ("PowerPoint Document", "PowerPoint 演示文稿"),
)
# Characters of the main document's text stream with a meaning of their own.
PARAGRAPH_END = "\r"
CELL_END = "\x07"
LINE_BREAK = "\x0b"
PAGE_BREAK = "\x0c"
FIELD_BEGIN, FIELD_SEPARATOR, FIELD_END = "\x13", "\x14", "\x15"
DROPPED = dict.fromkeys(map(ord, "\x01\x02\x03\x04\x05\x08\x1f"), None) | {0x1E: "-", 0x00: None}
SOFFICE_TIMEOUT = 60  # seconds; CHECKER_SOFFICE_TIMEOUT
OFF = ("off", "no", "none", "0")  # CHECKER_SOFFICE values that mean: never start LibreOffice
SOFFICE_NAMES = ("soffice", "libreoffice")
SOFFICE_PLACES = (  # where installers put it when it is not on PATH
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
)
KIND = {".doc": "Word 文档", ".wps": "WPS 文字文件"}


@dataclass
class PieceText:
    """What the piece table gives: the main document's characters, or why there are none."""

    text: str
    word: bool  # a Word binary document (WordDocument stream with a Word 97+ FIB)


# ---------------------------------------------------------------- the container


def _streams(data: bytes, path: str, kind: str) -> tuple[bytes, bytes] | None:
    """The WordDocument and table streams; None when the container holds no Word document."""
    import olefile

    if not data.startswith(CFB_MAGIC):
        if data.startswith(b"PK\x03\x04"):
            raise ReadError(path, f"文件内容是 .docx（zip）格式，不是旧版 {kind}，请把扩展名改为 .docx")
        if data.lstrip().startswith(b"{\\rtf"):
            raise ReadError(path, "文件内容是 RTF 格式，请在 Word 或 WPS 中另存为 .docx")
        raise ReadError(path, f"不是有效的 {kind}（缺少 OLE 复合文件头），文件可能已损坏或扩展名有误")
    try:
        ole = olefile.OleFileIO(data)
    except Exception:  # olefile raises OSError, struct.error, IndexError... on damage
        raise ReadError(path, f"{kind}已损坏（OLE 容器无法打开）") from None
    try:
        if ole.exists("EncryptedPackage"):
            raise ReadError(path, "Word 文档已加密（设置了打开密码），请取消密码后另存为 .docx 再检查")
        if not ole.exists("WordDocument"):
            for stream, what in OTHER_OLE:
                if ole.exists(stream):
                    raise ReadError(path, f"不是 {kind}，而是{what}")
            return None
        word = ole.openstream("WordDocument").read()
        flags = struct.unpack_from("<H", word, 0x0A)[0] if len(word) >= 12 else 0
        table_name = "1Table" if flags & F_WHICH_TABLE else "0Table"
        table = ole.openstream(table_name).read() if ole.exists(table_name) else b""
        return word, table
    except ReadError:
        raise
    except Exception:
        raise ReadError(path, f"{kind}已损坏（OLE 容器中的数据流无法读取）") from None
    finally:
        ole.close()


def _fib(word: bytes, path: str, kind: str) -> tuple[int, int, int]:
    """(ccpText, fcClx, lcbClx) from the File Information Block."""
    if len(word) < 34 or struct.unpack_from("<H", word, 0)[0] != WORD_IDENT:
        raise ReadError(path, f"{kind}已损坏（文件信息块无效）")
    nfib, = struct.unpack_from("<H", word, 2)
    flags, = struct.unpack_from("<H", word, 0x0A)
    if flags & F_ENCRYPTED:
        raise ReadError(path, "Word 文档已加密（设置了打开密码），请取消密码后另存为 .docx 再检查")
    if nfib < WORD97_NFIB:
        raise ReadError(path, "这是 Word 95 或更早版本的文件，请在 Word 或 WPS 中另存为 .docx")
    try:
        csw, = struct.unpack_from("<H", word, 32)
        at = 34 + 2 * csw
        cslw, = struct.unpack_from("<H", word, at)
        ccp_text, = struct.unpack_from("<i", word, at + 2 + 12)
        at += 2 + 4 * cslw
        cb_fc_lcb, = struct.unpack_from("<H", word, at)
        if cb_fc_lcb <= FC_CLX_INDEX:
            raise ReadError(path, f"{kind}已损坏（文件信息块不完整）")
        fc_clx, lcb_clx = struct.unpack_from("<II", word, at + 2 + 8 * FC_CLX_INDEX)
    except struct.error:
        raise ReadError(path, f"{kind}已损坏（文件信息块不完整）") from None
    return ccp_text, fc_clx, lcb_clx


def piece_text(data: bytes, path: str, kind: str) -> PieceText:
    """The main document's text through the piece table (headers, footnotes and comments
    follow it in the same character space and are cut off at ``ccpText``)."""
    streams = _streams(data, path, kind)
    if streams is None:
        return PieceText("", word=False)
    word, table = streams
    ccp_text, fc_clx, lcb_clx = _fib(word, path, kind)
    clx = table[fc_clx:fc_clx + lcb_clx]
    at = 0
    while at < len(clx) and clx[at] == 0x01:  # Prc: property modifiers, skipped
        if at + 3 > len(clx):
            break
        at += 3 + struct.unpack_from("<H", clx, at + 1)[0]
    if at + 5 > len(clx) or clx[at] != 0x02:
        raise ReadError(path, f"{kind}已损坏（找不到文字的分段表）")
    size, = struct.unpack_from("<I", clx, at + 1)
    plc = clx[at + 5:at + 5 + size]
    count = (len(plc) - 4) // 12
    if count <= 0:
        raise ReadError(path, f"{kind}已损坏（文字的分段表为空）")
    cps = struct.unpack_from(f"<{count + 1}i", plc, 0)
    budget = min(max(ccp_text, 0), limits.current().text_chars)
    parts: list[str] = []
    for k in range(count):
        length = cps[k + 1] - cps[k]
        if length < 0:
            raise ReadError(path, f"{kind}已损坏（文字的分段表顺序错乱）")
        length = min(length, budget)
        fc, = struct.unpack_from("<I", plc, 4 * (count + 1) + 8 * k + 2)
        if fc & 0x40000000:  # compressed: one byte per character, Windows-1252
            start = (fc & 0x3FFFFFFF) // 2
            parts.append(word[start:start + length].decode("cp1252", errors="replace"))
        else:
            start = fc & 0x3FFFFFFF
            parts.append(word[start:start + 2 * length].decode("utf-16-le", errors="replace"))
        budget -= length
        if budget <= 0:
            break
    return PieceText("".join(parts), word=True)


# ---------------------------------------------------------------- text to paragraphs


def _drop_field_codes(text: str) -> str:
    """Keep a field's result (after its separator), drop its code; fields nest. Field
    marks outside a field are damage: dropped too."""
    if FIELD_BEGIN not in text:
        return text.replace(FIELD_SEPARATOR, "").replace(FIELD_END, "")
    out: list[str] = []
    stack: list[bool] = []  # per open field: are we past its separator (showing the result)?
    for ch in text:
        if ch == FIELD_BEGIN:
            stack.append(False)
        elif ch == FIELD_SEPARATOR:
            if stack:
                stack[-1] = True
        elif ch == FIELD_END:
            if stack:
                stack.pop()
        elif all(stack):
            out.append(ch)
    return "".join(out)


def _row_text(cells: list[str]) -> str:
    """A table row as one line, its cells joined by a space; a form's row (label | text) as two
    lines of the same location, as the .docx reader gives it."""
    form = form_row(cells)
    return LINE_BREAK.join(form) if form else " ".join(cells)


def paragraphs(text: str) -> tuple[list[str], list[dict[str, int]]]:
    """Lines and their locations: one line per paragraph (``\\r``), a table row (cells
    ending in ``\\x07``, the row's own mark a second ``\\x07``) as one line with its cells
    joined by a space, a line break (``\\x0b``) splitting a paragraph into two lines with
    the same location, as the .docx reader does."""
    text = _drop_field_codes(text).translate(DROPPED)
    lines: list[str] = []
    locations: list[dict[str, int]] = []
    number = 0
    row: list[str] = []
    cell_closed = False
    current = ""

    def emit(paragraph: str) -> None:
        nonlocal number
        pieces = [p.strip() for p in paragraph.split(LINE_BREAK)]
        number += 1  # an empty paragraph too, as Word shows it (the .docx reader's count)
        if not any(pieces):
            return
        for piece in pieces:
            if piece:
                lines.append(piece)
                locations.append({"paragraph": number})

    for ch in text:
        if ch == CELL_END:
            if cell_closed and not current.strip():  # the row-end mark after the last cell
                emit(_row_text(row))
                row = []
                cell_closed = False
            else:
                if current.strip():
                    row.append(current.replace(LINE_BREAK, " ").strip())
                cell_closed = True
            current = ""
        elif ch == PAGE_BREAK and not current.strip() and not row:
            continue  # a page or section break between paragraphs is no paragraph of its own
        elif ch in (PARAGRAPH_END, PAGE_BREAK):
            if row and not cell_closed:
                current += " "  # a paragraph inside a cell: the cell goes on
                continue
            if row:
                emit(_row_text(row))
                row = []
            emit(current)
            current = ""
            cell_closed = False
        else:
            if cell_closed and ch.strip():
                cell_closed = False
            current += ch
    if row:
        emit(_row_text(row))
    emit(current)
    return lines, locations


# ---------------------------------------------------------------- LibreOffice


def soffice_path() -> str | None:
    """LibreOffice's soffice: ``CHECKER_SOFFICE`` (a path, or ``off`` to read by the piece
    table only), else :func:`find_soffice`."""
    configured = os.environ.get("CHECKER_SOFFICE", "").strip()
    if configured.lower() in OFF:
        return None
    return find_soffice(configured)


def find_soffice(configured: str = "") -> str | None:
    """``configured`` (a path or a command name), else PATH, else where installers put it."""
    if configured:
        return configured if Path(configured).is_file() else shutil.which(configured)
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return next((place for place in SOFFICE_PLACES if Path(place).is_file()), None)


def _timeout() -> int:
    value = os.environ.get("CHECKER_SOFFICE_TIMEOUT", "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else SOFFICE_TIMEOUT


class ConversionFailed(Exception):
    """LibreOffice did not produce a .docx; the reason is for a warning."""


def convert(data: bytes, suffix: str, soffice: str, target: str = "docx:MS Word 2007 XML") -> bytes:
    """The file converted by LibreOffice (``target``: extension and filter), in a temporary
    folder with its own profile, within the time limit."""
    with tempfile.TemporaryDirectory(prefix="checker-soffice-") as folder:
        source = Path(folder) / f"report{suffix}"
        source.write_bytes(data)
        out = Path(folder) / "out"
        command = [soffice, f"-env:UserInstallation={(Path(folder) / 'profile').as_uri()}",
                   "--headless", "--norestore", "--nologo", "--nolockcheck", "--nodefault",
                   "--convert-to", target, "--outdir", str(out), str(source)]
        posix = sys.platform != "win32"
        try:
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL, start_new_session=posix)
        except OSError as exc:
            raise ConversionFailed(f"无法启动 LibreOffice（{exc.strerror or exc}）") from None
        try:
            process.wait(timeout=_timeout())
        except subprocess.TimeoutExpired:
            _kill(process, posix)
            raise ConversionFailed(f"LibreOffice 转换超过 {_timeout()} 秒") from None
        result = out / f"report.{target.split(':', 1)[0]}"
        if not result.is_file() or result.stat().st_size == 0:
            raise ConversionFailed("LibreOffice 未能转换该文件")
        return result.read_bytes()


def _kill(process: subprocess.Popen[bytes], posix: bool) -> None:
    """soffice is a launcher that starts soffice.bin: end the whole process group."""
    try:
        if posix:
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
    except OSError:
        pass
    process.wait()


# ---------------------------------------------------------------- entry point


def read_as(data: bytes, path: str, suffix: str) -> Document:
    kind = KIND[suffix]
    pieces = piece_text(data, path, kind)
    soffice = soffice_path()
    switched_off = os.environ.get("CHECKER_SOFFICE", "").strip().lower() in OFF
    reason = "按设置（CHECKER_SOFFICE）不使用 LibreOffice" if switched_off else "未安装 LibreOffice"
    if soffice is not None:
        try:
            return _through_docx(convert(data, suffix, soffice), path, suffix)
        except ConversionFailed as exc:
            reason = str(exc)
    if not pieces.word:
        raise ReadError(path, f"无法读取这个 {kind}（不是 Word 97–2003 格式；{reason}）："
                              "请安装 LibreOffice 后重试，或在 WPS/Word 中另存为 .docx")
    lines, locations = paragraphs(pieces.text)
    document = Document(path=path, text="\n".join(lines), format=suffix[1:], line_locations=locations)
    document.warnings.append(f"{reason}，按旧版 Word 格式直接读取文字：自动编号（如“一、”）未读出，"
                             "标题层级可能不全；安装 LibreOffice 可完整读取")
    return document


def _through_docx(converted: bytes, path: str, suffix: str) -> Document:
    from checker.readers import docx

    try:
        document = docx.read(converted, path)
    except ReadError as exc:
        raise ConversionFailed(f"LibreOffice 转换结果无法读取（{exc.reason}）") from None
    document.format = suffix[1:]
    return document


def read(data: bytes, path: str) -> Document:
    return read_as(data, path, ".doc")
