"""Pictures of a report (.png .jpg .tif): a photographed or scanned copy, read by OCR.

Each frame of the file is a page (a multi-page TIFF is a whole report); locations
are page and line, as for a PDF. Needs the ``ocr`` extra (:mod:`checker.readers.ocr`).
"""

from __future__ import annotations

from functools import partial

from checker.errors import ReadError
from checker.readers import ocr
from checker.readers.layout import layout
from checker.text.document import Document


def read(data: bytes, path: str) -> Document:
    if not ocr.available():
        raise ReadError(path, ocr.missing_message("图片中的文字要经过识别"))
    count = ocr.frame_count(data, path)
    jobs = [(k + 1, partial(ocr.decode_image, data, path, k)) for k in range(count)]
    recognised, warnings = ocr.recognise(jobs, path)
    pages = [recognised[number] for number in sorted(recognised)]
    if not any(page.lines for page in pages):
        raise ReadError(path, "图片中没有识别出文字")
    texts, locations = layout(pages)
    document = Document(path=path, text="\n".join(texts), format="image", line_locations=locations,
                        warnings=warnings)
    document.ocr_lines = set(range(len(texts)))
    document.metadata["pages"] = str(count)
    return document
