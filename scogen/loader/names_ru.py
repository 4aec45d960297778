"""Russian names and roles as a record gives them: in the nominative case.

Russian declines names. A lead names the one who asks in the dative ("дал интервью
корр. ИТАР-ТАСС Михаилу Калмыкову"), a title names the one who answers in the
genitive ("Интервью заместителя Министра … А.В.Соколова"), but the record and the
speaker pages need "Михаил Калмыков" and "А.В.Соколов". The morphology is
pymorphy3's (OpenCorpora's dictionary and its guesser for unknown surnames): a
name's words are read in the one case and gender they all agree on, and each is put
in the nominative of that gender. Initials and indeclinable words (foreign names:
Чжан, Ли) stay as written; a name no case reading fits is returned unchanged.

Why pymorphy3: it is maintained (the successor of pymorphy2), its dictionary tags
given names, patronymics and surnames (Name/Surn/Patr), it loads in about 0.05 s
and is imported only when a page has Russian text to read. Hand-written ending
rules get the hard half wrong (Игорю -> Игорь but Андрею -> Андрей; Петровой ->
Петрова; Токаеву is dative masculine, not a feminine accusative).
"""
from __future__ import annotations

import re
from functools import lru_cache

CASES = ("nomn", "gent", "datv", "ablt", "accs", "loct")
_NAME_TAGS = frozenset({"Name", "Surn", "Patr"})
_INITIALS = re.compile(r"^((?:[А-ЯЁ]\.\s?){1,2})(.*)$")
# one name: optional initials, then one to three capitalised words
NAME = r"(?:[А-ЯЁ]\.\s?){0,2}[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?(?:\s+[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?){0,2}"


@lru_cache(maxsize=1)
def _analyzer():
    import pymorphy3  # imported only when a page has Russian names to read
    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=4096)
def _parses(word: str) -> tuple[tuple[str, str | None, bool, float, object], ...]:
    """(case, gender, is a name word, score, parse) of each noun reading of ``word``."""
    out = []
    for p in _analyzer().parse(word):
        if p.tag.POS != "NOUN" or p.tag.number == "plur":
            continue
        out.append((p.tag.case, p.tag.gender, bool(_NAME_TAGS & p.tag.grammemes), p.score, p))
    return tuple(out)


def _word_form(parse, gender: str | None) -> str | None:
    want = {"nomn"} | ({gender} if gender in ("masc", "femn") else set())
    form = parse.inflect(want) or parse.inflect({"nomn"})
    return form.word if form else None


def _cased(word: str, like: str) -> str:
    """``word`` (lower case) written with the capitals of ``like`` (Кассым-Жомарт), and
    with е where ``like`` writes no ё (the dictionary spells Бахтиёр; the page Бахтиер)."""
    if "ё" not in like.lower():
        word = word.replace("ё", "е")
    return "-".join(part[:1].upper() + part[1:]
                    for part in word.split("-")) if like[:1].isupper() else word


def reading(name: str, cases: tuple[str, ...] = CASES) -> tuple[str, str] | None:
    """(case, nominative name) for a name whose words agree on one of ``cases`` (what
    the words around it allow) and on one gender, with at least one word the
    dictionary knows as a name; None otherwise."""
    m = _INITIALS.match(name)
    initials, rest = (m.group(1), m.group(2)) if m else ("", name)
    words = rest.split()
    if not words or not all(re.fullmatch(r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?", w) for w in words):
        return None
    best = None
    for case in cases:
        for gender in ("masc", "femn"):
            score, named, forms = 0.0, False, []
            for w in words:
                fits = [r for r in _parses(w.lower()) if r[0] == case and r[1] in (gender, None)]
                if not fits:
                    break
                r = max(fits, key=lambda r: (r[2], r[3]))
                named = named or r[2]
                score += r[3] + (1.0 if r[2] else 0.0)
                forms.append(r[4])
            else:
                if named and (best is None or score > best[0]):
                    best = (score, case, gender, forms)
    if best is None:
        return None
    _score, case, gender, forms = best
    out = []
    for w, parse in zip(words, forms):
        form = _word_form(parse, gender)
        if form is None:
            return None
        out.append(_cased(form, w))
    return case, initials + " ".join(out)


def nominative(name: str, cases: tuple[str, ...] = CASES) -> str:
    """The name in the nominative case, or as written when it cannot be read."""
    r = reading(name, cases)
    return r[1] if r else name


def role_nominative(role: str) -> str:
    """'заместителя Министра иностранных дел России' -> 'заместитель Министра …':
    the head noun (the first noun) and the adjectives before it are put in the
    nominative, agreeing with the head's gender; the words after the head (its own
    genitive complement) stay as written. A role that does not read so is unchanged."""
    words = role.split()
    for k, w in enumerate(words[:4]):
        if len(w) < 3:
            continue  # "и", "в": never the head of a role
        head = next((p for p in _analyzer().parse(w.lower())
                     if p.tag.POS == "NOUN" and p.tag.animacy == "anim"
                     and p.tag.case not in (None, "nomn")), None)
        if head is None:
            continue
        gender = head.tag.gender
        out = []
        for a in words[:k]:
            if a == "и":  # "Чрезвычайного и Полномочного Посла"
                out.append(a)
                continue
            adj = next((p for p in _analyzer().parse(a.lower()) if p.tag.POS == "ADJF"
                        and p.tag.case == head.tag.case), None)
            form = adj.inflect({"nomn", "sing", gender}) if adj and gender else None
            if form is None:
                return role
            out.append(_cased(form.word, a))
        form = head.inflect({"nomn", "sing"})
        if form is None:
            return role
        return " ".join(out + [_cased(form.word, w)] + words[k + 1:])
    return role


def head_lemma(role: str) -> str | None:
    """The dictionary form of a role's head, its first animate noun among the first
    four words ('Генеральный секретарь ШОС' and 'генеральному секретарю' -> 'секретарь')."""
    for w in role.split()[:4]:
        if len(w) < 3:
            continue
        noun = next((p for p in _analyzer().parse(w.lower())
                     if p.tag.POS == "NOUN" and p.tag.animacy == "anim"), None)
        if noun is not None:
            return noun.normal_form
    return None


def is_adjective(word: str) -> bool:
    """A Russian full adjective ('национального', 'Генеральный'), whatever its case."""
    return bool(re.fullmatch(r"[А-ЯЁа-яё-]{3,}", word)) and any(
        p.tag.POS == "ADJF" for p in _analyzer().parse(word.lower()))


def ends_role(word: str) -> bool:
    """A word a role phrase cannot run across: a verb ('поблагодарил') or a word the
    dictionary knows only as part of a person's name."""
    if not re.fullmatch(r"[А-ЯЁа-яё-]{2,}", word):
        return False
    parses = _analyzer().parse(word.lower())
    best = parses[0] if parses else None
    if best is None:
        return False
    if best.tag.POS in ("VERB", "INFN", "GRND"):
        return True
    return word[:1].isupper() and all(_NAME_TAGS & p.tag.grammemes for p in parses
                                      if p.score >= 0.1)


def indeclinable(name: str) -> bool:
    """A foreign name Russian leaves undeclined ('Чжан Сяо', 'Ли Цян', 'Си Цзиньпин'):
    two or three short words, at least one of them unknown to the dictionary."""
    words = name.split()
    return 2 <= len(words) <= 3 and all(
        re.fullmatch(r"[А-ЯЁ][а-яё]{0,8}", w) for w in words) and any(
        not _analyzer().word_is_known(w.lower()) for w in words)
