"""Fixed word lists for the synthetic corpus: the region's countries, organisations, people and prose.

Everything here is constant, so a seeded random generator over these lists gives the same corpus every run.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Country:
    name: str
    iso2: str
    capital: str
    demonym: str


@dataclass(frozen=True)
class Organisation:
    name: str  # canonical short name
    full_name: str


@dataclass(frozen=True)
class Person:
    name: str
    country: str
    role: str


COUNTRIES: tuple[Country, ...] = (
    Country("Kazakhstan", "KZ", "Astana", "Kazakh"),
    Country("Kyrgyzstan", "KG", "Bishkek", "Kyrgyz"),
    Country("Tajikistan", "TJ", "Dushanbe", "Tajik"),
    Country("Turkmenistan", "TM", "Ashgabat", "Turkmen"),
    Country("Uzbekistan", "UZ", "Tashkent", "Uzbek"),
    Country("Azerbaijan", "AZ", "Baku", "Azerbaijani"),
    Country("Armenia", "AM", "Yerevan", "Armenian"),
    Country("Georgia", "GE", "Tbilisi", "Georgian"),
    Country("Russia", "RU", "Moscow", "Russian"),
    Country("China", "CN", "Beijing", "Chinese"),
    Country("Turkey", "TR", "Ankara", "Turkish"),
    Country("Iran", "IR", "Tehran", "Iranian"),
    Country("Afghanistan", "AF", "Kabul", "Afghan"),
    Country("Mongolia", "MN", "Ulaanbaatar", "Mongolian"),
    Country("Pakistan", "PK", "Islamabad", "Pakistani"),
    Country("India", "IN", "New Delhi", "Indian"),
    Country("Belarus", "BY", "Minsk", "Belarusian"),
    Country("Ukraine", "UA", "Kyiv", "Ukrainian"),
)

ORGANISATIONS: tuple[Organisation, ...] = (
    Organisation("SCO", "Shanghai Cooperation Organisation"),
    Organisation("CSTO", "Collective Security Treaty Organisation"),
    Organisation("EAEU", "Eurasian Economic Union"),
    Organisation("CIS", "Commonwealth of Independent States"),
    Organisation("OSCE", "Organization for Security and Co-operation in Europe"),
    Organisation("CICA", "Conference on Interaction and Confidence-Building Measures in Asia"),
    Organisation("ECO", "Economic Cooperation Organization"),
    Organisation("CCTS", "Cooperation Council of Turkic Speaking States"),
    Organisation("CAREC", "Central Asia Regional Economic Cooperation Program"),
    Organisation("GUAM", "Organization for Democracy and Economic Development"),
    Organisation("UN", "United Nations"),
    Organisation("EU", "European Union"),
    Organisation("NATO", "North Atlantic Treaty Organization"),
    Organisation("ADB", "Asian Development Bank"),
)

PEOPLE: tuple[Person, ...] = (
    Person("Nursultan Nazarbayev", "Kazakhstan", "President"),
    Person("Kassym-Jomart Tokayev", "Kazakhstan", "President"),
    Person("Sooronbay Jeenbekov", "Kyrgyzstan", "President"),
    Person("Sadyr Japarov", "Kyrgyzstan", "President"),
    Person("Emomali Rahmon", "Tajikistan", "President"),
    Person("Gurbanguly Berdimuhamedov", "Turkmenistan", "President"),
    Person("Serdar Berdimuhamedov", "Turkmenistan", "President"),
    Person("Shavkat Mirziyoyev", "Uzbekistan", "President"),
    Person("Ilham Aliyev", "Azerbaijan", "President"),
    Person("Nikol Pashinyan", "Armenia", "Prime Minister"),
    Person("Irakli Garibashvili", "Georgia", "Prime Minister"),
    Person("Vladimir Putin", "Russia", "President"),
    Person("Sergey Lavrov", "Russia", "Foreign Minister"),
    Person("Xi Jinping", "China", "President"),
    Person("Wang Yi", "China", "Foreign Minister"),
    Person("Recep Tayyip Erdogan", "Turkey", "President"),
    Person("Hassan Rouhani", "Iran", "President"),
    Person("Alexander Lukashenko", "Belarus", "President"),
)

CITIES: tuple[str, ...] = (
    "Almaty", "Shymkent", "Osh", "Khujand", "Turkmenbashi", "Samarkand", "Bukhara", "Ganja", "Gyumri", "Batumi",
    "Kazan", "Urumqi", "Termez", "Aktau", "Khorog", "Karakol", "Nukus", "Mary",
)

TOPICS: tuple[str, ...] = (
    "transit corridors", "water sharing", "energy cooperation", "border delimitation", "trade turnover",
    "railway construction", "gas pipelines", "labour migration", "regional security", "customs procedures",
    "investment agreements", "agricultural exports", "hydropower projects", "visa regimes", "digital connectivity",
    "the Caspian Sea", "counter-terrorism", "cultural exchanges", "education programmes", "tourism",
)

VERBS: tuple[str, ...] = (
    "discussed", "reviewed", "welcomed", "signed agreements on", "agreed to expand", "stressed the importance of",
    "outlined plans for", "called for closer work on", "noted progress in", "reaffirmed commitments on",
)

TITLE_FORMS: tuple[str, ...] = (
    "{a} and {b} Strengthen Cooperation on {topic}",
    "{a} Hosts Talks with {b} on {topic}",
    "{person} Visits {capital} to Discuss {topic}",
    "{org} Ministers Meet in {capital} on {topic}",
    "New Agreements on {topic} Between {a} and {b}",
    "{a} Seeks Partners for {topic}",
    "{demonym} Delegation in {city} Reviews {topic}",
)

SENTENCE_FORMS: tuple[str, ...] = (
    "The {role} of {person_country} {person} {verb} {topic} with the delegation of {b}.",
    "Officials in {capital} {verb} {topic}, according to the press service of the ministry.",
    "The {demonym} side {verb} {topic} and proposed a joint working group.",
    "Experts in {city} said that {topic} would shape relations between {a} and {b} for years.",
    "Within the framework of the {org}, the parties {verb} {topic}.",
    "During the meeting in {capital}, {person} {verb} {topic}.",
    "Trade between {a} and {b} grew by {number} percent last year, the statistics committee reported.",
    "The agreement on {topic} is expected to be ratified by the parliament of {a} before {month}.",
    "Analysts noted that {a} and {b} share long-standing historical and cultural ties.",
    "A road map on {topic} for {year} was adopted, covering {number} projects worth {amount} million dollars.",
)

FILLER: tuple[str, ...] = (
    "The parties also exchanged views on current issues of the international and regional agenda.",
    "Both sides expressed satisfaction with the dynamics of bilateral relations.",
    "The talks were held in a friendly and constructive atmosphere.",
    "Further consultations are planned at the level of deputy foreign ministers.",
    "The next meeting of the intergovernmental commission will take place in the autumn.",
    "Business forums held alongside the visit brought together more than a hundred companies.",
    "Observers described the visit as an important step for the whole region.",
    "Journalists were told that the documents would be published after signature.",
)

MONTHS: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
)
