"""The built site served for real: nginx and http.server under /archive/."""
from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request

import pytest
from bs4 import BeautifulSoup

from servers import nginx, python_http


def crawl(base: str, limit: int = 400) -> dict[str, int]:
    """Follow every internal link from the front page; url -> HTTP status."""
    seen: dict[str, int] = {}
    todo = [base + "index.html"]
    while todo and len(seen) < limit:
        url = todo.pop()
        if url in seen:
            continue
        try:
            with urllib.request.urlopen(url, timeout=5) as resp:
                seen[url] = resp.status
                body = resp.read()
                kind = resp.headers.get("Content-Type", "")
        except urllib.error.HTTPError as err:
            seen[url] = err.code
            continue
        if "html" not in kind:
            continue
        for a in BeautifulSoup(body, "html.parser").find_all(["a", "link"], href=True):
            target = urllib.parse.urljoin(url, a["href"]).split("#")[0]
            if target.startswith(base) and target not in seen:
                todo.append(target)
    return seen


@pytest.mark.parametrize("server", ["nginx", "http.server"])
def test_every_link_resolves_under_a_sub_path(built_site, tmp_path, server):
    ctx = nginx(built_site, tmp_path / "nginx") if server == "nginx" else python_http(built_site)
    with ctx as base:
        seen = crawl(base)
    bad = {u: s for u, s in seen.items() if s != 200}
    assert not bad
    assert any(re.search(r"/interviews/[^/]+/index\.html$", u) for u in seen)
    assert any("/speakers/" in u for u in seen) and any("/topics/" in u for u in seen)
    assert len(seen) > 10
