"""Atom feeds, sitemap and robots.txt as text. Pure functions.

Built with xml.etree so every value is escaped; timestamps come from the
interviews' own dates, never the wall clock, so builds are reproducible.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

ATOM = "http://www.w3.org/2005/Atom"
ET.register_namespace("", ATOM)


@dataclass(frozen=True, slots=True)
class Entry:
    title: str
    url: str  # absolute when base_url is set, else site-relative
    date: str | None  # ISO date
    summary: str
    author: str | None = None
    id: str | None = None  # the entry's IRI when its url is not one (relative)


def atom(feed_title: str, feed_url: str, site_url: str, entries: list[Entry],
         feed_id: str) -> str:
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = feed_title
    ET.SubElement(feed, f"{{{ATOM}}}id").text = feed_id
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=feed_url)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=site_url)
    dates = [e.date for e in entries if e.date]
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(max(dates) if dates else None)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = feed_title
    for e in entries:
        item = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(item, f"{{{ATOM}}}title").text = e.title
        ET.SubElement(item, f"{{{ATOM}}}id").text = e.id or e.url
        ET.SubElement(item, f"{{{ATOM}}}link", rel="alternate", href=e.url)
        ET.SubElement(item, f"{{{ATOM}}}updated").text = _stamp(e.date)
        if e.author:
            who = ET.SubElement(item, f"{{{ATOM}}}author")
            ET.SubElement(who, f"{{{ATOM}}}name").text = e.author
        ET.SubElement(item, f"{{{ATOM}}}summary").text = e.summary
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, "unicode") + "\n"


def _stamp(date: str | None) -> str:
    return f"{date or '1970-01-01'}T00:00:00Z"


def sitemap(urls: list[str]) -> str:
    ns = "http://www.sitemaps.org/schemas/sitemap/0.9"
    root = ET.Element("urlset", xmlns=ns)
    for url in sorted(set(urls)):
        ET.SubElement(ET.SubElement(root, "url"), "loc").text = url
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def robots(base_url: str | None) -> str:
    lines = ["User-agent: *", "Allow: /"]
    if base_url:
        lines.append(f"Sitemap: {base_url}sitemap.xml")
    return "\n".join(lines) + "\n"
