"""The printed report (``--format pdf``): the HTML report printed on A4 by headless Chromium.

The HTML report carries its own print stylesheet (a cover with the register, 基準日, packs and
the report's digest; the list of findings; a page per supporter with the timeline; the appendix
of provisions cited), so the PDF is exactly what an officer gets by printing the page. Chromium
is the Debian package ``chromium`` (``make browser`` installs it with fonts-noto-cjk); where it is
missing the error names it and says how to install it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from governance.errors import Problem, UsageError
from governance.findings.models import Report
from governance.render.html import render_html

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
"""The browsers tried, in order (``GOVERNANCE_CHROMIUM`` names another)."""
TIMEOUT = 120


def _problem(message: str) -> UsageError:
    return UsageError([Problem(file="--format pdf", message=message)])


def _candidates() -> tuple[str, ...]:
    named = os.environ.get("GOVERNANCE_CHROMIUM")
    return (named,) if named else BROWSERS


def browser() -> str | None:
    """The headless browser that prints the report, or None when none is installed."""
    return next((found for name in _candidates() if (found := shutil.which(name))), None)


def render_pdf(report: Report, lang: str) -> bytes:
    """The report as the bytes of an A4 PDF, printed from the HTML report by headless Chromium.

    Raises `UsageError` naming the missing browser when none is installed, and when it fails.
    """
    program = browser()
    if program is None:
        raise _problem(
            "--format pdf prints the HTML report with headless Chromium, and no chromium is "
            "installed (tried: " + ", ".join(_candidates()) + "). Install it with `make browser` "
            "(Debian: apt-get install chromium fonts-noto-cjk), or write --format html and print "
            "that from a browser."
        )
    with tempfile.TemporaryDirectory(prefix="governance-pdf-") as folder:
        page = Path(folder) / "report.html"
        out = Path(folder) / "report.pdf"
        page.write_text(render_html(report, lang), encoding="utf-8")
        command = [
            program,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            f"--user-data-dir={Path(folder) / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={out}",
            page.as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise _problem(f"{program} did not print the report within {TIMEOUT} s") from None
        if done.returncode != 0 or not out.exists() or out.stat().st_size == 0:
            tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
            raise _problem(
                f"{program} could not print the report (exit {done.returncode}): "
                + " / ".join(tail)
            )
        return out.read_bytes()
