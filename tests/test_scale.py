"""A few hundred generated interviews: pagination is linked, crawlable and light."""
from __future__ import annotations

import sys
from pathlib import Path

from bs4 import BeautifulSoup

from scogen.archive import load_archive
from scogen.build import build
from scogen.check import check_site

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from generate import generate  # noqa: E402


def test_paginated_listings(tmp_path):
    generate(230, tmp_path / "content", seed=11)
    out = tmp_path / "site"
    build(load_archive(tmp_path / "content"), ROOT / "templates", out, quiet=True,
          search=False)
    assert check_site(out) == []
    pages = sorted((out / "interviews").glob("page-*/index.html"))
    assert [p.parent.name for p in pages] == ["page-2", "page-3"]
    first = BeautifulSoup((out / "interviews" / "index.html").read_text(), "html.parser")
    assert first.find("a", rel="next")["href"] == "page-2/index.html"
    listed = set()
    for page in [out / "interviews" / "index.html", *pages]:
        doc = BeautifulSoup(page.read_text(), "html.parser")
        listed |= {a["href"].split("interviews/")[-1].split("/")[0]
                   for a in doc.select("a.interview-link")}
    assert len(listed) == 230  # every interview reachable through the pages
    biggest = max(p.stat().st_size for p in out.rglob("*.html"))
    assert biggest < 300 * 1024
