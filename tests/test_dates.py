import pytest

from scogen.loader.dates import find_date, is_date_line


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
