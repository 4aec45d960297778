"""schema.org JSON-LD for an interview page, safe inside <script>. Pure."""
from __future__ import annotations

import json

from .model import Interview


def interview_jsonld(iv: Interview, url: str | None, topic_names: dict[str, str],
                     archive_title: str, kinds: dict[str, str] | None = None) -> dict:
    """schema.org has no Interview type: an Article ``about`` the topics, whose
    ``mentions`` are the speakers, with the interviewees as ``author``s. ``kinds``
    maps a name to its speakers.yaml kind: an organisation is an ``Organization``."""
    kinds = kinds or {}

    def typed(name: str) -> str:
        return "Organization" if kinds.get(name) == "organisation" or name == iv.publisher \
            else "Person"

    people = [{"@type": typed(p.name), "name": p.name,
               **({"jobTitle": p.role} if p.role and typed(p.name) == "Person" else {})}
              for p in iv.interviewees]
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Article",
        "genre": "interview",
        "headline": iv.title,
        "inLanguage": iv.language,
        "author": people or None,
        "about": [{"@type": "Thing", "name": topic_names.get(s, s)} for s in iv.topics],
        "mentions": [{"@type": typed(n), "name": n} for n in iv.speakers],
        "isPartOf": {"@type": "WebSite", "name": archive_title},
    }
    if iv.date:
        data["datePublished"] = iv.date
    if iv.publisher:
        data["publisher"] = {"@type": "Organization", "name": iv.publisher}
    if iv.interviewer:
        data["contributor"] = {"@type": typed(iv.interviewer), "name": iv.interviewer,
                               "roleName": "interviewer"}
    if iv.lead:
        data["description"] = iv.lead
    if iv.source_url:
        data["isBasedOn"] = iv.source_url  # the original publication
    if url:
        data["url"] = url
    return {k: v for k, v in data.items() if v is not None}


def script_json(data) -> str:
    """JSON that cannot close its <script> element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
