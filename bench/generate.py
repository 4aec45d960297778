"""Deterministic synthetic SCO interview transcripts, with realistic scraping damage.

    python bench/generate.py N OUT_DIR [--seed S] [--markdown DIR]

Writes OUT_DIR/transcripts/YYYY-MM-DD-<speaker-slug>[-n].txt in the two shipped
layouts, plus OUT_DIR/site.yaml, topics.yaml and speakers.yaml copied from the
project's content/ (minimal ones made from the generator's own vocabulary where
the project has none yet), so OUT_DIR is a scogen content folder. With
--markdown DIR it also writes the same interviews as Markdown with front matter
(title, date, tags = the topics whose vocabulary the interview used, authors =
its speakers) for the peers, Pelican and Hugo.

Interview i depends only on (seed, i), never on N, so the first 1,000 of 5,000
are the 1,000, and `start` adds new interviews to an existing folder.
"""
from __future__ import annotations

import argparse
import random
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFIG_FILES = ("site.yaml", "topics.yaml", "speakers.yaml")

# --- vocabulary ------------------------------------------------------------------

SYLLABLES = ["ka", "ri", "mo", "ta", "li", "na", "shen", "bek", "dor", "va", "zhu", "ming",
             "as", "kar", "te", "rin", "so", "ha", "il", "yu", "an", "mir", "zo", "ev", "lan",
             "gul", "tem", "ser", "jiao", "nur", "sul", "pa", "vel", "chen", "ros", "dim"]
OFFICES = ["Secretary-General of the SCO", "Deputy Secretary-General of the SCO",
           "Minister of Foreign Affairs of {c}", "Deputy Foreign Minister of {c}",
           "Special Envoy of the President of {c} on SCO Affairs",
           "Director of the Executive Committee of the SCO Regional Anti-Terrorist Structure",
           "Ambassador of {c} to China", "Ambassador of {c} to Russia",
           "Chairman of the SCO Business Council", "Head of the SCO Energy Club",
           "National Coordinator of {c} for the SCO", "Secretary of the Security Council of {c}",
           "Professor of International Relations at the University of {p}",
           "Director of the Institute of Central Asian Studies in {p}"]
COUNTRIES = ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Uzbekistan", "Russia", "China",
             "India", "Pakistan", "Iran", "Belarus", "Mongolia"]
PLACES = ["Bishkek", "Astana", "Tashkent", "Dushanbe", "Beijing", "Moscow", "Shanghai",
          "Yekaterinburg", "Ufa", "Qingdao", "Samarkand", "Islamabad", "New Delhi", "Tehran",
          "Minsk", "Almaty", "Osh", "Khujand", "Chengdu", "Novosibirsk"]
PUBLISHERS = ["RIA Novosti", "Xinhua", "TASS", "Kazinform", "China Daily", "Shanghai Forum",
              "Eurasia Review", "Kabar", "Dunyo", "Khovar", "People's Daily", "Interfax"]
BODIES = ["the Council of Heads of State", "the Council of Foreign Ministers",
          "the SCO Secretariat", "the Regional Anti-Terrorist Structure",
          "the SCO Business Council", "the SCO Interbank Consortium",
          "the Council of National Coordinators", "the SCO Energy Club",
          "the SCO Youth Council", "the SCO Forum"]
# Each topic: the phrases an interview on it is made of (its nouns are what a
# keyword tagger would look for; the Markdown tags name the topics used).
TOPICS = {
    "security-counter-terrorism": [
        "regional security", "the fight against terrorism", "terrorism, separatism and "
        "extremism", "the three evils", "the Regional Anti-Terrorist Structure",
        "joint counter-terrorist operations", "the extradition of suspects",
        "the database of wanted terrorists", "border security", "the threat of extremism",
        "religious radicalism", "security cooperation"],
    "drugs-organised-crime": [
        "drug trafficking", "transnational organized crime", "money laundering",
        "the smuggling of narcotics", "illegal migration", "the anti-drug strategy",
        "the trafficking of precursors", "the Northern Route of heroin",
        "arms smuggling", "the anti-drug security belt"],
    "information-security": [
        "information security", "cyber threats", "the international information space",
        "cybercrime", "the use of the Internet by terrorists", "critical infrastructure",
        "the code of conduct in the information space", "data protection"],
    "military-cooperation": [
        "joint military exercises", "defense cooperation", "the Peace Mission exercises",
        "military contacts", "the meeting of defense ministers", "the armed forces",
        "military-technical cooperation", "the exchange of military observers"],
    "economic-cooperation": [
        "trade and investment", "transport corridors", "economic cooperation",
        "infrastructure projects", "the development bank", "trade in national currencies",
        "the railway from China to Uzbekistan", "customs procedures",
        "small and medium business", "agricultural exports", "the digital economy"],
    "culture-humanitarian": [
        "cultural exchanges", "education and youth programmes",
        "tourism and people-to-people contacts", "the SCO University", "the arts festival",
        "health care and epidemics", "student exchanges", "the protection of heritage"],
    "afghanistan": [
        "the situation in Afghanistan", "the SCO-Afghanistan Contact Group",
        "reconstruction in Afghanistan", "the Afghan settlement", "the government in Kabul",
        "stability on the Afghan border"],
    "membership-expansion": [
        "new members and observers", "the expansion of membership",
        "applications for observer status", "dialogue partners",
        "the accession of India and Pakistan", "the memorandum of obligations",
        "the status of observer states"],
    "russia-china-relations": [
        "relations between Russia and China", "the Russian-Chinese partnership",
        "the Treaty of Good-Neighbourliness", "strategic partnership with Beijing",
        "Russian-Chinese trade", "the visits of President Xi Jinping to Moscow"],
    "international-organisations": [
        "cooperation with the United Nations", "contacts with ASEAN and the CIS",
        "the BRICS agenda", "the Collective Security Treaty Organization",
        "the role of the UN Security Council", "relations with NATO",
        "the Conference on Interaction and Confidence-Building Measures in Asia"],
    "diplomatic-history": [
        "the history of the diplomatic service", "the embassy archives",
        "diplomatic relations in the last century", "the first steps of the embassy",
        "the diplomats of the nineteen fifties", "the Shanghai Five mechanism",
        "the border agreements of the nineteen nineties"],
    "energy": [
        "energy security", "oil and gas pipelines", "renewable energy projects",
        "the Energy Club", "hydropower in Central Asia", "nuclear power plants",
        "the gas pipeline from Turkmenistan", "electricity exports"],
}
SUBJECTS = ["we", "the member states", "our countries", "the Secretariat", "the heads of state",
            "the foreign ministers", "experts from the member states", "the observers",
            "our partners", "the six countries", "the organization", "the working group"]
VERBS = ["discussed", "agreed to strengthen", "attach great importance to",
         "continue to develop", "have to pay more attention to", "fully support",
         "are ready to expand", "reviewed", "will consider", "are working on",
         "are preparing a plan for", "reached a consensus on", "cannot ignore",
         "intend to coordinate", "regularly exchange information on"]
CONNECT = ["In addition,", "At the same time,", "Moreover,", "As a result,", "Of course,",
           "In this context,", "Last year", "This year", "In the coming months", "Overall,",
           "Undoubtedly,", "First and foremost,", "Nevertheless,", "In my opinion,",
           "As you know,", "Without doubt,"]
CLOSERS = ["which is very important for the region", "in the interests of all members",
           "on the basis of mutual trust", "in line with the Charter",
           "step by step and without haste", "with the support of the observers",
           "in the spirit of Shanghai", "on an equal footing", "without any exceptions",
           "as agreed at the last summit"]
ADJECTIVES = ["a priority", "essential", "of great significance", "a long-term task",
              "a matter of concern", "an area of practical cooperation", "crucial"]
WHOM = ["all member states", "Central Asia", "the region", "our neighbours",
        "the international community", "ordinary people", "the younger generation"]
TEMPLATES = [
    "{C} {S} {V} {O}, {R}.",
    "{S} {V} {O} and {O2}.",
    "At the meeting in {P} in {Y}, {S} {V} {O}.",
    "I would like to stress that {S} {V} {O}.",
    "We believe that {O} is {A} for {W}.",
    "It is no secret that {O} remains {A} for {W}.",
    "{B} has already adopted a plan on {O}, and we expect {K} new projects by {Y2}.",
    "The next meeting of {B} will be held in {P} in {M}, where {S} will discuss {O}.",
    "{C} the volume of {O} grew by {K} percent in {Y}.",
    "Some {K} experts took part in the talks on {O} in {P}.",
    "Without {O}, it is impossible to speak about {O2}.",
    "{S} {V} {O}; this is {A} for {W}.",
    "As for {O}, {S} {V} it {R}.",
]
QUESTIONS = ["What is your view on {O}?", "How will the organization deal with {O}?",
             "What has changed in {O} in recent years?", "What are the plans for {O}?",
             "Could you comment on {O}?", "What role does {O} play today?",
             "How do the member states assess {O}?", "Is there any progress on {O}?",
             "What can the SCO do about {O} and {O2}?"]
HEADLINES = ["We Must Strengthen {O}", "{O} Is a Priority for the SCO",
             "The SCO Will Step Up {O}", "Time to Act on {O}",
             "{O} Needs Joint Efforts", "No Shortcuts on {O}"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
SMALL_WORDS = {"a", "an", "the", "and", "or", "of", "in", "on", "to", "for", "by", "with", "from"}


@dataclass(frozen=True)
class Person:
    name: str
    role: str


def people(rng: random.Random, n: int = 200) -> list[Person]:
    """n invented people with distinct names and an office each."""
    out, seen = [], set()
    while len(out) < n:
        if rng.random() < 0.3:  # "Zhu Anming": one-syllable surname first
            name = f"{rng.choice(SYLLABLES).capitalize()} " \
                   f"{''.join(rng.choice(SYLLABLES) for _ in range(2)).capitalize()}"
        else:
            first = "".join(rng.choice(SYLLABLES) for _ in range(2)).capitalize()
            last = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
            name = f"{first} {last.capitalize()}"
        if name not in seen:
            seen.add(name)
            role = rng.choice(OFFICES).format(c=rng.choice(COUNTRIES), p=rng.choice(PLACES))
            out.append(Person(name, role))
    return out


# --- text ------------------------------------------------------------------------

def fill(rng: random.Random, template: str, topic: str) -> str:
    phrases = TOPICS[topic]
    o = rng.choice(phrases)
    slots = {"C": rng.choice(CONNECT), "S": rng.choice(SUBJECTS), "V": rng.choice(VERBS),
             "O": o, "O2": rng.choice([p for p in phrases if p != o]), "R": rng.choice(CLOSERS),
             "P": rng.choice(PLACES), "Y": rng.randint(2001, 2025), "B": rng.choice(BODIES),
             "A": rng.choice(ADJECTIVES), "W": rng.choice(WHOM), "K": rng.randint(3, 90),
             "M": rng.choice(MONTHS)}
    slots["Y2"] = slots["Y"] + rng.randint(1, 5)
    s = template.format(**slots)
    return s[0].upper() + s[1:]


def sentence(rng: random.Random, topic: str, previous: int) -> tuple[str, int]:
    """One sentence; a template never follows itself (a first-order chain)."""
    i = rng.randrange(len(TEMPLATES) - 1)
    i = i + 1 if i >= previous else i
    return fill(rng, TEMPLATES[i], topic), i


def paragraph(rng: random.Random, topics: list[str], words: int) -> tuple[str, int]:
    out, count, prev = [], 0, -1
    while count < words:
        s, prev = sentence(rng, rng.choice(topics), prev)
        out.append(s)
        count += len(s.split())
    return " ".join(out), count


def title_case(text: str) -> str:
    words = text.split(" ")
    return " ".join(w if (w in SMALL_WORDS and i) or w[:1].isupper() else w.capitalize()
                    for i, w in enumerate(words))


def damage(rng: random.Random, text: str, lost: float) -> str:
    """Scraping damage at word boundaries: a share `lost` of the spaces between two
    words deleted ("nationstogether"), a sixth of the spaces after commas and full
    stops deleted ("support,protracted"), a few NBSPs for spaces, and a stray space
    before some commas ("Bishkek ,Kyrgyzstan" in the shipped titles)."""
    words = text.split(" ")
    out = [words[0]]
    for w in words[1:]:
        prev = out[-1]
        r = rng.random()
        if prev[-1:].isalpha() and w[:1].isalpha():
            if r < lost:
                out.append(w)
                continue
        elif prev[-1:] in ",." and w[:1].isalpha():
            if r < 0.16:
                out.append(w)
                continue
            if prev[-1:] == "," and r < 0.19:
                out[-1] = prev[:-1] + " ,"
                out.append(w)
                continue
        out.append(("\u00a0" if rng.random() < 0.006 else " ") + w)
    return "".join(out)


# --- one interview ----------------------------------------------------------------

def interview(rng: random.Random, i: int, cast: list[Person]) -> dict:
    """The content of interview i: who, when, which topics, the turns (clean text)."""
    year = 2001 + (i * 7919) % 26  # every year 2001-2026 equally often
    date = (year, rng.randint(1, 12), rng.randint(1, 28))
    who, asker = rng.sample(cast, 2)
    topics = rng.sample(sorted(TOPICS), rng.randint(2, 4))
    pairs = rng.randint(3, 10)  # 6-20 turns
    target = rng.randint(800, 2500) - 60  # less the header, lead and trailer
    turns, words = [], 0
    for k in range(pairs):
        t = rng.choice(topics)
        q = fill(rng, rng.choice(QUESTIONS), t)
        if rng.random() < 0.4:  # context before the question, as in the shipped ones
            q = fill(rng, rng.choice(TEMPLATES), t) + " " + q
        words += len(q.split())
        budget = max(30, (target - words) // (pairs - k))
        paras = []
        n_paras = min(rng.randint(1, 4), max(1, budget // 60))
        for _ in range(n_paras):
            text, used = paragraph(rng, [t, t, rng.choice(topics)], budget // n_paras - 8)
            paras.append(text)
            words += used
        turns.append(("q", q))
        turns.append(("a", paras))
    if words < target:  # top up the last answer
        paras.append(paragraph(rng, topics, target - words)[0])
    headline = title_case(rng.choice(HEADLINES).format(O=rng.choice(TOPICS[topics[0]])))
    return {"date": date, "who": who, "asker": asker, "topics": topics, "turns": turns,
            "publisher": rng.choice(PUBLISHERS), "title": f"{who.name}: {headline}",
            "layout": "a" if i % 2 == 0 else "b", "lead": paragraph(rng, topics, 30)[0],
            "time": f"{rng.randint(6, 22):02d}:{rng.choice((0, 15, 30, 45)):02d}",
            "lost": rng.uniform(0.03, 0.06)}


def render_a(rng: random.Random, iv: dict) -> str:
    """Layout A: portal chrome, title, author/date line, lead, byline, Reporter/Name
    turns, Introduction trailer."""
    y, m, d = iv["date"]
    lost = iv["lost"]
    lines = [f"Hello, welcome to visit {iv['publisher']}", "News Center", iv["title"],
             f"Author:\u00a0\u00a0|\u00a0 Publication Date:{y}-{m:02d}-{d:02d}",
             damage(rng, iv["lead"], lost), f"Reporter:{iv['asker'].name}", ""]
    for kind, text in iv["turns"]:
        if kind == "q":
            lines.append(f"Reporter: {damage(rng, text, lost)}")
        else:
            lines.append(f"{iv['who'].name}: {damage(rng, text[0], lost)}")
            lines.extend(damage(rng, p, lost) for p in text[1:])
    lines += ["", "Introduction:", f"{iv['who'].name}, {damage(rng, iv['who'].role, lost)}",
              "", "Related Articles"]
    return "\n\n".join(lines) + "\n"


def render_b(rng: random.Random, iv: dict) -> str:
    """Layout B: date line, 'Interview : Name ,Role', lead with publisher and time,
    numbered Question/Answer turns, 'No comments:'."""
    y, m, d = iv["date"]
    who = iv["who"]
    lines = [f"{MONTHS[m - 1]} {d}, {y}", f"Interview : {who.name} ,{who.role}",
             f"Interview of {who.role} {who.name} with the news agency {iv['publisher']} "
             f"{iv['time']} {d:02d}/ {m:02d}/ {y}"]
    n = 0
    for kind, text in iv["turns"]:
        if kind == "q":
            n += 1
            lines.append(f"{n}. Question: {damage(rng, text, iv['lost'])}")
        else:
            lines.append(f"Answer: {damage(rng, text[0], iv['lost'])}")
            lines.extend(damage(rng, p, iv["lost"]) for p in text[1:])
    lines.append("No comments:")
    return "\n\n".join(lines) + "\n"


def speakers_of(iv: dict) -> list[str]:
    """Who speaks: the interviewee, and the reporter (layout A) or the outlet (B)."""
    return [iv["who"].name, iv["asker"].name if iv["layout"] == "a" else iv["publisher"]]


def markdown(iv: dict, stem: str) -> str:
    """The same interview, clean, as Markdown with front matter for the peers."""
    y, m, d = iv["date"]
    asker = "Reporter" if iv["layout"] == "a" else "Question"
    body = [iv["lead"]]
    for kind, text in iv["turns"]:
        if kind == "q":
            body.append(f"**{asker}:** {text}")
        else:
            body.append(f"**{iv['who'].name}:** {text[0]}")
            body.extend(text[1:])
    quoted = '", "'.join(speakers_of(iv))
    return ("---\n"
            f'title: "{iv["title"]}"\n'
            f"slug: {stem}\n"
            f"date: {y}-{m:02d}-{d:02d}\n"
            f"tags: [{', '.join(iv['topics'])}]\n"
            f'authors: ["{quoted}"]\n'
            "---\n\n" + "\n\n".join(body) + "\n")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# --- config and the folder ---------------------------------------------------------

def minimal_config(name: str, cast: list[Person]) -> str:
    """Stand-ins for the project's content/*.yaml, from the generator's own vocabulary."""
    if name == "site.yaml":
        return ("title: SCO Interview Archive (benchmark)\n"
                "description: Synthetic interviews for the benchmark.\nlanguage: en\n")
    if name == "topics.yaml":
        out = []
        for topic, phrases in sorted(TOPICS.items()):
            keys = "".join(f"    - '{re.escape(p)}'\n" for p in phrases)
            out.append(f"- slug: {topic}\n  name: {topic.replace('-', ' ').capitalize()}\n"
                       f"  keywords:\n{keys}")
        return "".join(out)
    return "".join(f"- name: {p.name}\n  roles:\n    - title: \"{p.role}\"\n" for p in cast)


def write_config(out: Path, cast: list[Person], source: Path) -> None:
    for name in CONFIG_FILES:
        if (out / name).exists():
            continue
        if (source / name).exists():
            shutil.copy(source / name, out / name)
        else:
            (out / name).write_text(minimal_config(name, cast), encoding="utf-8")


def free_stem(folder: Path, stem: str, taken: set[str], text: str) -> str:
    """stem, or stem-2, stem-3 ... when another transcript has that name already
    (the same text under that name is the same interview: generating again into a
    folder rewrites it rather than adding a copy)."""
    n, candidate = 1, stem
    while candidate in taken or (
            (folder / f"{candidate}.txt").exists()
            and (folder / f"{candidate}.txt").read_text(encoding="utf-8") != text):
        n += 1
        candidate = f"{stem}-{n}"
    taken.add(candidate)
    return candidate


def generate(n: int, out: Path, seed: int = 1, markdown_dir: Path | None = None,
             start: int = 0, config_from: Path = ROOT / "content") -> list[Path]:
    """Write interviews start .. start+n-1 into the content folder `out`; return the
    transcript paths."""
    cast = people(random.Random(f"{seed}-cast"))
    folder = out / "transcripts"
    folder.mkdir(parents=True, exist_ok=True)
    write_config(out, cast, config_from)
    if markdown_dir is not None:
        markdown_dir.mkdir(parents=True, exist_ok=True)
    written, taken = [], set()
    for i in range(start, start + n):
        rng = random.Random(f"{seed}-{i}")  # each interview independent of N
        iv = interview(rng, i, cast)
        y, m, d = iv["date"]
        text = render_a(rng, iv) if iv["layout"] == "a" else render_b(rng, iv)
        stem = free_stem(folder, f"{y}-{m:02d}-{d:02d}-{slug(iv['who'].name)}", taken, text)
        path = folder / f"{stem}.txt"
        path.write_text(text, encoding="utf-8")
        written.append(path)
        if markdown_dir is not None:
            (markdown_dir / f"{stem}.md").write_text(markdown(iv, stem), encoding="utf-8")
    return written


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int)
    ap.add_argument("out", type=Path, help="the content folder to write")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--markdown", type=Path, metavar="DIR",
                    help="also write the interviews as Markdown for the peers here")
    args = ap.parse_args()
    started = time.perf_counter()
    paths = generate(args.n, args.out, args.seed, args.markdown)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} transcripts ({size / 1e6:.1f} MB) to {args.out / 'transcripts'}"
          f" in {time.perf_counter() - started:.1f}s")


if __name__ == "__main__":
    main()
