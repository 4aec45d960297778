"""Who is who in a Chinese title or lead: '上合组织秘书长阿利莫夫接受《龙》杂志专访'.

Chinese writes a role directly before the name, with no space, and the name
directly before a verb: ``<role><name><verb>``. Roles end in a small set of
title words (秘书长, 大使, 发言人, 记者 ...); names are two to four characters,
or a transliterated name joined by a middle dot (卡米拉·尤苏波娃). Outlets stand in
book-title marks (《楚河晚报》) or before 记者 (新华社记者). These are the
grammar of the language, not the names of any page.
"""
from __future__ import annotations

import re

from ..lang import simplified

_HAN = r"\u4e00-\u9fff"
_TITLES = ("副秘书长", "秘书长", "大使", "发言人", "副部长", "部长", "外长", "主席", "总统", "总理",
           "主任", "司长", "局长", "院长", "所长", "教授", "研究员", "专家", "代表", "特使", "参赞",
           "领事", "书记", "委员", "会长", "理事长", "校长", "总经理", "董事长", "学者", "官员")
_ASKERS = ("记者", "总编辑", "主编", "编辑", "主持人", "特约记者")
_NAME = rf"(?P<name>[{_HAN}]{{1,6}}·[{_HAN}]{{1,8}}|[{_HAN}]{{2,4}}?)"
_AFTER = (r"(?=近日|日前|今天|昨天|在|就|接受|表示|说|指出|主持|出席|会见|答|与|和|对|向|的|专访|采访|"
          r"将|也|还|已|曾|正|则|均|都|\d|"  # adverbs, or the day ('毛宁12日主持'), after a name
          r"独家|[，,。、：:（(\s]|$)")
# words that follow 记者 where it means "reporters" in general ('回答了记者提问', '记者们'),
# and words of the interview itself: never a name
_NOT_NAME = re.compile(r"专访|采访|独家|记者|会议|发布|例行|提问|问题|提出|询问|发问|^们")
_PERSON = re.compile(rf"(?P<role>[{_HAN}]{{0,18}}?(?:{'|'.join(_TITLES)}))" + _NAME + _AFTER)
_ASKER = re.compile(rf"(?P<role>[{_HAN}《》]{{0,12}}?(?:{'|'.join(_ASKERS)}))" + _NAME + _AFTER)
_OUTLET = re.compile(r"《(?P<outlet>[^》]{1,20})》")
_OUTLET_REPORTER = re.compile(rf"(?P<outlet>[{_HAN}]{{2,8}}(?:社|台|报|网))记者")


def people(text: str) -> tuple[list[tuple[str, str]], str | None, str | None]:
    """(interviewees as (name, role), interviewer, outlet) named in ``text``. The
    grammar is matched in simplified characters; names and roles are taken from the
    text as written (traditional stays traditional)."""
    text = text or ""
    key = simplified(text)

    def written(m: re.Match, group: str) -> str:
        return text[m.start(group):m.end(group)]

    found: list[tuple[str, str]] = []
    for m in _PERSON.finditer(key):
        if _NOT_NAME.search(m["name"]):
            continue
        cut = re.match(r"^(?:专访|采访|本报|据|在|[日月年号])", m["role"])
        role = written(m, "role")[cut.end() if cut else 0:]
        found.append((written(m, "name"), role))
    interviewer = next((written(m, "name") for m in _ASKER.finditer(key)
                        if not _NOT_NAME.search(m["name"])), None)
    outlet = None
    near = [v.start() for v in re.finditer(r"接受|专访|采访", key)]
    for m in _OUTLET.finditer(key):  # the first 《…》 near any word of interviewing
        if not near or min(abs(m.start() - v) for v in near) < 40:
            outlet = written(m, "outlet")
            break
    if outlet is None:
        m = _OUTLET_REPORTER.search(key)
        if m:  # '接受新华社记者专访': the verb or preposition before the outlet is not of it
            lead_in = re.match(r"(?:接受|就|向|对|据|由|与|和|同|在)+", m["outlet"])
            outlet = text[m.start("outlet") + (lead_in.end() if lead_in else 0):m.end("outlet")]
    found = [(n, r) for n, r in found if n != interviewer]
    return found, interviewer, outlet
