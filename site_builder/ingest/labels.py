"""A lexicon of interface labels (data): the words of a news site's own furniture, in English, Russian and the
region's languages (Kazakh, Kyrgyz, Uzbek, Tajik, Turkmen, Azerbaijani, Turkish, Armenian, Georgian).

A title candidate that is one of these ("All news", "Top Stories", "Media logo", "• Հայ", "Последние новости") or a
short run of them ("Featured Russia Tajikistan", "Centre About us Team") is the site speaking, not the article.
"""

from __future__ import annotations

import re
from functools import lru_cache

_ENGLISH = """
home|main|main page|homepage|news|all news|latest news|latest|latest updates|latest stories|top news|top stories|
breaking news|breaking|news feed|news archive|archive|archives|featured|trending|popular|most read|most popular|
most viewed|editor's choice|editors' choice|editor's pick|recommended|highlights|headlines|in focus|focus|
politics|economy|business|society|world|region|regions|sport|sports|culture|science|technology|tech|health|
opinion|opinions|analysis|analytics|interview|interviews|commentary|columns|blogs|features|reports|
press releases|press release|press service|press center|press centre|media|media logo|logo|multimedia|video|
videos|photo|photos|gallery|photo gallery|podcast|podcasts|infographics|publications|events|projects|team|
library|about|about us|contact|contacts|contact us|advertising|advertise|careers|subscribe|newsletter|
sign up|log in|login|register|sign in|search|menu|close|open|view settings|settings|accessibility|
version for the visually impaired|font|read more|more|show more|load more|read also|see also|related|share|
share this|print|email|comments|add a comment|leave a comment|tags|source|sources|translate|app|mobile app|
download the app|skip to main content|skip to content|toggle navigation|main navigation|navigation|sitemap|
rss|en|eng|english|ru|rus|russian|local|national|international|foreign policy|diplomacy|official|
official chronicle|chronicle|speeches|statements|visits|president|government|ministry|embassy|consulate|
briefings|announcements|news and events|news & events|all|next|previous|back|up|top|updated|today|yesterday|
central asia|caucasus|south caucasus|world news|region news|daily brief|brief|digest|weekly|newsletters|
privacy policy|terms of use|cookies|cookie policy|follow us|social media|telegram|facebook|twitter|x|youtube|
instagram|linkedin|vk|whatsapp|wideo|podcasty|bip|ad|advertisement|sponsored|partner news|press|
read report|read the report|read the full report|download|download pdf|download report|media contacts|
press contacts|media enquiries|listen|watch|watch video|full text|full story|read full story|read full article|
"""
_OTHER = """
главная|новости|все новости|последние новости|главные новости|лента новостей|лента|политика|экономика|
общество|в мире|мир|регионы|спорт|культура|видео|фото|мнения|аналитика|интервью|контакты|о нас|поиск|меню|
войти|подписаться|архив|читайте также|поделиться|комментарии|теги|источник|популярное|рус|русский|каз|
басты бет|жаңалықтар|барлық жаңалықтар|саясат|қоғам|әлем|мәдениет|іздеу|қаз|қазақша|
bosh sahifa|yangiliklar|barcha yangiliklar|siyosat|iqtisodiyot|jamiyat|dunyo|madaniyat|qidiruv|o'zb|
ўзбекча|oʻzbekcha|
ana səhifə|xəbərlər|bütün xəbərlər|son xəbərlər|siyasət|iqtisadiyyat|cəmiyyət|dünya|idman|mədəniyyət|
axtar|axtarış|az|aze|azərbaycanca|
ana sayfa|haberler|tüm haberler|son dakika|gündem|siyaset|ekonomi|spor|kültür|ara|türkçe|tr|
саҳифаи асосӣ|ахбор|хабарҳо|ҳамаи хабарҳо|сиёсат|иқтисод|ҷомеа|ҷаҳон|варзиш|фарҳанг|ҷустуҷӯ|тоҷ|тоҷикӣ|
baş sahypa|habarlar|ähli habarlar|syýasat|ykdysadyýet|jemgyýet|dünýä|medeniýet|gözleg|türkmençe|tm|
башкы бет|жаңылыктар|бардык жаңылыктар|коом|дүйнө|маданият|издөө|кыр|кыргызча|
գլխավոր|լուրեր|բոլոր լուրերը|քաղաքականություն|տնտեսություն|հասարակություն|աշխարհ|սպորտ|մշակույթ|որոնում|
հայ|հայերեն|
მთავარი|ახალი ამბები|სიახლეები|ყველა სიახლე|პოლიტიკა|ეკონომიკა|საზოგადოება|მსოფლიო|სპორტი|კულტურა|ძიება|
ქართ|ქართული|geo|ka|
"""
LABELS = frozenset(w.strip() for w in (_ENGLISH + "|" + _OTHER).replace("\n", "").split("|") if w.strip())
# Labels that are also ordinary headline words ("President ... meets", "World Bank"): a label only as a whole line.
WEAK = frozenset((  # noqa: SIM905 - a word list reads best as one string
    "president government ministry embassy consulate official top up back all next previous open close more today "
    "yesterday x focus local national international region regions world press media news latest politics economy "
    "business society culture science health sport sports diplomacy visits statements speeches chronicle brief "
    "digest weekly az tr ka geo en ru"
).split()) | {"central asia", "south caucasus", "caucasus", "foreign policy", "world news"}
RUN_LABELS = LABELS - WEAK
# Words that never start a headline: a short capitalised line starting with one is a tag line ("Featured Russia").
STRONG = frozenset(("featured", "trending", "home", "menu", "search", "share", "print", "tags", "login", "subscribe",
                    "skip", "toggle", "главная", "поиск", "меню", "теги"))
# "Label: value" lines of a page's tag block ("Region:Armenia, Azerbaijan", "Theme: Politics", "Views: 1203").
FIELD = re.compile(r"^(?:(?:region|regions|theme|themes|topic|topics|tags?|category|categories|section|rubric|"
                   r"source|photo|photos|views?|country|countries|keywords|рубрика|теги|источник|фото)\s*:|"
                   r"(?:published|posted|filed) (?:in|under)\b)", re.I)
# Languages as a site's language switch names them, each in its own language ("Fran?ais": a page whose crawl lost
# the "ç"). Searched anywhere in a line: switches are often glued into one ("Global EditionASIA 中文雙語Français").
LANGUAGE = re.compile(r"english|fran.ais|deutsch|espa.ol|italiano|portugu.s|русский|қазақша|кыргызча|тоҷикӣ|"
                      r"o['‘’`ʻ]?zbek(?:cha)?|ўзбекча|türkçe|azərbaycan(?:ca)?|türkmençe|հայերեն|ქართული|中文|"
                      r"简体|繁體|日本語|한국어|العربية|فارسی|українська", re.I)
SENTENCE_MARK = re.compile(r"[,;!?](?:\s|$)")  # punctuation of a sentence (a "?" inside a word is a lost letter)
EDITION = re.compile(r"edition|version|версия", re.I)
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
MAX_RUN_WORDS = 24


def _key(text: str) -> str:
    return " ".join(_EDGE.sub("", text.replace("’", "'")).casefold().split())


def is_label(text: str) -> bool:
    """The whole line is one interface label ('All news', '• Հայ', 'Top Stories:', 'Последние новости')."""
    return _key(text) in LABELS


@lru_cache(maxsize=4096)
def is_label_run(text: str) -> bool:
    """A line made of labels, or of labels and a few bare capitalised names with no sentence in them: a menu or
    a tag line glued into one ('Featured Russia Tajikistan', 'Centre About us Team OSW Board Library')."""
    if is_label(text) or FIELD.match(text) or is_language_switch(text):
        return True
    words = text.split()
    if not 2 <= len(words) <= MAX_RUN_WORDS or any(ch in text for ch in ".,;!?"):
        return False
    key = _key(text).split()
    covered = _covered(key)
    capitalised = all(w[:1].isupper() or not w[:1].isalpha() for w in words)
    labelled = sum(covered)
    return labelled == len(key) or (capitalised and labelled >= max(2, (len(key) + 1) // 2)) or (
        capitalised and len(key) <= 4 and key[0] in STRONG)


def is_language_switch(text: str) -> bool:
    """A site's language or edition switch, however glued: two languages named in their own tongues, or one beside
    the word 'edition', on a line of capitalised words with no sentence in it ('English Русский Қазақша',
    'Global EditionASIA 中文雙語Français'). 'English edition of Abai published' is lower case, a headline."""
    if len(text) > 80 or SENTENCE_MARK.search(text):
        return False
    names = {m.group().casefold() for m in LANGUAGE.finditer(text)}
    if not names or any(w[:1].islower() for w in text.split()):  # scripts without case count as capitalised
        return False
    return len(names) >= 2 or EDITION.search(text) is not None


def _covered(key: list[str]) -> list[bool]:
    """Which words of the line belong to a label (labels of up to three words)."""
    covered = [False] * len(key)
    for size in (3, 2, 1):
        for start in range(len(key) - size + 1):
            if " ".join(key[start:start + size]) in RUN_LABELS:
                for index in range(start, start + size):
                    covered[index] = True
    return covered
