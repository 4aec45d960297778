"""Deterministic synthetic SCO interview transcripts: realistic vocabulary, the
layouts the loader reads, scraping damage; plus the same interviews as Markdown.

    python bench/generate.py N OUT_DIR [--seed S] [--markdown DIR] [--start K] [--stats]

Writes OUT_DIR/transcripts/YYYY-MM-DD-<speaker-slug>[-n].(txt|html) and
OUT_DIR/site.yaml, topics.yaml (the project's content/) and speakers.yaml (the
project's, plus one entry per invented speaker with their Russian and Chinese
spellings as aliases), so OUT_DIR is a scogen content folder. With --markdown DIR
it also writes the same interviews, undamaged, as Markdown with front matter
(title, slug, date, tags = the topics the interview was written on, authors = its
speakers) for the peers.

The text. Words are drawn with wordfreq's own frequencies (Zipf-distributed: the
50,000 most common words of the language) -- English, Russian, or Chinese joined
without spaces -- mixed with SCO vocabulary: each topic's phrases, bodies, places,
countries, years and numbers, and (English) sentences from a template chain. A
1,000-interview corpus holds tens of thousands of distinct tokens (`--stats`).

Languages and layouts, by interview number i (every layout in every year):
- 10 % Russian (`Вопрос:` / `Ответ:`, `12 марта 2024 г.`), 10 % Chinese (`问：` /
  `答：`, `2018年6月11日`; half of them saved HTML pages);
- 80 % English, 10 % each: A portal chrome + `Reporter:` / name labels; B numbered
  `1. Question:` / `Answer:`; C `Question:` / `Answer:`; D name labels (the
  interviewee's surname alone after the first answer); E `Q1:` / `A1:`; F dash
  turns (`– ...`); G Markdown bold name labels (`**Name:**`); H a saved HTML page
  (`<p><strong>Question:</strong>`, chrome, script, cookie banner).

Scraping damage: a quarter of the transcripts are clean; the others lose 1-6 % of
the spaces between two words (`nationstogether`, `in2019`; a third of that rate in
Russian, whose words the word model does not read), a sixth of the spaces after a
comma or full stop, get a stray space before some commas and NBSPs for ~0.6 % of
spaces; Chinese gets stray spaces between characters. Titles, dates and labels
are left intact.

Interview i depends only on (seed, i), never on N, so the first 1,000 of 5,000
are the 1,000, and `start` adds new interviews to an existing folder.
"""
from __future__ import annotations

import argparse
import html
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
import random

ROOT = Path(__file__).resolve().parents[1]
CONFIG_FILES = ("site.yaml", "topics.yaml", "speakers.yaml")
VOCABULARY = 50_000  # the most common words of each language's wordfreq list
# Words are drawn with weight frequency ** FREQ_EXPONENT: 1.0 is the web's own
# distribution, whose long tail gives a page 3,250 distinct words per 10,000, more
# than an interview on one subject, which repeats itself (development set 2,435
# distinct tokens per 10,000, real published pages 2,072). 1.2, with each interview
# drawing half its words from its own pool, gives English pages about 2,400 while
# 1,000 interviews still use tens of thousands of distinct words (--stats).
FREQ_EXPONENT = 1.2
CAST = 300  # invented speakers
# English sentence mix: this share comes from the SCO template chain, the rest is
# drawn word by word (with an SCO phrase or name in some). Tuned so a page has
# about as many distinct tokens per 10,000 as the development set (2,435) and real
# published pages (2,072) -- see --stats.
TEMPLATE_SHARE = 0.3
PHRASE_SHARE = 0.35  # drawn sentences that carry one of the topic's phrases
ENTITY_SHARE = 0.35  # ... and one name, place, body, year or number
POOL_SHARE = 0.5  # drawn words taken from the interview's own pool: text repeats its
POOL_SIZE = 300  # words, as real text does (without it a page is far more varied)
CLEAN_SHARE = 0.25  # transcripts without scraping damage

# --- SCO vocabulary (English) ------------------------------------------------------

SYLLABLES = ["ka", "ri", "mo", "ta", "li", "na", "shen", "bek", "dor", "va", "zhu", "ming",
             "as", "kar", "te", "rin", "so", "ha", "il", "yu", "an", "mir", "zo", "ev", "lan",
             "gul", "tem", "ser", "jiao", "nur", "sul", "pa", "vel", "chen", "ros", "dim"]
CYRILLIC = dict(zip(SYLLABLES, [
    "ка", "ри", "мо", "та", "ли", "на", "шен", "бек", "дор", "ва", "жу", "мин", "ас", "кар",
    "те", "рин", "со", "ха", "ил", "ю", "ан", "мир", "зо", "ев", "лан", "гуль", "тем", "сер",
    "цзяо", "нур", "сул", "па", "вел", "чен", "рос", "дим"]))
HANZI = dict(zip(SYLLABLES, "卡丽莫塔丽娜申别多瓦朱明阿卡特林索哈伊尤安米佐叶兰古铁谢娇努苏帕维陈罗季"))
ZH_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
COUNTRIES = ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Uzbekistan", "Russia", "China",
             "India", "Pakistan", "Iran", "Belarus", "Mongolia"]
COUNTRIES_RU_GEN = ["Казахстана", "Киргизии", "Таджикистана", "Узбекистана", "России",
                    "Китая", "Индии", "Пакистана", "Ирана", "Белоруссии", "Монголии"]
COUNTRIES_ZH = ["哈萨克斯坦", "吉尔吉斯斯坦", "塔吉克斯坦", "乌兹别克斯坦", "俄罗斯", "中国",
                "印度", "巴基斯坦", "伊朗", "白俄罗斯", "蒙古"]
# One office, three languages ({c}: a country).
OFFICES = [
    ("Secretary-General of the SCO", "Генеральный секретарь ШОС", "上海合作组织秘书长"),
    ("Deputy Secretary-General of the SCO", "заместитель Генерального секретаря ШОС",
     "上海合作组织副秘书长"),
    ("Minister of Foreign Affairs of {c}", "министр иностранных дел {c}", "{c}外交部长"),
    ("Deputy Foreign Minister of {c}", "заместитель министра иностранных дел {c}",
     "{c}外交部副部长"),
    ("Special Envoy of the President of {c} on SCO Affairs",
     "специальный представитель президента {c} по делам ШОС", "{c}总统上合组织事务特使"),
    ("Director of the Executive Committee of the SCO Regional Anti-Terrorist Structure",
     "директор Исполнительного комитета РАТС ШОС", "上合组织地区反恐怖机构执委会主任"),
    ("Ambassador of {c} to China", "посол {c} в Китае", "{c}驻华大使"),
    ("Ambassador of {c} to Russia", "посол {c} в России", "{c}驻俄罗斯大使"),
    ("Chairman of the SCO Business Council", "председатель Делового совета ШОС",
     "上合组织实业家委员会主席"),
    ("National Coordinator of {c} for the SCO", "национальный координатор {c} по делам ШОС",
     "{c}上合组织事务国家协调员"),
    ("Secretary of the Security Council of {c}", "секретарь Совета безопасности {c}",
     "{c}安全会议秘书"),
    ("Director of the Institute of Central Asian Studies", "директор Института Центральной Азии",
     "中亚研究所所长"),
]
PLACES = ["Bishkek", "Astana", "Tashkent", "Dushanbe", "Beijing", "Moscow", "Shanghai",
          "Yekaterinburg", "Ufa", "Qingdao", "Samarkand", "Islamabad", "New Delhi", "Tehran",
          "Minsk", "Almaty", "Osh", "Khujand", "Chengdu", "Novosibirsk"]
PLACES_RU = ["Бишкеке", "Астане", "Ташкенте", "Душанбе", "Пекине", "Москве", "Шанхае",
             "Екатеринбурге", "Уфе", "Циндао", "Самарканде", "Исламабаде", "Нью-Дели",
             "Тегеране", "Минске", "Алма-Ате"]
PLACES_ZH = ["比什凯克", "阿斯塔纳", "塔什干", "杜尚别", "北京", "莫斯科", "上海", "叶卡捷琳堡",
             "乌法", "青岛", "撒马尔罕", "伊斯兰堡", "新德里", "德黑兰", "明斯克", "阿拉木图"]
PUBLISHERS = ["RIA Novosti", "Xinhua", "TASS", "Kazinform", "China Daily", "Shanghai Forum",
              "Eurasia Review", "Kabar", "Dunyo", "Khovar", "People's Daily", "Interfax"]
PUBLISHERS_RU = ["ТАСС", "РИА Новости", "Интерфакс", "Казинформ", "Кабар", "Российская газета",
                 "Известия", "Коммерсантъ", "Ховар", "Дунё"]
PUBLISHERS_ZH = ["新华社", "人民日报", "中国日报", "环球时报", "中新社", "光明日报", "经济日报",
                 "天山日报"]
BODIES = ["the Council of Heads of State", "the Council of Foreign Ministers",
          "the SCO Secretariat", "the Regional Anti-Terrorist Structure",
          "the SCO Business Council", "the SCO Interbank Consortium",
          "the Council of National Coordinators", "the SCO Energy Club",
          "the SCO Youth Council", "the SCO Forum"]
# Each topic: the phrases an interview on it is made of, per language (what the
# keyword tagger of content/topics.yaml looks for; the Markdown tags name them).
TOPICS = {
    "security-counter-terrorism": (
        ["regional security", "the fight against terrorism", "terrorism, separatism and "
         "extremism", "the three evils", "the Regional Anti-Terrorist Structure",
         "joint counter-terrorist operations", "the extradition of suspects",
         "the database of wanted terrorists", "border security", "the threat of extremism",
         "religious radicalism", "security cooperation"],
        ["региональная безопасность", "борьба с терроризмом",
         "терроризм, сепаратизм и экстремизм", "три зла",
         "Региональная антитеррористическая структура", "угроза экстремизма"],
        ["地区安全", "打击恐怖主义", "恐怖主义、分裂主义和极端主义", "三股势力", "地区反恐怖机构",
         "联合反恐行动"]),
    "drugs-organised-crime": (
        ["drug trafficking", "transnational organized crime", "money laundering",
         "the smuggling of narcotics", "illegal migration", "the anti-drug strategy",
         "the trafficking of precursors", "the Northern Route of heroin",
         "arms smuggling", "the anti-drug security belt"],
        ["незаконный оборот наркотиков", "наркотрафик", "транснациональная преступность",
         "отмывание денег", "контрабанда оружия"],
        ["毒品走私", "跨国有组织犯罪", "洗钱", "禁毒合作"]),
    "information-security": (
        ["information security", "cyber threats", "the international information space",
         "cybercrime", "the use of the Internet by terrorists", "critical infrastructure",
         "the code of conduct in the information space", "data protection"],
        ["информационная безопасность", "киберугрозы",
         "международное информационное пространство", "использование интернета террористами"],
        ["信息安全", "网络安全", "网络犯罪", "互联网治理"]),
    "military-cooperation": (
        ["joint military exercises", "defense cooperation", "the Peace Mission exercises",
         "military contacts", "the meeting of defense ministers", "the armed forces",
         "military-technical cooperation", "the exchange of military observers"],
        ["совместные военные учения", "оборонное сотрудничество", "учения «Мирная миссия»",
         "военные контакты"],
        ["联合军事演习", "国防合作", "和平使命联合军演", "军事交流"]),
    "economic-cooperation": (
        ["trade and investment", "transport corridors", "economic cooperation",
         "infrastructure projects", "the development bank", "trade in national currencies",
         "the railway from China to Uzbekistan", "customs procedures",
         "small and medium business", "agricultural exports", "the digital economy"],
        ["торговля и инвестиции", "транспортные коридоры", "экономическое сотрудничество",
         "проекты инфраструктуры", "расчёты в национальных валютах", "банк развития"],
        ["贸易和投资", "互联互通", "经济合作", "基础设施项目", "本币结算", "中吉乌铁路"]),
    "culture-humanitarian": (
        ["cultural exchanges", "education and youth programmes",
         "tourism and people-to-people contacts", "the SCO University", "the arts festival",
         "health care and epidemics", "student exchanges", "the protection of heritage"],
        ["культурные обмены", "образование и молодёжь", "Университет ШОС", "туризм",
         "здравоохранение"],
        ["人文交流", "教育合作", "青年交流", "旅游合作", "上合组织大学"]),
    "afghanistan": (
        ["the situation in Afghanistan", "the SCO-Afghanistan Contact Group",
         "reconstruction in Afghanistan", "the Afghan settlement", "the government in Kabul",
         "stability on the Afghan border"],
        ["ситуация в Афганистане", "Контактная группа ШОС – Афганистан",
         "афганское урегулирование", "правительство в Кабуле"],
        ["阿富汗局势", "上合组织—阿富汗联络组", "阿富汗和平进程"]),
    "membership-expansion": (
        ["new members and observers", "the expansion of membership",
         "applications for observer status", "dialogue partners",
         "the accession of India and Pakistan", "the memorandum of obligations",
         "the status of observer states"],
        ["расширение организации", "статус наблюдателя", "партнёры по диалогу",
         "вступление Индии и Пакистана", "новые государства"],
        ["扩员进程", "观察员国", "对话伙伴", "新成员"]),
    "russia-china-relations": (
        ["relations between Russia and China", "the Russian-Chinese partnership",
         "the Treaty of Good-Neighbourliness", "strategic partnership with Beijing",
         "Russian-Chinese trade", "the visits of President Xi Jinping to Moscow"],
        ["российско-китайские отношения", "Россия и Китай", "российско-китайское партнёрство"],
        ["中俄关系", "中俄全面战略协作伙伴关系", "中俄贸易"]),
    "international-organisations": (
        ["cooperation with the United Nations", "contacts with ASEAN and the CIS",
         "the BRICS agenda", "the Collective Security Treaty Organization",
         "the role of the UN Security Council", "relations with NATO",
         "the Conference on Interaction and Confidence-Building Measures in Asia"],
        ["сотрудничество с ООН", "контакты с АСЕАН и СНГ", "повестка БРИКС", "ОДКБ",
         "роль Совета Безопасности ООН"],
        ["与联合国的合作", "金砖国家", "东盟", "国际组织"]),
    "diplomatic-history": (
        ["the history of the diplomatic service", "the embassy archives",
         "diplomatic relations in the last century", "the first steps of the embassy",
         "the diplomats of the nineteen fifties", "the Shanghai Five mechanism",
         "the border agreements of the nineteen nineties"],
        ["история дипломатической службы", "архивы посольства",
         "дипломаты пятидесятых годов", "механизм «Шанхайской пятёрки»"],
        ["外交史", "建交以来的历史", "使馆档案", "老一辈外交官"]),
    "energy": (
        ["energy security", "oil and gas pipelines", "renewable energy projects",
         "the Energy Club", "hydropower in Central Asia", "nuclear power plants",
         "the gas pipeline from Turkmenistan", "electricity exports"],
        ["энергетическая безопасность", "нефтегазовые трубопроводы",
         "Энергетический клуб ШОС", "гидроэнергетика в Центральной Азии"],
        ["能源安全", "油气管道", "可再生能源", "能源俱乐部"]),
}
LANGS = {"en": 0, "ru": 1, "zh": 2}  # index into a TOPICS entry
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
QUESTION_OPENERS = ["What", "How", "Why", "Do you think", "Could you tell us whether",
                    "Is it true that", "When", "To what extent", "In your view, does"]
HEADLINES = ["We Must Strengthen {O}", "{O} Is a Priority for the SCO",
             "The SCO Will Step Up {O}", "Time to Act on {O}",
             "{O} Needs Joint Efforts", "No Shortcuts on {O}"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
MONTHS_RU_GEN = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                 "сентября", "октября", "ноября", "декабря"]
SMALL_WORDS = {"a", "an", "the", "and", "or", "of", "in", "on", "to", "for", "by", "with", "from"}
RU_QUESTION_OPENERS = ["Как", "Что", "Какие", "Каковы", "Почему", "Насколько", "Когда",
                       "Есть ли", "Как вы оцениваете"]
RU_HEADLINES = ["ШОС и {O}", "{O}: взгляд из {P}", "Главное сегодня – {O}", "О {O}"]
ZH_QUESTION_OPENERS = ["您如何看待", "请介绍一下", "您认为", "上合组织如何应对", "请谈谈"]
EN_LAYOUTS = ["portal", "numbered", "question-answer", "name-labels", "q-a-digits",
              "dash-turns", "bold-names", "saved-page"]


@dataclass(frozen=True)
class Person:
    first: tuple[str, ...]  # syllables
    last: tuple[str, ...]
    office: int
    country: int
    surname_first: bool  # "Zhu Anming"

    @property
    def name(self) -> str:
        a, b = "".join(self.first).capitalize(), "".join(self.last).capitalize()
        return f"{a} {b}" if self.surname_first else f"{a} {b}"

    @property
    def surname(self) -> str:
        return "".join(self.first if self.surname_first else self.last).capitalize()

    @property
    def name_ru(self) -> str:
        a = "".join(CYRILLIC[s] for s in self.first).capitalize()
        b = "".join(CYRILLIC[s] for s in self.last).capitalize()
        return f"{a} {b}"

    @property
    def name_zh(self) -> str:
        surname = ZH_SURNAMES[hash_index(self.name, len(ZH_SURNAMES))]
        return surname + "".join(HANZI[s] for s in self.last[:2])

    def role(self, lang: str = "en") -> str:
        country = {"en": COUNTRIES, "ru": COUNTRIES_RU_GEN, "zh": COUNTRIES_ZH}[lang]
        return OFFICES[self.office][LANGS[lang]].format(c=country[self.country])


def hash_index(text: str, n: int) -> int:
    """A stable index from text (Python's hash() is salted per process)."""
    return sum(ord(ch) * (k + 1) for k, ch in enumerate(text)) % n


def people(rng: random.Random, n: int = CAST) -> list[Person]:
    """n invented people with distinct names and an office each."""
    out, seen = [], set()
    while len(out) < n:
        if rng.random() < 0.3:  # one-syllable surname first
            first = (rng.choice(SYLLABLES),)
            last = tuple(rng.choice(SYLLABLES) for _ in range(2))
            surname_first = True
        else:
            first = tuple(rng.choice(SYLLABLES) for _ in range(2))
            last = tuple(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
            surname_first = False
        p = Person(first, last, rng.randrange(len(OFFICES)), rng.randrange(len(COUNTRIES)),
                   surname_first)
        keys = (p.name.lower(), p.name_ru.lower(), p.name_zh)
        if not seen.intersection(keys):
            seen.update(keys)
            out.append(p)
    return out


# --- words: wordfreq's list, drawn with its frequencies -----------------------------

_VOCAB: dict[str, tuple[list[str], list[float]]] = {}
WORD_SHAPE = {"en": re.compile(r"[a-z]+(?:'[a-z]+)?"), "ru": re.compile(r"[а-яё]+(?:-[а-яё]+)?"),
              "zh": re.compile(r"[\u4e00-\u9fff]+")}


def vocabulary(lang: str) -> tuple[list[str], list[float]]:
    """wordfreq's VOCABULARY most common words of `lang` (words of the language's
    script only) and their cumulative frequencies, for random.choices."""
    if lang not in _VOCAB:
        from itertools import accumulate
        from wordfreq import get_frequency_dict, top_n_list
        freq = get_frequency_dict(lang)
        shape = WORD_SHAPE[lang]
        words = [w for w in top_n_list(lang, VOCABULARY * 2) if shape.fullmatch(w)][:VOCABULARY]
        _VOCAB[lang] = (words, list(accumulate(freq[w] ** FREQ_EXPONENT for w in words)))
    return _VOCAB[lang]


def draw(rng: random.Random, lang: str, n: int, pool: list[str] | None = None) -> list[str]:
    """n words with the language's frequencies; with a pool (the interview's own
    words), a share POOL_SHARE of them from the pool instead."""
    words, cumulative = vocabulary(lang)
    out = rng.choices(words, cum_weights=cumulative, k=n)
    if pool:
        for k in range(n):
            if rng.random() < POOL_SHARE:
                out[k] = rng.choice(pool)
    return out


# --- sentences ----------------------------------------------------------------------

def fill(rng: random.Random, template: str, topic: str) -> str:
    phrases = TOPICS[topic][0]
    o = rng.choice(phrases)
    slots = {"C": rng.choice(CONNECT), "S": rng.choice(SUBJECTS), "V": rng.choice(VERBS),
             "O": o, "O2": rng.choice([p for p in phrases if p != o]), "R": rng.choice(CLOSERS),
             "P": rng.choice(PLACES), "Y": rng.randint(2001, 2025), "B": rng.choice(BODIES),
             "A": rng.choice(ADJECTIVES), "W": rng.choice(WHOM), "K": rng.randint(3, 90),
             "M": rng.choice(MONTHS)}
    slots["Y2"] = slots["Y"] + rng.randint(1, 5)
    s = template.format(**slots)
    return s[0].upper() + s[1:]


def entity(rng: random.Random, lang: str, cast: list[Person]) -> str:
    r = rng.random()
    if lang == "en":
        if r < 0.25:
            return rng.choice(PLACES)
        if r < 0.45:
            return rng.choice(COUNTRIES)
        if r < 0.6:
            return rng.choice(BODIES)
        if r < 0.75:
            return rng.choice(cast).name
        if r < 0.88:
            return str(rng.randint(1991, 2026))
        return f"{rng.randint(2, 900)} {rng.choice(['percent', 'million', 'billion'])}"
    if lang == "ru":
        if r < 0.35:
            return "в " + rng.choice(PLACES_RU)
        if r < 0.5:
            return rng.choice(["ШОС", "СНГ", "ЕАЭС", "Секретариат ШОС"])
        if r < 0.65:
            return rng.choice(cast).name_ru
        if r < 0.85:
            return f"в {rng.randint(1991, 2026)} году"
        return f"{rng.randint(2, 90)} процентов"
    if r < 0.35:
        return "在" + rng.choice(PLACES_ZH)
    if r < 0.55:
        return rng.choice(["上合组织", "上海合作组织", "秘书处", "成员国"])
    if r < 0.7:
        return rng.choice(cast).name_zh
    if r < 0.85:
        return f"{rng.randint(1991, 2026)}年"
    return f"增长{rng.randint(2, 90)}%"


def drawn_sentence(rng: random.Random, lang: str, topic: str, cast: list[Person],
                   question: bool = False, pool: list[str] | None = None) -> str:
    """Words drawn with the language's frequencies, perhaps one of the topic's phrases
    and one entity among them, commas every few words."""
    n = rng.randint(5, 24) if lang != "zh" else rng.randint(4, 14)
    words = draw(rng, lang, n, pool)
    if rng.random() < PHRASE_SHARE:
        words.insert(rng.randint(0, len(words)), rng.choice(TOPICS[topic][LANGS[lang]]))
    if rng.random() < ENTITY_SHARE:
        words.insert(rng.randint(1, len(words)), entity(rng, lang, cast))
    if lang == "zh":
        out, k = [], 0
        for w in words:
            out.append(w)
            k += 1
            if k >= 3 and rng.random() < 0.25:
                out.append(rng.choice("，，，、"))
                k = 0
        text = "".join(out).rstrip("，、")
        return (rng.choice(ZH_QUESTION_OPENERS) + text + "？") if question else text + "。"
    step = rng.randint(5, 9)
    for k in range(step, len(words) - 2, step):
        words[k] += ","
    if lang == "en":
        words = ["I" if w == "i" else "I'" + w[2:] if w.startswith("i'") else w for w in words]
    if question:
        opener = rng.choice(QUESTION_OPENERS if lang == "en" else RU_QUESTION_OPENERS)
        return f"{opener} {' '.join(words)}?"
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def sentence(rng: random.Random, lang: str, topic: str, cast: list[Person],
             previous: list[int], pool: list[str] | None = None) -> str:
    if lang == "en" and rng.random() < TEMPLATE_SHARE:
        i = rng.randrange(len(TEMPLATES) - 1)  # a template never follows itself
        i = i + 1 if i >= previous[0] else i
        previous[0] = i
        return fill(rng, TEMPLATES[i], topic)
    return drawn_sentence(rng, lang, topic, cast, pool=pool)


def question(rng: random.Random, lang: str, topic: str, cast: list[Person],
             pool: list[str] | None = None) -> str:
    if lang == "en" and rng.random() < 0.4:
        q = fill(rng, rng.choice(QUESTIONS), topic)
    else:
        q = drawn_sentence(rng, lang, topic, cast, question=True, pool=pool)
    if rng.random() < 0.4:  # context before the question, as in the shipped ones
        q = sentence(rng, lang, topic, cast, [-1], pool) + ("" if lang == "zh" else " ") + q
    return q


def paragraph(rng: random.Random, lang: str, topics: list[str], words: int,
              cast: list[Person], pool: list[str] | None = None) -> tuple[str, int]:
    out, count, prev = [], 0, [-1]
    while count < words:
        s = sentence(rng, lang, rng.choice(topics), cast, prev, pool)
        out.append(s)
        count += size(s, lang)
    return ("" if lang == "zh" else " ").join(out), count


def size(text: str, lang: str) -> int:
    """Words in text (Chinese: characters / 1.7, about as much content)."""
    return int(len(text) / 1.7) if lang == "zh" else len(text.split())


def title_case(text: str) -> str:
    words = text.split(" ")
    return " ".join(w if (w in SMALL_WORDS and i) or w[:1].isupper() else w.capitalize()
                    for i, w in enumerate(words))


def damage(rng: random.Random, text: str, lost: float, lang: str = "en") -> str:
    """Scraping damage at word boundaries: a share `lost` of the spaces between two
    words deleted ("nationstogether", "in2019"), a sixth of the spaces after commas
    and full stops deleted ("support,protracted"), a few NBSPs for spaces, and a
    stray space before some commas ("Bishkek ,Kyrgyzstan" in the shipped titles).
    Chinese: a stray space between two characters now and then."""
    if not lost:
        return text
    if lang == "zh":
        out = []
        for ch in text:
            out.append(ch)
            if rng.random() < lost / 4 and "\u4e00" <= ch <= "\u9fff":
                out.append(" ")
        return "".join(out).strip()
    if lang == "ru":
        lost /= 3
    words = text.split(" ")
    out = [words[0]]
    for w in words[1:]:
        prev = out[-1]
        r = rng.random()
        if prev[-1:].isalpha() and w[:1].isalnum():
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

def language_and_layout(i: int) -> tuple[str, str]:
    slot = i % 10
    if slot == 3:
        return "ru", "ru-labels"
    if slot == 7:
        return "zh", "zh-saved-page" if (i // 10) % 2 else "zh-labels"
    english = (0, 1, 2, 4, 5, 6, 8, 9).index(slot)
    return "en", EN_LAYOUTS[(english + i // 10) % len(EN_LAYOUTS)]


def interview(rng: random.Random, i: int, cast: list[Person]) -> dict:
    """The content of interview i: who, when, which topics, the turns (clean text)."""
    lang, layout = language_and_layout(i)
    year = 2001 + (i * 7919) % 26  # every year 2001-2026 equally often
    date = (year, rng.randint(1, 12), rng.randint(1, 28))
    who, asker = rng.sample(cast, 2)
    topics = rng.sample(sorted(TOPICS), rng.randint(2, 4))
    pairs = rng.randint(3, 10)  # 6-20 turns
    target = rng.randint(800, 2500) - 60  # less the header, lead and trailer
    pool = draw(rng, lang, POOL_SIZE)  # the interview's own words, Zipf-drawn too
    turns, words = [], 0
    for k in range(pairs):
        t = rng.choice(topics)
        q = question(rng, lang, t, cast, pool)
        words += size(q, lang)
        budget = max(30, (target - words) // (pairs - k))
        paras = []
        n_paras = min(rng.randint(1, 4), max(1, budget // 60))
        for _ in range(n_paras):
            text, used = paragraph(rng, lang, [t, t, rng.choice(topics)],
                                   budget // n_paras - 8, cast, pool)
            paras.append(text)
            words += used
        turns.append(("q", q))
        turns.append(("a", paras))
    if words < target:  # top up the last answer
        paras.append(paragraph(rng, lang, topics, target - words, cast, pool)[0])
    phrase = rng.choice(TOPICS[topics[0]][LANGS[lang]])
    if lang == "en":
        headline = title_case(rng.choice(HEADLINES).format(O=phrase))
        title = f"{who.name}: {headline}"
        publisher = rng.choice(PUBLISHERS)
    elif lang == "ru":
        headline = rng.choice(RU_HEADLINES).format(O=phrase, P=rng.choice(PLACES_RU))
        title = f"{who.name_ru}: {headline[0].upper() + headline[1:]}"
        publisher = rng.choice(PUBLISHERS_RU)
    else:
        publisher = rng.choice(PUBLISHERS_ZH)
        title = f"{who.role('zh')}{who.name_zh}接受《{publisher}》采访"
    lead = paragraph(rng, lang, topics, 30, cast, pool)[0]
    lost = 0.0 if rng.random() < CLEAN_SHARE else rng.uniform(0.01, 0.06)
    return {"i": i, "lang": lang, "layout": layout, "date": date, "who": who, "asker": asker,
            "topics": topics, "turns": turns, "publisher": publisher, "title": title,
            "lead": lead, "time": f"{rng.randint(6, 22):02d}:{rng.choice((0, 15, 30, 45)):02d}",
            "lost": lost}


def labels(iv: dict) -> tuple[str, str, str]:
    """(asker's label, the interviewee's first label, later labels) as the layout
    writes them, for the clean Markdown too."""
    who, asker = iv["who"], iv["asker"]
    return {
        "portal": ("Reporter", who.name, who.name),
        "numbered": ("Question", "Answer", "Answer"),
        "question-answer": ("Question", "Answer", "Answer"),
        "name-labels": (asker.name, f"{who.role()} {who.name}", who.surname),
        "q-a-digits": ("Q", "A", "A"),
        "dash-turns": ("Question", "Answer", "Answer"),
        "bold-names": (asker.name, who.name, who.name),
        "saved-page": ("Question", "Answer", "Answer"),
        "ru-labels": ("Вопрос", "Ответ", "Ответ"),
        "zh-labels": ("问", "答", "答"),
        "zh-saved-page": ("问", "答", "答"),
    }[iv["layout"]]


def turn_lines(rng: random.Random, iv: dict) -> list[str]:
    """The turns as the layout writes them, damaged, one string per paragraph."""
    layout, lang, lost = iv["layout"], iv["lang"], iv["lost"]
    ask, first, later = labels(iv)
    colon = "：" if lang == "zh" else ":"
    out, n = [], 0
    for kind, text in iv["turns"]:
        if kind == "q":
            n += 1
            body = damage(rng, text, lost, lang)
            if layout == "numbered":
                out.append(f"{n}. Question: {body}")
            elif layout == "q-a-digits":
                out.append(f"Q{n}: {body}")
            elif layout == "dash-turns":
                out.append(f"– {body}")
            elif layout == "bold-names":
                out.append(f"**{ask}:** {body}")
            else:
                out.append(f"{ask}{colon}" + ("" if lang == "zh" else " ") + body)
        else:
            body = damage(rng, text[0], lost, lang)
            label = first if n == 1 else later
            if layout == "q-a-digits":
                out.append(f"A{n}: {body}")
            elif layout == "dash-turns":
                out.append(f"– {body}")
            elif layout == "bold-names":
                out.append(f"**{label}:** {body}")
            else:
                out.append(f"{label}{colon}" + ("" if lang == "zh" else " ") + body)
            out.extend(damage(rng, p, lost, lang) for p in text[1:])
    return out


def date_text(iv: dict, style: str) -> str:
    y, m, d = iv["date"]
    return {"iso": f"{y}-{m:02d}-{d:02d}", "us": f"{MONTHS[m - 1]} {d}, {y}",
            "uk": f"{d} {MONTHS[m - 1]} {y}", "slashes": f"{y}/{m:02d}/{d:02d}",
            "ru": f"{d} {MONTHS_RU_GEN[m - 1]} {y} г.", "zh": f"{y}年{m}月{d}日"}[style]


def render(rng: random.Random, iv: dict) -> str:
    """The transcript's text in its layout (a saved page for the *saved-page ones)."""
    layout, lost, lang = iv["layout"], iv["lost"], iv["lang"]
    who, asker, pub = iv["who"], iv["asker"], iv["publisher"]
    lead = damage(rng, iv["lead"], lost, lang)
    y, m, d = iv["date"]
    if layout == "portal":
        lines = [f"Hello, welcome to visit {pub}", "News Center", iv["title"],
                 f"Author:\u00a0\u00a0|\u00a0 Publication Date:{date_text(iv, 'iso')}",
                 lead, f"Reporter:{asker.name}", "", *turn_lines(rng, iv), "",
                 "Introduction:", f"{who.name}, {damage(rng, who.role(), lost)}", "",
                 "Related Articles"]
    elif layout == "numbered":
        lines = [date_text(iv, "us"), f"Interview : {who.name} ,{who.role()}",
                 f"Interview of {who.role()} {who.name} with the news agency {pub} "
                 f"{iv['time']} {d:02d}/ {m:02d}/ {y}", *turn_lines(rng, iv), "No comments:"]
    elif layout in ("question-answer", "q-a-digits"):
        lines = [pub, "Home | News | Interviews", iv["title"], date_text(iv, "uk"),
                 f"{who.role()} {who.name} answered questions from {pub}. {lead}",
                 *turn_lines(rng, iv), "Share this article"]
    elif layout == "name-labels":
        lines = [iv["title"], date_text(iv, "us"), f"By {asker.name}",
                 f"{who.role()} {who.name} spoke to our correspondent. {lead}",
                 *turn_lines(rng, iv), "Share this article"]
    elif layout == "dash-turns":
        lines = [iv["title"], date_text(iv, "slashes"),
                 f"{pub} talked to {who.role()} {who.name}. {lead}", *turn_lines(rng, iv)]
    elif layout == "bold-names":
        lines = [f"{pub} Review", "[Home](/) | [Interviews](/interviews) | [Newsletter](/subscribe)",
                 iv["title"], date_text(iv, "uk"),
                 f"{pub} correspondent {asker.name} spoke with {who.name}, {who.role()}. {lead}",
                 *turn_lines(rng, iv), "*Share:* [X](https://x.example/share)"]
    elif layout == "ru-labels":
        role = who.role("ru")
        lines = ["Министерство иностранных дел", "Главная | Пресс-служба | Выступления и интервью",
                 iv["title"], date_text(iv, "ru"),
                 f"{role[0].upper() + role[1:]} {who.name_ru} ответил на вопросы агентства "
                 f"«{pub}». {lead}", *turn_lines(rng, iv)]
    elif layout == "zh-labels":
        lines = [f"{COUNTRIES_ZH[who.country]}外交部", "首页 | 新闻 | 讲话和采访", iv["title"],
                 date_text(iv, "zh"),
                 f"{who.role('zh')}{who.name_zh}近日接受《{pub}》采访。{lead}全文如下：",
                 *turn_lines(rng, iv), "【打印】【关闭】"]
    else:
        return saved_page(rng, iv, lead)
    return "\n\n".join(lines) + "\n"


def saved_page(rng: random.Random, iv: dict, lead: str) -> str:
    """A page saved from a browser: head, script, banner, nav, article, footer."""
    e = html.escape
    zh = iv["lang"] == "zh"
    who, pub = iv["who"], iv["publisher"]
    paras = []
    for line in turn_lines(rng, iv):
        m = re.match(r"(\w+)(:|：) ?", line) if ":" in line[:40] or "：" in line[:6] else None
        if m and m.group(1) in ("Question", "Answer", "问", "答"):
            paras.append(f"<p><strong>{e(m.group(1) + m.group(2))}</strong>"
                         f"{'' if zh else ' '}{e(line[m.end():])}</p>")
        else:
            paras.append(f"<p>{e(line)}</p>")
    if zh:
        date, byline = date_text(iv, "zh"), f"<p>{e(who.role('zh') + who.name_zh)}接受采访。{e(lead)}</p>"
    else:
        date, byline = date_text(iv, "uk"), f"<p>By {e(iv['asker'].name)}</p>\n<p>{e(lead)}</p>"
    return (f"<!doctype html>\n<html lang=\"{iv['lang']}\"><head><meta charset=\"utf-8\">"
            f"<title>{e(iv['title'])} | {e(pub)}</title><style>body{{color:#222}}</style>\n"
            "<script>var tracking = 1;</script></head>\n<body>\n"
            "<div class=\"cookie-banner\">We use cookies. <button>Accept</button></div>\n"
            "<header><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav></header>\n"
            f"<main>\n<article>\n<h1>{e(iv['title'])}</h1>\n<p class=\"date\">{date}</p>\n"
            f"{byline}\n" + "\n".join(paras) + "\n</article>\n</main>\n"
            f"<footer>© {iv['date'][0]} {e(pub)}. All rights reserved.</footer>\n</body></html>\n")


def speakers_of(iv: dict) -> list[str]:
    """Who speaks: the interviewee, and the reporter (named layouts) or the outlet."""
    name = {"ru": iv["who"].name_ru, "zh": iv["who"].name_zh}.get(iv["lang"], iv["who"].name)
    asks = iv["asker"].name if iv["layout"] in ("portal", "name-labels", "bold-names") \
        else iv["publisher"]
    return [name, asks]


def markdown(iv: dict, stem: str) -> str:
    """The same interview, clean, as Markdown with front matter for the peers."""
    y, m, d = iv["date"]
    ask, first, later = labels(iv)
    body, n = [iv["lead"]], 0
    for kind, text in iv["turns"]:
        if kind == "q":
            n += 1
            body.append(f"**{ask}:** {text}")
        else:
            body.append(f"**{first if n == 1 else later}:** {text[0]}")
            body.extend(text[1:])
    quoted = '", "'.join(s.replace('"', '\\"') for s in speakers_of(iv))
    title = iv["title"].replace('"', '\\"')
    return ("---\n"
            f'title: "{title}"\n'
            f"slug: {stem}\n"
            f"date: {y}-{m:02d}-{d:02d}\n"
            f"tags: [{', '.join(iv['topics'])}]\n"
            + (f"lang: {iv['lang']}\n" if iv["lang"] != "en" else "")
            + f'authors: ["{quoted}"]\n'
            "---\n\n" + "\n\n".join(body) + "\n")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# --- config and the folder ---------------------------------------------------------

def cast_speakers(cast: list[Person]) -> str:
    """One speakers.yaml entry per invented speaker: the name, the surname and the
    Russian and Chinese spellings as aliases, the office."""
    out = ["\n# Invented speakers of the benchmark corpus (bench/generate.py).\n"]
    for p in cast:
        aliases = ", ".join(f'"{a}"' for a in (p.surname, p.name_ru, p.name_zh))
        out.append(f'- name: "{p.name}"\n  aliases: [{aliases}]\n'
                   f'  roles:\n    - title: "{p.role()}"\n')
    return "".join(out)


def minimal_config(name: str) -> str:
    """Stand-ins for the project's content/*.yaml, from the generator's own vocabulary."""
    if name == "site.yaml":
        return ("title: SCO Interview Archive (benchmark)\n"
                "description: Synthetic interviews for the benchmark.\nlanguage: en\n")
    if name == "topics.yaml":
        out = []
        for topic, (phrases, _, _) in sorted(TOPICS.items()):
            keys = "".join(f"    - '{re.escape(p)}'\n" for p in phrases)
            out.append(f"- slug: {topic}\n  name: {topic.replace('-', ' ').capitalize()}\n"
                       f"  keywords:\n{keys}")
        return "".join(out)
    return ""


def write_config(out: Path, cast: list[Person], source: Path) -> None:
    for name in CONFIG_FILES:
        if (out / name).exists():
            continue
        if (source / name).exists():
            shutil.copy(source / name, out / name)
        else:
            (out / name).write_text(minimal_config(name), encoding="utf-8")
        if name == "speakers.yaml":
            with open(out / name, "a", encoding="utf-8") as f:
                f.write(cast_speakers(cast))


def free_stem(folder: Path, stem: str, taken: set[str], text: str, suffix: str) -> str:
    """stem, or stem-2, stem-3 ... when another transcript has that name already
    (the same text under that name is the same interview: generating again into a
    folder rewrites it rather than adding a copy)."""
    n, candidate = 1, stem
    while candidate in taken or any(
            (folder / f"{candidate}{s}").exists()
            and not (s == suffix and (folder / f"{candidate}{s}").read_text(encoding="utf-8") == text)
            for s in (".txt", ".html")):
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
        text = render(rng, iv)
        suffix = ".html" if iv["layout"].endswith("saved-page") else ".txt"
        stem = free_stem(folder, f"{y}-{m:02d}-{d:02d}-{slug(iv['who'].name)}", taken, text,
                         suffix)
        path = folder / f"{stem}{suffix}"
        path.write_text(text, encoding="utf-8")
        written.append(path)
        if markdown_dir is not None:
            (markdown_dir / f"{stem}.md").write_text(markdown(iv, stem), encoding="utf-8")
    return written


# --- how varied the text is ---------------------------------------------------------

def tokens(paths: list[Path]) -> list[str]:
    """Whitespace-separated tokens of the transcripts' text (a saved page's tags
    stripped); Chinese, written without spaces, as wordfreq's words it was drawn
    from cannot be told apart again, so a run of Han characters counts per
    character pair -- an undercount of its distinct words, not an overcount."""
    out = []
    for p in paths:
        text = p.read_text("utf-8")
        if p.suffix == ".html":
            text = html.unescape(re.sub(r"<[^>]+>", " ", text))
        for t in text.split():
            if re.search(r"[\u4e00-\u9fff]", t):
                out.extend(t[k:k + 2] for k in range(0, len(t), 2))
            else:
                out.append(t)
    return out


def distinct_stats(paths: list[Path]) -> dict:
    toks = tokens(paths)
    windows = [toks[i:i + 10000] for i in range(0, len(toks) - 9999, 10000)] or [toks]
    return {"transcripts": len(paths), "tokens": len(toks), "distinct": len(set(toks)),
            "share": len(set(toks)) / max(1, len(toks)),
            "per_10k": sum(len(set(w)) for w in windows) / len(windows)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int)
    ap.add_argument("out", type=Path, help="the content folder to write")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--markdown", type=Path, metavar="DIR",
                    help="also write the interviews as Markdown for the peers here")
    ap.add_argument("--start", type=int, default=0,
                    help="first interview number (to add interviews to a folder)")
    ap.add_argument("--stats", action="store_true",
                    help="print distinct tokens: all, share of all tokens, per 10,000")
    args = ap.parse_args()
    started = time.perf_counter()
    paths = generate(args.n, args.out, args.seed, args.markdown, start=args.start)
    size_mb = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} transcripts ({size_mb / 1e6:.1f} MB) to "
          f"{args.out / 'transcripts'} in {time.perf_counter() - started:.1f}s")
    if args.stats:
        s = distinct_stats(paths)
        print(f"{s['tokens']:,} tokens, {s['distinct']:,} distinct ({s['share']:.1%}); "
              f"{s['per_10k']:,.0f} distinct per 10,000")


if __name__ == "__main__":
    main()
