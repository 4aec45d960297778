"""The Russian word model (restore_lost_spaces_ru): Cyrillic runs read by the same
algorithm as English ones over wordfreq's Russian list. Every sentence and name
here is our own (names invented, of the shapes of Central Asian and Russian
names; places are public ones); expected texts were written by reading the input.

Covered: each shape of damage (a preposition glued to a noun, lower->Upper,
two or three whole words run together, a glued conjunction on either side, a
line break lost with its <br>), ~40 correctly spaced sentences where nothing may
change, names never split, a mixed English/Russian paragraph, the English path
untouched, lazy loading and memoising, low-confidence warnings."""
from __future__ import annotations

import random
import re

import pytest

from scogen.loader import default_lexicon, interview_from_text
from scogen.loader.html import html_page
from scogen.loader.repairs import clean, low_confidence
from scogen.loader.segment import RUSSIAN, doubtful, load_lexicon, segment

LEX = default_lexicon()
RU = LEX.for_language("ru")


def test_the_russian_list_is_wordfreqs_large_one():
    from wordfreq import get_frequency_dict

    assert len(get_frequency_dict("ru", wordlist="large")) > 500_000
    assert RU.lang is RUSSIAN and RU.is_known("сотрудничества") and RU.is_known("Бишкеке")
    assert RU.is_known("идет") and not RU.is_known("qwerty")
    assert max(RU._zipf.values()) < 8.0 - RUSSIAN.cheapest  # the bound the search relies on


# --- each shape of damage --------------------------------------------------------------

@pytest.mark.parametrize("raw,want", [
    # a one-letter preposition glued to the noun after it
    ("Встреча прошла вБишкеке в начале лета.", "Встреча прошла в Бишкеке в начале лета."),
    ("ВТашкенте открылся форум.", "В Ташкенте открылся форум."),
    ("переговоры сСНГ продолжатся", "переговоры с СНГ продолжатся"),
    ("мы говорили вгороде об этом", "мы говорили в городе об этом"),
    # lower -> Upper (or CAPITALS) inside a run
    ("накануне саммитаШОС в Астане", "накануне саммита ШОС в Астане"),
    ("ШОСиБРИКС расширяются", "ШОС и БРИКС расширяются"),
    ("МоскваиПекин согласовали позиции", "Москва и Пекин согласовали позиции"),
    # two or three whole words run together
    ("юбилей Шанхайскойорганизациисотрудничества отметили",
     "юбилей Шанхайской организации сотрудничества отметили"),
    ("экономическоесотрудничество растёт", "экономическое сотрудничество растёт"),
    ("развитиерегиональнойторговли важно", "развитие региональной торговли важно"),
    ("Мыобсудили планы.", "Мы обсудили планы."),
    ("несмотрянаэто они приехали", "несмотря на это они приехали"),
    # a conjunction glued before or after its neighbour
    ("министры ипредставители деловых кругов", "министры и представители деловых кругов"),
    ("развитие сотрудничестваи торговли", "развитие сотрудничества и торговли"),
    ("нетолько торговля", "не только торговля"),
    # ё is read as the list spells it, and kept as written
    ("идётречь о транзите", "идёт речь о транзите"),
])
def test_damage_is_repaired(raw, want):
    text, repairs = clean(raw, 1, LEX)
    assert text == want
    assert repairs and all(r.rule == "restore_lost_spaces_ru" for r in repairs)


def test_a_line_break_lost_with_its_br():
    """A <br> between two lines of a paragraph is a space; a page that lost the
    tag has the lines run together, which the Russian model mends."""
    kept = ("<html><body><article><p>Стороны договорились расширить сотрудничество"
            "<br>в области энергетики и транспорта.</p></article></body></html>")
    lost = kept.replace("<br>", "")
    want = "Стороны договорились расширить сотрудничество в области энергетики и транспорта."
    for page, repaired in ((kept, False), (lost, True)):
        blocks, _chrome, _meta = html_page(page, 1)
        texts = [b.text for b in blocks]
        assert any("Стороны" in t for t in texts)
        para = next(t for t in texts if "Стороны" in t)
        text, repairs = clean(para, 1, LEX)
        assert text == want
        assert [r.raw for r in repairs] == (["сотрудничествов"] if repaired else [])


# --- false-positive guard: nothing may change --------------------------------------------

CLEAN = [
    "Заседание Совета министров иностранных дел ШОС прошло в Бишкеке в начале июня.",
    "Генеральный секретарь организации Нурлан Ермекбаевич Абдрахманов ответил на вопросы "
    "журналистов.",
    "Делегация Таджикистана прибыла в Душанбе поздно вечером, после долгого перелёта из "
    "Ташкента.",
    "Представители СНГ и ОДКБ присутствовали на церемонии в качестве гостей.",
    "Мы обсуждали вопросы продовольственной безопасности и водопользования в приграничных "
    "районах.",
    "По словам Бахтияра Кенесовича Жумагулова, переговоры шли непросто, но конструктивно.",
    "Экспортёры сухофруктов жалуются на длительные проверки на таможенных постах.",
    "Совместные антитеррористические учения запланированы на осень в окрестностях Чолпон-Аты.",
    "Студенты из Алматы, Оша и Худжанда прошли стажировку в китайских университетах.",
    "Соглашение о взаимопризнании дипломов вступит в силу после ратификации всеми сторонами.",
    "Министр подчеркнул, что расширение организации не должно ослабить её внутреннюю "
    "сплочённость.",
    "В докладе упоминаются трансграничные реки, ледники и проблемы опустынивания.",
    "Корреспондент спросил у посла, когда откроется новое консульство в Самарканде.",
    "Гульмира Асанбековна Токтосунова возглавляет отдел по связям с общественностью.",
    "Торговый оборот между Китаем и Кыргызстаном вырос почти на треть.",
    "Эксперты предостерегают от чрезмерных ожиданий в отношении банка развития.",
    "Вечером гостей пригласили на концерт народной музыки в филармонии.",
    "Наблюдатели отметили слаженность действий пограничных и таможенных служб.",
    "Уставные документы ШОС не предусматривают обязательств коллективной обороны.",
    "Переговорщики согласовали текст декларации лишь под утро.",
    "Интервью записано накануне визита председателя КНР в Астану.",
    "Железнодорожная ветка соединит Кашгар с Андижаном через перевалы Ферганского хребта.",
    "Доклад подготовлен сотрудниками Региональной антитеррористической структуры.",
    "Айбек Сапарбаевич Турдуматов рассказал о перспективах гидроэнергетики.",
    "Мы неоднократно предлагали упростить визовый режим для предпринимателей.",
    "Узбекистанские хлопкоробы переходят на капельное орошение.",
    "Разногласия по поводу тарифов удалось урегулировать в рабочем порядке.",
    "В кулуарах форума обсуждали возможное присоединение новых государств-наблюдателей.",
    "Председательствующая сторона разослала приглашения за месяц до встречи.",
    "Журналистка Ольга Рябчикова задала вопрос о борьбе с киберпреступностью.",
    "Пресс-секретарь МИДа пообещал предоставить подробности позднее.",
    "Они договорились о взаимных поставках зерна, удобрений и нефтепродуктов.",
    "Местные жители вспоминают, как по этим тропам когда-то ходили караваны.",
    "Снегопады задержали колонну грузовиков на перевале Тюя-Ашу.",
    "Выступавшие призывали не политизировать вопросы здравоохранения.",
    "Новый глава секретариата пообещал сократить бюрократические процедуры.",
    "Пакистанская делегация привезла предложения по энергетическому коридору.",
    "Памирские кишлаки получили доступ к интернету благодаря спутниковой связи.",
    "Иранские коллеги поделились опытом борьбы с засухой и эрозией почв.",
    "Совещание завершилось принятием коммюнике, которое опубликуют завтра.",
    "Беседовала Динара Мукашевна Сыдыкова, специально для нашего издания.",
    "Ответы министра публикуются с небольшими сокращениями.",
]


@pytest.mark.parametrize("sentence", CLEAN, ids=lambda s: s[:30])
def test_correctly_spaced_russian_is_left_alone(sentence):
    assert clean(sentence, 1, LEX) == (sentence, [])


def test_no_word_of_the_clean_sentences_is_split():
    words = {w for s in CLEAN for w in re.findall(r"[а-яёА-ЯЁ]+", s)}
    assert {w: segment(w, RU) for w in words if len(segment(w, RU)) > 1} == {}


def test_rare_forms_the_list_lacks_are_rarely_cut():
    """Most Russian words the list lacks are rare forms of words it has. Hold out
    1,000 of its rare words (zipf 1-3, five letters or more; seeded), segment each
    alone and glued after a common word: few are cut inside, alone or in a run."""
    from scogen.loader.segment import Lexicon, _frequencies

    full = _frequencies("ru")
    pool = sorted(w for w, z in full.items() if 1.0 <= z < 3.0 and len(w) >= 5)
    held = random.Random(11).sample(pool, 1000)
    table = dict(full)
    for w in held:
        del table[w]
    lex = Lexicon(table, (), (), RUSSIAN)
    alone = [w for w in held if len(segment(w, lex)) > 1]
    glued = [w for w in held if segment("это" + w, lex) not in (("это", w), ("это" + w,))]
    print(f"\nheld-out rare forms cut: {len(alone)} alone, {len(glued)} after 'это' of 1000")
    # a regression floor (measured: 86 and 119; the first Russian model cut ~260 alone)
    assert len(alone) <= 100 and len(glued) <= 140


# --- names ----------------------------------------------------------------------------------

# invented surnames, patronymics and given names of Central Asian and Russian shapes
NAMES = ["Сатыбалдиев", "Токтогулович", "Кенжебекович", "Тургунбаева", "Жумабаевым",
         "Абдыкалыков", "Бекназарова", "Сапарбаевич", "Турдуматов", "Мукашевна", "Асанбековна",
         "Ермекбаевич", "Токтосунова", "Назаркулов", "Исмаилджанов", "Шарипзода", "Давлатбеков",
         "Рахимбердиев", "Курманжанова", "Жолдошбеков", "Садыркулович", "Абдурахимовна"]
AFTER = ["сказал", "ответил", "и", "в", "на", "отметил", "подчеркнул", "добавил", "также"]


@pytest.mark.parametrize("name", NAMES)
def test_a_cyrillic_name_is_never_split(name):
    assert segment(name, RU) == (name,)
    sentence = f"Об этом рассказал {name} на встрече."
    assert clean(sentence, 1, LEX) == (sentence, [])


def test_a_name_run_into_the_next_word_is_never_cut_inside():
    """Every invented name glued to every following word: the split is never
    inside the name (the glued word comes off, or the run stays as written)."""
    wrong = [(name + word, segment(name + word, RU)) for name in NAMES for word in AFTER
             if segment(name + word, RU) not in ((name + word,), (name, word))]
    assert wrong == []


# --- English and Russian side by side ---------------------------------------------------------

def test_mixed_paragraph_each_part_to_its_own_model():
    raw = ("The SCO summit inBishkek ended, а министры обсудилисотрудничество в сфере "
           "энергетики and the nationstogether agreed.")
    text, repairs = clean(raw, 1, LEX)
    assert text == ("The SCO summit in Bishkek ended, а министры обсудили сотрудничество в "
                    "сфере энергетики and the nations together agreed.")
    assert [(r.raw, r.rule) for r in repairs] == [
        ("inBishkek", "restore_lost_spaces"),
        ("обсудилисотрудничество", "restore_lost_spaces_ru"),
        ("nationstogether", "restore_lost_spaces"),
    ]


def test_english_reading_does_not_depend_on_the_russian_model():
    fresh = load_lexicon()
    runs = ["nationstogether", "XiJinping", "SCOmilitary", "wereviewed", "Zhurbenkosaid",
            "ofthe", "Kara-Abadand", "businesslike", "therein", "Itis"]
    before = [segment(r, fresh) for r in runs]
    fresh.for_language("ru")
    assert [segment(r, fresh) for r in runs] == before
    # Latin runs never go to the Russian model, nor Cyrillic ones to the English one
    assert clean("nationstogether", 1, fresh)[1][0].rule == "restore_lost_spaces"
    assert segment("вБишкеке", fresh) == ("вБишкеке",)  # English letters only: left alone


def test_the_russian_list_is_read_only_when_a_cyrillic_run_appears():
    lex = load_lexicon()
    clean("The nationstogether met in Bishkek, 22/ 05/ 2007.", 1, lex)
    clean("中国,俄罗斯 and 上合组织", 1, lex)
    assert "ru" not in lex._others
    clean("Встреча вБишкеке", 1, lex)
    assert "ru" in lex._others


def test_chinese_and_japanese_never_get_a_space():
    for text in ["上海合作组织成员国元首理事会会议在比什凯克举行", "中国,俄罗斯和哈萨克斯坦",
                 "上海協力機構の首脳会議はビシュケクで開かれた", "ШОСと上合组织,СНГ"]:
        assert clean(text, 1, LEX) == (text, [])


def test_kazakh_and_tajik_runs_are_read_by_neither_model():
    for text in ["ҚазақстанменҚытай", "ТоҷикистонваӮзбекистон"]:
        assert clean(text, 1, LEX) == (text, [])


# --- memo, doubt ------------------------------------------------------------------------------

def test_russian_runs_are_memoised_per_token():
    lex = load_lexicon()
    clean("министры ипредставители", 1, lex)
    ru = lex.for_language("ru")
    first = segment("ипредставители", ru)
    assert segment("ипредставители", ru) is first
    assert any("ипредставители" in memo for memo in lex.token_memo.values())


def _damaged(sentences, rate, seed):
    rng = random.Random(seed)
    out = []
    for s in sentences:
        words = s.split(" ")
        glued = [words[0]]
        for w in words[1:]:
            if rng.random() < rate and glued[-1][-1:].isalpha() and w[:1].isalpha():
                glued[-1] += w
            else:
                glued.append(w)
        out.append(" ".join(glued))
    return out


def _boundaries(text):
    out, n = set(), 0
    for ch in text:
        if ch.isspace():
            out.add(n)
        else:
            n += 1
    return out


def test_held_out_damage_of_the_clean_sentences():
    """Delete 10% of the spaces between letters of the clean sentences (five seeds):
    every space the model puts back is right; most deleted ones come back."""
    right = wrong = missed = 0
    for seed in range(1, 6):
        for gold, raw in zip(CLEAN, _damaged(CLEAN, 0.10, seed)):
            text, _ = clean(raw, 1, LEX)
            want, got, had = _boundaries(gold), _boundaries(text), _boundaries(raw)
            right += len((got - had) & want)
            wrong += len((got - had) - want)
            missed += len((want - had) - got)
    print(f"\nRussian held-out damage: {right} restored, {wrong} wrong, {missed} missed")
    assert wrong == 0
    assert right >= 0.85 * (right + missed)


def test_doubtful_russian_splits_become_low_confidence_warnings():
    """A Russian repair is low-confidence exactly when the model doubts its split,
    and an interview carries the warning with the repair's line."""
    flagged = total = 0
    for seed in range(1, 6):
        for raw in _damaged(CLEAN, 0.15, seed):
            _, repairs = clean(raw, 1, LEX)
            low = low_confidence(repairs, LEX)
            for r in repairs:
                if r.rule != "restore_lost_spaces_ru":
                    continue
                total += 1
                runs = [m.group() for m in re.finditer(r"[а-яёА-ЯЁ]+", r.raw)]
                close = any(len(segment(x, RU)) > 1 and doubtful(x, RU) for x in runs)
                assert (r in low) is close
                flagged += close
    assert total > 50 and 0 < flagged < total
    doubted = next(r for seed in range(1, 6) for raw in _damaged(CLEAN, 0.15, seed)
                   for r in low_confidence(clean(raw, 1, LEX)[1], LEX))
    body = (f"Беседа о сотрудничестве\n\n12 мая 2021\n\nВопрос: Как прошла встреча?\n\n"
            f"Ответ: {doubted.raw} прошло хорошо.\n")
    iv = interview_from_text(body, "ru.txt", LEX)
    assert any(w.code == "loader.low_confidence_repair" and doubted.raw in w.message
               for w in iv.warnings)
