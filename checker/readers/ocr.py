"""Text from pictures: scanned PDF pages, image-only OFD pages, .png/.jpg/.tif files.

The engine is RapidOCR (``rapidocr-onnxruntime`` 1.4.x, the ``ocr`` extra): the
PP-OCRv4 Chinese detection and recognition models ship inside its wheel, so nothing
is downloaded at run time. Chosen over tesseract + chi_sim on a scan rendered from a
report written here (docs/readers.md has the figures): fewer character errors, the
issuer under a red seal kept, and it installs from PyPI on Windows too.

Each page, before recognition:

* the red channel only: a red seal becomes paper and the black 落款 under it stays
  (a colour scan of a stamped copy otherwise loses the issuer's name), then the
  paper's grey is lifted to white;
* no angle classifier: pages are upright, and the classifier turned lines that open
  with （一） upside down and lost them.

Each recognised line becomes characters spread over its box (Chinese one unit wide,
Latin and digits half), handed to the PDF reader's line and paragraph rebuilding.
A few slips the recogniser makes on printed reports are mended (``REPAIRS``).

Limits: pages per file, seconds per page (past the budget the rest is skipped with
a warning), pixels per image. Progress: :func:`set_progress` (the CLI shows it).
"""

from __future__ import annotations

import importlib.util
import os
import time
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import Any

import regex

from checker.errors import ReadError
from checker.readers.layout import Char, PageLines, is_wide, page_lines

EXTRA_HINT = 'pip install "checker[ocr]"'
RENDER_DPI = 150  # PDF pages are rendered at this resolution for recognition
LONG_SIDE = 2000  # larger pictures are scaled down to this many pixels on the long side
PAPER = 200  # after the red channel is taken, lighter than this is paper
# (pattern, replacement): what the recogniser misreads on printed Chinese reports.
REPAIRS = (
    (regex.compile(r"(?<=\d)[，,](?=\d{3}(?!\d))"), ","),  # 1，024 → 1,024 (a digit group)
    (regex.compile(r"(?<=\d{4}[年]?)[一](?=\d{4})"), "—"),  # 2021一2025 → 2021—2025
    (regex.compile(r"丶"), "、"),
    (regex.compile(r"(?<=[%％\d])°$"), "。"),
)

Progress = Callable[[str, int, int], None]
_progress: list[Progress] = []


def set_progress(callback: Progress | None) -> None:
    """Call ``callback(path, done, total)`` after each recognised page (None: stop)."""
    _progress.clear()
    if callback is not None:
        _progress.append(callback)


def _env(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else default


def max_pages() -> int:
    return _env("CHECKER_OCR_MAX_PAGES", 100)


def page_seconds() -> int:
    return _env("CHECKER_OCR_PAGE_SECONDS", 120)


def max_pixels() -> int:
    return _env("CHECKER_IMAGE_MAX_PIXELS", 60_000_000)


def available() -> bool:
    """Whether the OCR extra is installed (without importing it: that takes a second)."""
    return all(importlib.util.find_spec(name) is not None for name in ("rapidocr_onnxruntime", "PIL", "numpy"))


def missing_message(what: str) -> str:
    return f"{what}，需要文字识别（OCR）组件才能检查：请安装 {EXTRA_HINT}"


@cache
def _engine() -> Any:
    from rapidocr_onnxruntime import RapidOCR

    # Detection at the picture's own size up to 2000 px (the default scales small pictures
    # up to 736 px on their short side: a strip of three lines took five times longer).
    return RapidOCR(text_score=0.5, print_verbose=False, det_limit_type="max", det_limit_side_len=LONG_SIDE)


# ---------------------------------------------------------------- pictures


def _open_picture(data: bytes, path: str) -> Any:
    import io

    from PIL import Image, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = None  # the limit is ours, checked before any pixel is decoded
    try:
        return Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError):
        raise ReadError(path, "图片已损坏或格式不受支持") from None


def frame_count(data: bytes, path: str) -> int:
    """How many pictures an image file holds (a multi-page TIFF has several)."""
    picture = _open_picture(data, path)
    try:
        return max(1, int(getattr(picture, "n_frames", 1)))
    except Exception:
        raise ReadError(path, "图片已损坏，无法读取") from None


def decode_image(data: bytes, path: str, index: int = 0) -> Any:
    """Frame ``index`` of an image file as a BGR array, within the pixel limit."""
    import numpy

    picture = _open_picture(data, path)
    try:
        picture.seek(index)
        width, height = picture.size
        if width * height > max_pixels():
            raise ReadError(path, f"图片过大（{width}×{height} 像素，上限 {max_pixels()} 像素，"
                                  "CHECKER_IMAGE_MAX_PIXELS）")
        if width < 16 or height < 16:
            raise ReadError(path, f"图片太小（{width}×{height} 像素），无法识别文字")
        rgb = picture.convert("RGB")
        return numpy.ascontiguousarray(numpy.asarray(rgb)[:, :, ::-1])
    except ReadError:
        raise
    except Exception as exc:  # Pillow reports damage lazily, when the pixels are decoded
        raise ReadError(path, f"图片已损坏，无法读取（{type(exc).__name__}）") from None


def prepare(image: Any) -> Any:
    """Red channel only (seals vanish), paper lifted to white, scaled to the working size."""
    import cv2
    import numpy

    if image.ndim == 3 and image.shape[2] >= 3:
        grey = image[:, :, 2]  # BGR: red
    elif image.ndim == 3:
        grey = image[:, :, 0]
    else:
        grey = image
    grey = numpy.where(grey > PAPER, 255, grey).astype(numpy.uint8)
    height, width = grey.shape[:2]
    if max(height, width) > LONG_SIDE:
        factor = LONG_SIDE / max(height, width)
        grey = cv2.resize(grey, (max(1, int(width * factor)), max(1, int(height * factor))),
                          interpolation=cv2.INTER_AREA)
    return numpy.ascontiguousarray(numpy.dstack([grey, grey, grey]))


# ---------------------------------------------------------------- recognised lines to characters


def repair(text: str) -> str:
    for pattern, replacement in REPAIRS:
        text = pattern.sub(replacement, text)
    return text


def chars_of(result: Iterable[Any], scale: float) -> list[Char]:
    """Characters spread over each recognised box (pixels times ``scale`` = points)."""
    chars: list[Char] = []
    for box, text, _score in result:
        text = repair(str(text).strip())
        if not text:
            continue
        xs = [float(point[0]) for point in box]
        ys = [float(point[1]) for point in box]
        left, right, top, bottom = min(xs), max(xs), min(ys), max(ys)
        weights = [1.0 if is_wide(ch) else 0.5 for ch in text]
        unit = (right - left) / sum(weights)
        x = left
        for ch, weight in zip(text, weights, strict=True):
            if not ch.isspace():
                chars.append(Char(ch, x * scale, (x + unit * weight) * scale, -bottom * scale, -top * scale))
            x += unit * weight
    return chars


def recognise(jobs: Sequence[tuple[int, Callable[[], Any]]], path: str,
              dpi: float = RENDER_DPI) -> tuple[dict[int, PageLines], list[str]]:
    """OCR each (page number, picture loader); the pages read, and warnings."""
    warnings: list[str] = []
    if len(jobs) > max_pages():
        warnings.append(f"共 {len(jobs)} 页需要文字识别，只识别前 {max_pages()} 页（CHECKER_OCR_MAX_PAGES）")
        jobs = jobs[:max_pages()]
    try:
        engine = _engine()
    except Exception as exc:  # a broken install (missing libGL, onnxruntime) surfaces here
        raise ReadError(path, f"文字识别（OCR）组件无法加载（{type(exc).__name__}: {str(exc)[:80]}），"
                              f"请重新安装：{EXTRA_HINT}") from None
    pages: dict[int, PageLines] = {}
    started = time.monotonic()
    budget = page_seconds()
    for done, (number, load) in enumerate(jobs, start=1):
        image = prepare(load())
        try:
            result, _ = engine(image, use_cls=False)
        except Exception as exc:
            raise ReadError(path, f"第 {number} 页文字识别失败（{type(exc).__name__}）") from None
        # Only relative geometry matters downstream: points at the nominal resolution.
        pages[number] = page_lines(number, chars_of(result or [], 72 / dpi))
        for callback in _progress:
            callback(path, done, len(jobs))
        if done < len(jobs) and time.monotonic() - started > budget * done:
            warnings.append(f"文字识别超时（每页限 {budget} 秒，CHECKER_OCR_PAGE_SECONDS），"
                            f"只识别了前 {done} 页")
            break
    if pages:
        listed = _ranges(sorted(pages))
        warnings.insert(0, f"第 {listed} 页是图片，文字由 OCR 识别得出，个别字词可能识别有误")
    return pages, warnings


def _ranges(numbers: list[int]) -> str:
    """1、2、3、5 → 1–3、5"""
    spans: list[list[int]] = []
    for number in numbers:
        if spans and number == spans[-1][1] + 1:
            spans[-1][1] = number
        else:
            spans.append([number, number])
    return "、".join(f"{a}–{b}" if b > a else str(a) for a, b in spans)
