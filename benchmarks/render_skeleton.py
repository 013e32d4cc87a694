"""Render the ``checker init`` Word skeleton as a drafter's Word would show it, to look at.

    python benchmarks/render_skeleton.py [--template gov-annual] [--year 2024] [--out docs]

Writes the skeleton (.docx), converts it with LibreOffice (soffice --headless) to PDF and
each page with poppler's pdftoppm to PNG: ``OUT/skeleton-TEMPLATE-1.png``, ``-2.png`` … (the
picture in docs/drafting.md is made this way). Prints the paths and the page size pdftoppm read, so
a run also checks A4 and the page count. LibreOffice substitutes the fonts a machine lacks
(方正小标宋简体, 仿宋_GB2312 ...) with the CJK fonts it has; the layout is what is checked.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def render(template: str, year: int, out: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftoppm") is None:
        sys.exit("需要 LibreOffice（soffice）和 poppler（pdftoppm）")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        docx = folder / f"skeleton-{template}.docx"
        subprocess.run([sys.executable, "-m", "checker", "init", "--template", template, "--year", str(year),
                        "--format", "docx", "-o", str(docx), "--force"], check=True, cwd=ROOT,
                       stdout=subprocess.DEVNULL)
        profile = folder / "profile"  # a private profile: no clash with a running LibreOffice
        fonts = folder / "fonts.conf"
        fonts.write_text(_fontconfig(), encoding="utf-8")
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(folder), str(docx)], check=True, capture_output=True, timeout=180,
                       env={**os.environ, "FONTCONFIG_FILE": str(fonts)})
        pdf = docx.with_suffix(".pdf")
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=False).stdout
        print("\n".join(line for line in info.splitlines() if line.startswith(("Pages", "Page size"))))
        target = out / f"skeleton-{template}"
        subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf), str(target)], check=True)
        shutil.copy(docx, out / docx.name)
    return out


# The fonts a Chinese office has, mapped to the free CJK fonts of the same kind (serif 宋/仿宋/楷,
# sans 黑体), so that the picture shows the hierarchy the document asks for.
SUBSTITUTES = {"方正小标宋简体": "Noto Serif CJK SC", "仿宋_GB2312": "Noto Serif CJK SC", "仿宋": "Noto Serif CJK SC",
               "楷体_GB2312": "Noto Serif CJK SC", "宋体": "Noto Serif CJK SC", "黑体": "Noto Sans CJK SC"}


def _fontconfig() -> str:
    aliases = "".join(f"<alias binding=\"same\"><family>{name}</family><prefer><family>{free}</family></prefer></alias>"
                      for name, free in SUBSTITUTES.items())
    return ('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
            '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>' + aliases + "</fontconfig>")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--template", default="gov-annual")
    parser.add_argument("--year", type=int, default=2024)
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "checker-skeleton")
    args = parser.parse_args()
    print(render(args.template, args.year, args.out))


if __name__ == "__main__":
    main()
