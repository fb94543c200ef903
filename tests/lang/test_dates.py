import pytest

from kg.lang.dates import find_dates, reference_year


@pytest.mark.parametrize("text,lang,year,expected", [
    ("Ngày 15/3, hai bên đã ký kết.", "vi", 2022, [("2022-03-15", None)]),
    ("Tối ngày 3/11, Chủ tịch nước tiếp Đại sứ.", "vi", 2020, [("2020-11-03", None)]),
    ("chuyến thăm từ ngày 10-12/5", "vi", 2023, [("2023-05-10", "2023-05-12")]),
    ("sáng 2/4/2021 tại Hà Nội", "vi", 2019, [("2021-04-02", None)]),
    ("ngày 5 tháng 6 năm 2020", "vi", None, [("2020-06-05", None)]),
    ("kim ngạch tăng 12,5% đạt 2,6 tỷ USD", "vi", 2021, []),
    ("The two leaders met on March 3.", "en", 2022, [("2022-03-03", None)]),
    ("a visit from October 12 to 14", "en", 2021, [("2021-10-12", "2021-10-14")]),
    ("signed on 5 June 2019 in Tokyo", "en", None, [("2019-06-05", None)]),
    ("Published on Jan. 9, 2022", "en", None, [("2022-01-09", None)]),
    ("met on 4/7", "vi", None, [("--07-04", None)]),
    ("COVID-19 vaccines", "en", 2021, []),
])
def test_find_dates(text, lang, year, expected):
    assert find_dates(text, lang, year) == expected


@pytest.mark.parametrize("date,text,expected", [
    ("2021-09-29", "năm 2019", 2021),
    (None, "trong 6 tháng đầu năm 2021 so với năm 2020", 2021),
    (None, "không có năm", None),
])
def test_reference_year(date, text, expected):
    assert reference_year(date, text) == expected
