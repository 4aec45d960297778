"""Publication dates as real transcript pages write them (English, Russian, Chinese)."""
from datetime import date, timedelta

import pytest
from hypothesis import given, strategies as st

from scogen.loader.dates import DateHit, find_date, find_dates, infer_order, is_date_line

# --- the old single-date API keeps its meaning -------------------------------------------


@pytest.mark.parametrize("text,iso", [
    ("May 22, 2007", "2007-05-22"),
    ("17 January 2023", "2023-01-17"),
    ("2022 / 11 / 11", "2022-11-11"),
    ("11/11/2022 | News release", "2022-11-11"),
    ("Publication Date:2013-08-15", "2013-08-15"),
    ("Updated 20:40, 12-Sep-2022", "2022-09-12"),
    ("22/ 05/ 2007", "2007-05-22"),
    ("05/22/2007", "2007-05-22"),
    ("Sept. 5, 2019", "2019-09-05"),
    ("Author:\u00a0\u00a0|\u00a0 Publication Date:2013-08-15", "2013-08-15"),
])
def test_dates(text, iso):
    assert find_date(text)[0] == iso
    assert is_date_line(text)


@pytest.mark.parametrize("text", ["Peace Mission-2007 in 2014-2015", "31/02/2020", "version 1.2.3"])
def test_not_dates(text):
    assert find_date(text) is None


def test_date_inside_sentence_is_not_a_date_line():
    text = "Interview of the Secretary with RIA Novosti 08:00 22/ 05/ 2007"
    assert find_date(text)[0] == "2007-05-22"
    assert not is_date_line(text)


def test_find_date_is_the_first_of_find_dates():
    text = "Posted 3 March 2021, updated 2021-03-04"
    iso, start, end = find_date(text)
    first = find_dates(text)[0]
    assert (iso, start, end) == (first.iso, first.start, first.end) == ("2021-03-03", 7, 19)


# --- every form, with the span as written ------------------------------------------------

FORMS = [
    # text, the date as written inside it, iso, form
    ("Published 2023-07-14 09:00", "2023-07-14", "2023-07-14", "iso"),
    ("Release of 2021.03.09", "2021.03.09", "2021-03-09", "iso"),
    ("Date: 2020 / 12 / 01 |", "2020 / 12 / 01", "2020-12-01", "iso"),
    ("2016/4/5 news", "2016/4/5", "2016-04-05", "iso"),
    ("Last revised August 30, 2016.", "August 30, 2016", "2016-08-30", "month-name"),
    ("Sept. 21 2020 — Minsk", "Sept. 21 2020", "2020-09-21", "month-name"),
    ("on Dec 1st, 2019 in Sochi", "Dec 1st, 2019", "2019-12-01", "month-name"),
    ("Feb 3 ,2015 (a stray space before the comma)", "Feb 3 ,2015", "2015-02-03", "month-name"),
    ("posted 28 February 2024 by the desk", "28 February 2024", "2024-02-28", "month-name"),
    ("Updated 04-Oct-2018", "04-Oct-2018", "2018-10-04", "month-name"),
    ("the 2nd of November 2017 was cold", "2nd of November 2017", "2017-11-02", "month-name"),
    ("1 MARCH 2022", "1 MARCH 2022", "2022-03-01", "month-name"),
    ("6 Jan, 2011", "6 Jan, 2011", "2011-01-06", "month-name"),
    ("25/12/2019", "25/12/2019", "2019-12-25", "numeric"),
    ("Posted 30.06.2024 18:05", "30.06.2024", "2024-06-30", "numeric"),
    ("07 - 03 - 2013", "07 - 03 - 2013", "2013-03-07", "numeric"),
    ("Заседание 15 мая 2006 г. в Шанхае", "15 мая 2006 г.", "2006-05-15", "ru"),
    ("доклад от 7 декабря 2015 года", "7 декабря 2015 года", "2015-12-07", "ru"),
    ("7 дек. 2015", "7 дек. 2015", "2015-12-07", "ru"),
    ("20.02.2012, Москва", "20.02.2012", "2012-02-20", "numeric"),
    ("2019年9月1日电", "2019年9月1日", "2019-09-01", "zh"),
    ("2019年09月01日 08:15", "2019年09月01日", "2019-09-01", "zh"),
    ("２０２０年１２月３日", "２０２０年１２月３日", "2020-12-03", "zh"),
    ("发布时间：2021-05-06 10:23", "2021-05-06", "2021-05-06", "iso"),
    ("datePublished 2022-01-31T06:00:00+03:00", "2022-01-31", "2022-01-31", "iso"),
]


@pytest.mark.parametrize("text,written,iso,form", FORMS)
def test_each_form_gives_its_date_and_span(text, written, iso, form):
    hits = find_dates(text)
    assert len(hits) == 1, hits
    hit = hits[0]
    assert isinstance(hit, DateHit)
    assert (hit.iso, hit.form) == (iso, form)
    assert text[hit.start:hit.end] == written


@pytest.mark.parametrize("text,iso", [
    ("Energy talks (Bishkek, March 3, 2021) in full", "2021-03-03"),
    ("On April 9, 2016, the ministers met in Tashkent.", "2016-04-09"),
    ("Dushanbe,14 June 2019 – The council opened", "2019-06-14"),   # dateline, space lost
    ("Astana, 2 October 2020 — Speaking to reporters", "2020-10-02"),
    ("Interview given onJuly 8, 2023 to the press", "2023-07-08"),    # run-together words
])
def test_dates_inside_titles_leads_and_datelines(text, iso):
    assert [h.iso for h in find_dates(text)] == [iso]


def test_aggregator_line_gives_both_dates_in_order():
    text = "04/07/2022 | Statement | Distributed by WireHub on 04/07/2022 09:41"
    hits = find_dates(text)
    assert [text[h.start:h.end] for h in hits] == ["04/07/2022", "04/07/2022"]
    assert hits[0].start < hits[1].start
    assert all(h.ambiguous and h.iso == "2022-07-04" for h in hits)


RU_GENITIVE = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
               "сентября", "октября", "ноября", "декабря"]
RU_NOMINATIVE = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
                 "сентябрь", "октябрь", "ноябрь", "декабрь"]


@pytest.mark.parametrize("month", range(1, 13))
def test_every_russian_month(month):
    text = f"12 {RU_GENITIVE[month - 1]} 2010 г."
    assert [(h.iso, h.form) for h in find_dates(text)] == [(f"2010-{month:02d}-12", "ru")]
    assert [h.iso for h in find_dates(text.upper())] == [f"2010-{month:02d}-12"]


@pytest.mark.parametrize("month", range(1, 13))
def test_russian_nominative_month_with_a_day(month):
    assert find_dates(f"12 {RU_NOMINATIVE[month - 1]} 2010")[0].iso == f"2010-{month:02d}-12"


def test_russian_month_header_without_day_is_not_a_date():
    assert find_dates("Апрель 2007") == []


@pytest.mark.parametrize("text,written,iso", [
    ("Friday, 7 June 2024 | Statement", "Friday, 7 June 2024", "2024-06-07"),
    ("Wed., March 6, 2019", "Wed., March 6, 2019", "2019-03-06"),
    ("вторник, 4 июня 2024 г.", "вторник, 4 июня 2024 г.", "2024-06-04"),
])
def test_weekday_before_the_date_is_part_of_it(text, written, iso):
    hit, = find_dates(text)
    assert (hit.iso, text[hit.start:hit.end]) == (iso, written)


@pytest.mark.parametrize("text", [
    "the 2014-2015 plan", "SCO 2025 summit", "Met on June 8 in Qingdao", "31 February 2020",
    "30 февраля 2020 г.", "2019年2月30日", "2023-13-01", "version 1.2.3", "Peace Mission-2007",
    "Room 12/05, 3 people", "population 1,200,000", "11.5.3 of the charter", "5 May", "2020年",
])
def test_not_a_full_date(text):
    assert find_dates(text) == []
    assert find_date(text) is None


# --- numeric day/month order -------------------------------------------------------------

def test_ambiguous_numeric_is_day_first_by_default():
    hit, = find_dates("10/09/2025")
    assert (hit.iso, hit.form, hit.ambiguous) == ("2025-09-10", "numeric", True)


@pytest.mark.parametrize("text,iso", [
    ("13/05/2023", "2023-05-13"), ("05/13/2023", "2023-05-13"), ("07/07/2023", "2023-07-07"),
])
def test_numeric_that_can_be_read_one_way_only_is_not_ambiguous(text, iso):
    for order in (None, "dmy", "mdy"):
        hit, = find_dates(text, order)
        assert (hit.iso, hit.ambiguous) == (iso, False)


def test_given_order_decides_the_ambiguous_ones():
    assert find_dates("10/09/2025 13:20", "mdy")[0].iso == "2025-10-09"
    assert find_dates("10/09/2025 13:20", "dmy")[0].iso == "2025-09-10"
    assert find_dates("10.09.2025", "mdy")[0].ambiguous


def test_unknown_order_is_refused():
    with pytest.raises(ValueError, match="order"):
        find_dates("10/09/2025", "ymd")


def test_non_numeric_forms_are_never_ambiguous():
    hits = [h for text, *_ in FORMS for h in find_dates(text) if h.form != "numeric"]
    assert len(hits) > 15 and not any(h.ambiguous for h in hits)


@pytest.mark.parametrize("lines,order", [
    (["Posted 13/05/2023", "x"], "dmy"),
    (["Posted 05/13/2023"], "mdy"),
    (["10/09/2025", "04.03.2024"], None),
    (["no dates here", ""], None),
    (["2023-05-13", "13 May 2023"], None),                     # no numeric date at all
    (["02/15/2020", "03/16/2020", "17/03/2020"], "mdy"),       # the larger side wins
    (["02/15/2020", "17/03/2020"], None),                      # a tie says nothing
])
def test_infer_order_from_unambiguous_numeric_dates(lines, order):
    assert infer_order(lines) == order
    assert infer_order(iter(lines)) == order                   # any iterable, read once


def test_infer_order_from_a_spelled_out_date_that_agrees():
    page = ["11/06/2024 | Interview | Distributed by WireHub on 11/06/2024 08:00",
            "Minister answers questions (Almaty, 6 November 2024)"]
    assert infer_order(page) == "mdy"
    page[1] = "Minister answers questions (Almaty, 11 June 2024)"
    assert infer_order(page) == "dmy"


# --- is_date_line in other languages -------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Опубликовано: 3 апреля 2007 г.",
    "Дата публикации: 12.10.2021 15:40",
    "发布时间：2018-06-11 10:23",
    "2018年6月11日 来源：新华社",
    "２０１８年６月１１日 星期一",
    "Monday, 3 June 2024",
    "10/09/2025 | Press release | Distributed by PressDesk on 10/09/2025 13:20",
    "Tashkent,19 May 2022 –",
    "(обновлено 09:12 21.03.2019)",
    "2017-03-02 08:41:09 来源: 人民网",
    "發佈時間：2016年3月2日 08:41 責任編輯：王明",
    "Edited By: Priya Menon | Updated: Aug 14, 2022, 07:40 PM (IST)",
    "Daily Ledger Online | Mumbai | Updated: June 9, 2021 11:05 IST",
])
def test_date_lines_in_any_language(text):
    assert is_date_line(text)


@pytest.mark.parametrize("text", [
    "2018年6月11日，国务委员兼外交部长在北京会见了来访的上海合作组织秘书长。",
    "3 апреля 2007 г. министры обсудили вопросы региональной безопасности и торговли",
    "On June 10, 2018, the leaders signed the Qingdao declaration.",
    "Опубликовано: вчера",
    "来源：新华社",
    "Full text of the joint press statement of the two ministers (June 9, 2021) |",
    "Trending: Budget 2021 | SCO summit | Monsoon | Cricket",
    "Foreign Desk | Politics | The ministers will meet again on 9 June 2021 in Dushanbe",
])
def test_sentences_and_dateless_lines_are_not_date_lines(text):
    assert not is_date_line(text)


# --- every day of a leap year, written each way --------------------------------------------

EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]


def _written(day: date) -> list[tuple[str, str]]:
    d, m, y = day.day, day.month, day.year
    return [
        (f"{y}-{m:02d}-{d:02d}", "iso"),
        (f"{EN_MONTHS[m - 1]} {d}, {y}", "month-name"),
        (f"{EN_MONTHS[m - 1][:3]}. {d} {y}", "month-name"),
        (f"{d} {EN_MONTHS[m - 1]} {y}", "month-name"),
        (f"{d:02d}.{m:02d}.{y}", "numeric"),
        (f"{d} {RU_GENITIVE[m - 1]} {y} года", "ru"),
        (f"{y}年{m}月{d}日", "zh"),
    ]


def test_every_day_of_2024_in_every_form():
    day = date(2024, 1, 1)
    while day.year == 2024:
        for text, form in _written(day):
            hit, = find_dates(f"x {text} y")
            assert (hit.iso, hit.form, hit.end - hit.start) == (day.isoformat(), form, len(text))
        day += timedelta(days=1)


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2099, 12, 31)),
       st.sampled_from(["dmy", "mdy"]))
def test_numeric_reading_follows_the_order(day, order):
    a, b = (day.day, day.month) if order == "dmy" else (day.month, day.day)
    hit, = find_dates(f"{a:02d}/{b:02d}/{day.year}", order)
    assert hit.iso == day.isoformat()
    assert hit.ambiguous == (day.day <= 12 and day.month != day.day)


@given(st.text(max_size=60))
def test_arbitrary_text_never_fails_and_spans_are_ordered(text):
    hits = find_dates(text)
    assert all(0 <= h.start < h.end <= len(text) for h in hits)
    assert all(a.end <= b.start for a, b in zip(hits, hits[1:]))
    for h in hits:
        date.fromisoformat(h.iso)
    assert is_date_line(text) in (True, False)
