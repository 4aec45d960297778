"""Deterministic synthetic SCO interview transcripts, with realistic scraping damage.

    python bench/generate.py N OUT_DIR [--seed S] [--markdown]

Writes OUT_DIR/content/ (transcripts in the two shipped layouts + site/topics/
speakers YAML copied from the project) and, with --markdown, OUT_DIR/markdown/:
the same interviews as Markdown with front matter (title, date, tags = topics,
authors = speakers) for the peers, Pelican and Hugo.
"""
from __future__ import annotations

import argparse
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SYLLABLES = ["ka", "ri", "mo", "ta", "li", "na", "shen", "bek", "dor", "va", "zhu", "ming",
             "as", "kar", "te", "rin", "so", "ha", "il", "yu", "an", "mir", "zo", "ev", "lan"]
ROLES = ["Secretary-General of the SCO", "Deputy Secretary-General of the SCO",
         "Minister of Foreign Affairs", "Special Envoy on SCO Affairs",
         "Director of the Regional Anti-Terrorist Structure", "Ambassador to China",
         "Chairman of the SCO Business Council", "Head of the SCO Energy Club",
         "Deputy Foreign Minister", "Professor of International Relations"]
PUBLISHERS = ["RIA Novosti", "Xinhua", "TASS", "Kazinform", "China Daily", "Shanghai Forum",
              "Eurasia Review", "Kabar", "Dunyo", "Khovar"]
TOPICS = {
    "security-counter-terrorism": ["regional security", "the fight against terrorism",
                                   "separatism and extremism", "the anti-terrorist structure",
                                   "joint security operations"],
    "drugs-organised-crime": ["drug trafficking", "transnational organized crime",
                              "money laundering", "the smuggling of narcotics"],
    "information-security": ["information security", "cyber threats",
                             "the international information space", "cybercrime"],
    "military-cooperation": ["joint military exercises", "defense cooperation",
                             "the Peace Mission exercises", "military contacts"],
    "economic-cooperation": ["trade and investment", "transport corridors",
                             "economic cooperation", "infrastructure projects"],
    "culture-humanitarian": ["cultural exchanges", "education and youth programmes",
                             "tourism and people-to-people contacts", "university networks"],
    "afghanistan": ["the situation in Afghanistan", "the SCO-Afghanistan contact group",
                    "reconstruction in Afghanistan"],
    "membership-expansion": ["new members and observers", "the expansion of membership",
                             "applications for observer status", "dialogue partners"],
    "russia-china-relations": ["relations between Russia and China",
                               "the Russian-Chinese partnership"],
    "international-organisations": ["cooperation with the United Nations",
                                    "contacts with ASEAN and the CIS", "the BRICS agenda"],
    "diplomatic-history": ["the history of the diplomatic service", "the embassy archives",
                           "diplomatic relations in the last century"],
    "energy": ["energy security", "oil and gas pipelines", "renewable energy projects"],
}
VERBS = ["we discussed", "the leaders agreed on", "the ministers reviewed",
         "our experts are working on", "the secretariat is preparing a plan for",
         "member states attach great importance to", "there is broad support for",
         "we expect progress on", "the summit will consider", "our countries cooperate on"]
CONNECT = ["In addition,", "At the same time,", "Moreover,", "As a result,", "Of course,",
           "In this context,", "Last year", "This year", "In the coming months", "Overall,"]
CLOSERS = ["which is very important for the region", "in the interests of all members",
           "on the basis of mutual trust", "in line with the Charter",
           "step by step and without haste", "with the support of the observers"]
QUESTIONS = ["What is your view on {t}?", "How will the organisation deal with {t}?",
             "What has changed in {t} in recent years?", "What are the plans for {t}?",
             "Could you comment on {t}?", "What role does {t} play today?"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


@dataclass
class Person:
    name: str
    role: str


def people(rng: random.Random, n: int = 200) -> list[Person]:
    out, seen = [], set()
    while len(out) < n:
        first = "".join(rng.choice(SYLLABLES) for _ in range(2)).capitalize()
        last = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        name = f"{first} {last}"
        if name not in seen:
            seen.add(name)
            out.append(Person(name, rng.choice(ROLES)))
    return out


def sentence(rng: random.Random, topic: str) -> str:
    phrase = rng.choice(TOPICS[topic])
    s = f"{rng.choice(CONNECT)} {rng.choice(VERBS)} {phrase}, {rng.choice(CLOSERS)}."
    return s[0].upper() + s[1:]


def paragraph(rng: random.Random, topics: list[str], words: int) -> str:
    out, count = [], 0
    while count < words:
        s = sentence(rng, rng.choice(topics))
        out.append(s)
        count += len(s.split())
    return " ".join(out)


def damage(rng: random.Random, text: str) -> str:
    """Lost spaces between words, after commas and full stops; NBSPs; stray spaces."""
    words = text.split(" ")
    out = [words[0]]
    for w in words[1:]:
        prev = out[-1]
        r = rng.random()
        if r < 0.04 and prev[-1:].isalpha() and w[:1].isalpha():
            out.append(w)  # nationstogether
        elif r < 0.06 and prev[-1:] in ",." and w[:1].isalpha():
            out.append(w)  # support,protracted
        elif r < 0.065:
            out.append("\u00a0" + w)
        elif r < 0.07 and w[:1].isalpha() and prev[-1:] == ",":
            out[-1] = prev[:-1] + " ,"
            out.append(w)
        else:
            out.append(" " + w)
    return "".join(out)


def interview(rng: random.Random, i: int, cast: list[Person]) -> dict:
    year = 2001 + (i * 7919) % 26
    date = (year, rng.randint(1, 12), rng.randint(1, 28))
    who = rng.choice(cast)
    asker = rng.choice(cast)
    while asker is who:
        asker = rng.choice(cast)
    topics = rng.sample(sorted(TOPICS), rng.randint(2, 4))
    n_turns = rng.randint(3, 10) * 2  # 6-20 turns
    target = rng.randint(800, 2500)
    per_answer = max(40, target // (n_turns // 2) - 15)
    turns = []
    for _ in range(n_turns // 2):
        t = rng.choice(topics)
        turns.append(("q", rng.choice(QUESTIONS).format(t=rng.choice(TOPICS[t]))))
        paras = [paragraph(rng, [t] + topics[:1], per_answer // 2) for _ in range(2)]
        turns.append(("a", paras))
    headline = f"{who.name}: {paragraph(rng, topics, 6).split(',')[0].rstrip('.')}"
    return {"date": date, "who": who, "asker": asker, "topics": topics, "turns": turns,
            "publisher": rng.choice(PUBLISHERS), "headline": headline,
            "layout": "a" if i % 2 == 0 else "b",
            "lead": paragraph(rng, topics, 30)}


def render_a(rng, iv) -> str:
    y, m, d = iv["date"]
    lines = [f"Hello, welcome to visit {iv['publisher']}", "News Center", iv["headline"],
             f"Author:\u00a0\u00a0|\u00a0 Publication Date:{y}-{m:02d}-{d:02d}",
             damage(rng, iv["lead"]), f"Reporter:{iv['asker'].name}", ""]
    for kind, text in iv["turns"]:
        if kind == "q":
            lines.append(f"Reporter: {damage(rng, text)}")
        else:
            lines.append(f"{iv['who'].name}: {damage(rng, text[0])}")
            lines.extend(damage(rng, p) for p in text[1:])
    lines += ["", "Introduction:", f"{iv['who'].name}, {iv['who'].role}", "", "Related Articles"]
    return "\n\n".join(lines) + "\n"


def render_b(rng, iv) -> str:
    y, m, d = iv["date"]
    lines = [f"{MONTHS[m - 1]} {d}, {y}",
             f"Interview : {iv['who'].name} ,{iv['who'].role}",
             f"Interview of {iv['who'].role} {iv['who'].name} with the news agency "
             f"{iv['publisher']} 08:00 {d:02d}/ {m:02d}/ {y}"]
    n = 0
    for kind, text in iv["turns"]:
        if kind == "q":
            n += 1
            lines.append(f"{n}. Question: {damage(rng, text)}")
        else:
            lines.append(f"Answer: {damage(rng, text[0])}")
            lines.extend(damage(rng, p) for p in text[1:])
    lines.append("No comments:")
    return "\n\n".join(lines) + "\n"


def markdown(iv, stem: str) -> str:
    y, m, d = iv["date"]
    speakers = [iv["who"].name, iv["asker"].name]
    body = []
    for kind, text in iv["turns"]:
        if kind == "q":
            body.append(f"**Question:** {text}")
        else:
            body.append(f"**{iv['who'].name}:** {text[0]}")
            body.extend(text[1:])
    title = iv["headline"].replace('"', "'")
    return ("---\n" f'title: "{title}"\n' f"slug: {stem}\n" f"date: {y}-{m:02d}-{d:02d}\n"
            f"tags: [{', '.join(iv['topics'])}]\n"
            f"authors: [{', '.join(speakers)}]\n" "---\n\n" + "\n\n".join(body) + "\n")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def generate(n: int, out: Path, seed: int = 1, with_markdown: bool = False,
             start: int = 0) -> list[Path]:
    rng = random.Random(seed)
    cast = people(random.Random(seed + 1000))
    content = out / "content"
    (content / "transcripts").mkdir(parents=True, exist_ok=True)
    for name in ("site.yaml", "topics.yaml", "speakers.yaml"):
        if not (content / name).exists():
            shutil.copy(ROOT / "content" / name, content / name)
    written = []
    for i in range(n):
        irng = random.Random(f"{seed}-{start + i}")  # each interview independent of N
        iv = interview(irng, start + i, cast)
        y, m, d = iv["date"]
        stem = f"{y}-{m:02d}-{d:02d}-{slug(iv['who'].name)}-{start + i}"
        text = render_a(irng, iv) if iv["layout"] == "a" else render_b(irng, iv)
        path = content / "transcripts" / f"{stem}.txt"
        path.write_text(text, encoding="utf-8")
        written.append(path)
        if with_markdown:
            md = out / "markdown"
            md.mkdir(exist_ok=True)
            (md / f"{stem}.md").write_text(markdown(iv, stem), encoding="utf-8")
    del rng
    return written


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("n", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args()
    paths = generate(args.n, args.out, args.seed, args.markdown)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} transcripts ({size / 1e6:.1f} MB) to {args.out / 'content'}")


if __name__ == "__main__":
    main()
