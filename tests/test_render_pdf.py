"""The printed report (`--format pdf`), looked at as a person would: its pages rendered to images.

Needs Debian's ``chromium`` and ``fonts-noto-cjk`` (``make browser``) and ``poppler-utils``
(``make office``: pdfinfo, pdftotext, pdftoppm); each test says which is missing when it skips.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from governance import Report
from governance.errors import UsageError
from governance.render.markdown import group_by_supporter
from governance.render.pdf import render_pdf

MM = 72 / 25.4
MARGIN_X = 14 * MM
"""The print stylesheet's left and right page margins (``@page { margin: 16mm 14mm }``)."""
WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)


def _need(*tools: str) -> None:
    for tool in tools:
        if shutil.which(tool) is None:
            hint = "make browser" if tool == "chromium" else "make office (poppler-utils)"
            pytest.skip(f"{tool} is not installed ({hint}): the printed report is not checked")


def _run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=120).stdout


@pytest.fixture(scope="module")
def pdf(report: Report, tmp_path_factory: pytest.TempPathFactory) -> Path:
    _need("chromium", "pdfinfo", "pdftotext", "pdftoppm")
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    path.write_bytes(render_pdf(report, "ja"))
    return path


def _pages(pdf: Path) -> int:
    return int(re.search(r"Pages:\s+(\d+)", _run("pdfinfo", str(pdf)))[1])  # type: ignore[index]


def _text(pdf: Path, page: int) -> str:
    return _run("pdftotext", "-raw", "-f", str(page), "-l", str(page), str(pdf), "-")


def _gray(pdf: Path, page: int, box: tuple[float, float, float, float], dpi: int = 100) -> bytes:
    """The pixels (8-bit gray) of `box` (points) on `page`, rendered by pdftoppm."""
    x0, y0, x1, y1 = (round(v * dpi / 72) for v in box)
    out = subprocess.run(
        ["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page),
         "-x", str(x0), "-y", str(y0), "-W", str(x1 - x0), "-H", str(y1 - y0), str(pdf)],
        capture_output=True, check=True, timeout=120,
    ).stdout  # fmt: skip
    header = out.split(b"\n", 3)  # P5, width height, maxval, pixels
    assert header[0] == b"P5"
    return header[3]


def test_the_report_prints_a_cover_the_list_a_page_per_supporter_and_the_appendix(
    pdf: Path, report: Report
) -> None:
    groups = group_by_supporter(report)
    pages = _pages(pdf)
    starts = [_text(pdf, n).strip().splitlines()[0].strip() for n in range(1, pages + 1)]
    assert starts[0] == "利益相反チェック報告書"
    assert "kesennuma-2027" in _text(pdf, 1)
    assert "基準日 2027年3月31日" in _text(pdf, 1)
    assert starts[1] == "指摘一覧"
    names = [report.names.get(s, s) if s else "伴走支援者に紐付かない指摘" for s, _ in groups]
    opened = [i for i, s in enumerate(starts) if any(s.startswith(n) for n in names)]
    assert len(opened) == len(groups)  # each supporter opens a page of their own
    appendix = [i for i, s in enumerate(starts) if s.replace(" ", "") == "別紙根拠条文"]
    assert len(appendix) == 1 and appendix[0] > max(opened)  # the appendix comes last
    assert pages == 41  # the reasons under two findings (because:) take a page more


def test_no_table_runs_off_the_page(pdf: Path) -> None:
    """Every word printed lies inside the page's margins: no table or path is clipped."""
    for page in range(1, _pages(pdf) + 1):
        layout = _run("pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-")
        width = float(re.search(r'<page width="([\d.]+)"', layout)[1])  # type: ignore[index]
        words = WORD.findall(layout)
        assert words, f"page {page} prints nothing"
        for x_min, _, x_max, _, text in words:
            assert float(x_min) >= MARGIN_X - 1, (page, text)
            assert float(x_max) <= width - MARGIN_X + 1, (page, text, x_max)


def test_japanese_glyphs_are_drawn_not_boxes(pdf: Path) -> None:
    """The cover's title, character by character: each has ink and no two look alike (a font
    without Japanese would draw the same empty box for each)."""
    if "Noto Sans CJK JP" not in _run("fc-list", ":lang=ja", "family"):
        pytest.skip("fonts-noto-cjk is not installed (make browser)")
    layout = _run("pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-")
    boxes = {t: tuple(map(float, b)) for *b, t in WORD.findall(layout) if t in "利反報告書"}
    assert sorted(boxes) == sorted("利反報告書")
    images = [_gray(pdf, 1, box) for box in boxes.values()]  # type: ignore[arg-type]
    for image in images:
        assert min(image) < 100  # dark ink
    assert len(set(images)) == len(images)


def test_without_a_browser_the_error_names_it(
    report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GOVERNANCE_CHROMIUM", "no-such-chromium")
    with pytest.raises(UsageError) as raised:
        render_pdf(report, "ja")
    assert str(raised.value) == (
        "--format pdf: --format pdf prints the HTML report with headless Chromium, and no "
        "chromium is installed (tried: no-such-chromium). Install it with `make browser` "
        "(Debian: apt-get install chromium fonts-noto-cjk), or write --format html and print "
        "that from a browser."
    )
