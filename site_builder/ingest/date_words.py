"""Words of dates (data): month names in English and in the region's languages, weekdays, times and zones.

Month names other than English come as the region's outlets print them in English texts: transliterated Russian
("Dekabrya"), Azerbaijani and Uzbek ("Dekabr", "Avqust", "Iyul"), Turkmen ("Dekabr", "Awgust"), Turkish ("Aralık"),
Kazakh in Latin letters ("Jeltoqsan"), Uzbek Latin ("Sentabr"), in Cyrillic (Russian, Kazakh, Kyrgyz, Tajik:
"декабря", "желтоқсан"), and in the neighbours' scripts as their outlets print them (Greek "Νοεμβρίου", Armenian
"դեկտեմբերի", Georgian "დეკემბერს"): nominative and genitive forms, the ones a day number stands next to.
English names count only capitalised or in capitals ("may" and "march" are verbs); the others in any case, but
only next to a day or a year (see date_finder.py), so "Mart" or "Qazan" alone are never a month.
"""

from __future__ import annotations

import re
import unicodedata

ENGLISH = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
# Other forms by month (lower case); stems are enough where a language adds endings.
OTHER: tuple[tuple[str, ...], ...] = (
    ("yanvar", "yanvarya", "yanvarja", "ýanwar", "ocak", "qańtar", "qantar", "январь", "января", "январ", "янв",
     "қаңтар", "қантар", "үчтүн айы"),
    ("fevral", "fevralya", "fewral", "şubat", "subat", "aqpan", "февраль", "февраля", "феврал", "фев", "ақпан"),
    ("mart", "marta", "naýryz", "nauryz", "март", "марта", "мар", "наурыз"),
    ("aprel", "aprelya", "nisan", "sáýir", "sauir", "апрель", "апреля", "апрел", "апр", "сәуір"),
    ("may", "maya", "maý", "mayıs", "mayis", "mamyr", "май", "мая", "мамыр"),
    ("iyun", "iyunya", "i̇yun", "iýun", "haziran", "maýsym", "mausym", "июнь", "июня", "июн", "маусым"),
    ("iyul", "iyulya", "i̇yul", "iýul", "temmuz", "shilde", "июль", "июля", "июл", "шілде"),
    ("avgust", "avgusta", "avqust", "awgust", "ağustos", "agustos", "tamyz", "август", "августа", "авг", "тамыз"),
    ("sentyabr", "sentyabrya", "sentýabr", "eylül", "eylul", "qyrkúiek", "qyrkuiek", "сентябрь", "сентября",
     "сентябр", "сен", "сент", "қыркүйек"),
    ("oktyabr", "oktyabrya", "oktýabr", "ekim", "qazan", "октябрь", "октября", "октябр", "окт", "қазан"),
    ("noyabr", "noyabrya", "noýabr", "kasım", "kasim", "qarasha", "ноябрь", "ноября", "ноябр", "ноя", "қараша"),
    ("dekabr", "dekabrya", "aralık", "aralik", "jeltoqsan", "декабрь", "декабря", "декабр", "дек", "желтоқсан"),
)
# Uzbek Latin (the 1995 alphabet) and Uzbek Cyrillic spell two months apart from Russian.
UZBEK = {"sentabr": 9, "oktabr": 10, "сентабр": 9, "октабр": 10}
# Greek (nominative, genitive), Armenian (nominative, genitive), Georgian (nominative, dative "-ს"): by month.
NEIGHBOURS: tuple[str, ...] = (
    "Ιανουάριος Ιανουαρίου Ιαν հունվար հունվարի იანვარი იანვარს",
    "Φεβρουάριος Φεβρουαρίου Φεβ փետրվար փետրվարի თებერვალი თებერვალს",
    "Μάρτιος Μαρτίου Μαρ մարտ մարտի მარტი მარტს",
    "Απρίλιος Απριλίου Απρ ապրիլ ապրիլի აპრილი აპრილს",
    "Μάιος Μαΐου Μαΐ Μαιου մայիս մայիսի მაისი მაისს",
    "Ιούνιος Ιουνίου Ιουν հունիս հունիսի ივნისი ივნისს",
    "Ιούλιος Ιουλίου Ιουλ հուլիս հուլիսի ივლისი ივლისს",
    "Αύγουστος Αυγούστου Αυγ օգոստոս օգոստոսի აგვისტო აგვისტოს",
    "Σεπτέμβριος Σεπτεμβρίου Σεπ սեպտեմբեր սեպտեմբերի სექტემბერი სექტემბერს",
    "Οκτώβριος Οκτωβρίου Οκτ հոկտեմբեր հոկտեմբերի ოქტომბერი ოქტომბერს",
    "Νοέμβριος Νοεμβρίου Νοε նոյեմբեր նոյեմբերի ნოემბერი ნოემბერს",
    "Δεκέμβριος Δεκεμβρίου Δεκ դեկտեմբեր դեկտեմբերի დეკემბერი დეკემბერს",
)


def _unaccented(form: str) -> str:
    """Greek capitals drop their accents ("ΝΟΕΜΒΡΙΟΥ"): the form without its combining marks."""
    return "".join(ch for ch in unicodedata.normalize("NFD", form) if not unicodedata.combining(ch))


OTHER_MONTHS = {form: number for number, forms in enumerate(OTHER, start=1) for form in forms} | UZBEK | {
    variant: number for number, forms in enumerate(NEIGHBOURS, start=1) for form in forms.split()
    for variant in (form.lower(), _unaccented(form.lower()))}

ENGLISH_FORMS = (r"Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?\.?|July?\.?|"
                 r"Aug(?:ust|\.)?|Sep(?:tember|t\.?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?|"
                 r"JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER|"
                 r"JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT?|OCT|NOV|DEC")
_OTHER_FORMS = "|".join(sorted((re.escape(f) for f in OTHER_MONTHS if f != "may"), key=len, reverse=True))
# One group: English forms case-sensitively, the others in any case.
MONTH = rf"(?P<month>{ENGLISH_FORMS}|(?i:{_OTHER_FORMS}))(?![^\W\d_])"

WEEKDAYS = (r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?|Monday|Tuesday|Wednesday|Thursday|Friday|"
            r"Saturday|Sunday|(?i:понедельник|вторник|среда|четверг|пятница|суббота|воскресенье|"
            r"dushanba|seshanba|chorshanba|payshanba|juma|shanba|yakshanba|bazar ertəsi|çərşənbə|cümə|şənbə|"
            r"pazartesi|salı|çarşamba|perşembe|cuma|cumartesi|pazar|"
            r"Δευτέρα|Τρίτη|Τετάρτη|Πέμπτη|Παρασκευή|Σάββατο|Κυριακή)")
# Times and zones as datelines print them: "13:38", "08:30 (UTC+04:00)", "12:13 GMT", "| GMT +6", "[16:04]",
# "4:30 pm", "18:00 MSK", "Astana time".
TIME = r"\[?\d{1,2}[:.]\d{2}(?::\d{2})?\]?(?:\s*(?:[ap]\.?m\.?|AM|PM))?"
ZONE = (r"\(?\s*(?:GMT|UTC|MSK|AST|EST|EDT|CET|CEST|EET|EEST|BST|IST|AZT|AMT|GET|TJT|UZT|TMT|KGT|ALMT|"
        r"Astana time|Baku time|Tashkent time|Moscow time|local time)\s*(?:[+-−]\s*\d{1,2}(?::?\d{2})?)?\s*\)?")
TIME_RE = re.compile(TIME)
# Full English month names in any case, for patterns that hold a day and a year too ("27 july 2011").
ANY_CASE_MONTH = (r"(?P<month>(?i:january|february|march|april|may|june|july|august|september|october|november|"
                  r"december))(?![^\W\d_])")
