"""Build ``resources/person_names.tsv.gz``: given names and surnames across the corpus's cultures.

Run at development time only, from a throwaway virtualenv that has the two data packages
(they are never dependencies of the app)::

    python -m venv /tmp/namesvenv && /tmp/namesvenv/bin/pip install faker names
    /tmp/namesvenv/bin/python scripts/build_person_names.py

Why a list: news names people with no cue nearby ("Tokayev met Mirziyoyev"); knowing that
"Jordan" or "Mansour" is a given name and "Henderson" a surname is what tells a person from
a place or a company. Sources (see ``resources/ATTRIBUTIONS.md``):

- ``faker`` (MIT): the given and family names of its person providers for the Latin-script
  locales, plus Russian, Ukrainian, Bulgarian and Macedonian ones transliterated here.
- ``names`` (MIT): the US Census 1990 name frequency lists (public domain), the most common
  surnames only (the long tail is mostly ordinary English words).
- the hand-written lists below (Arabic, Central Asian, Persian, Chinese romanised names and
  name particles) written for this project.

Output lines: ``G<TAB>name`` (given name) or ``S<TAB>name`` (surname), sorted.
"""

from __future__ import annotations

import gzip
import importlib
import re
import unicodedata
from pathlib import Path


def _split(text: str) -> list[str]:
    return text.split()


OUT = Path(__file__).resolve().parent.parent / "resources" / "person_names.tsv.gz"
CENSUS_SURNAMES = 15_000  # of 88,799: past this rank, surnames are mostly rare words
CENSUS_GIVEN = 1_200  # per sex: the rarer ones include "China", "London"
LATIN_LOCALES = _split("""
en en_GB en_IE en_IN en_KE en_NG en_NZ en_PK en_US de_DE de_AT de_CH fr_FR fr_BE fr_CA it_IT
es_ES es_MX es_AR es_CO es_CL pt_BR pt_PT nl_NL nl_BE pl_PL cs_CZ sk_SK sl_SI hr_HR hu_HU ro_RO
da_DK no_NO sv_SE fi_FI et_EE lv_LV lt_LT tr_TR az_AZ uz_UZ id_ID vi_VN ga_IE is_IS sw yo_NG
ig_NG ha_NG zu_ZA tw_GH fil_PH en_PH
""")
CYRILLIC_LOCALES = ("ru_RU", "uk_UA", "bg_BG", "mk_MK")
_CYR = dict(zip("абвгдезийклмнопрстуфхцчшщыэюяёжьъіїєґ",
                _split("a b v g d ye z i y k l m n o p r s t u f kh ts ch sh shch y e yu ya yo"
                       " zh _ _ i yi ye g"), strict=True))

# Names the sources above lack: Gulf and Levant, Central Asia, Persia, South Asia (Latin).
HAND_GIVEN = _split("""
Mohammed Mohammad Muhammad Mohamed Ahmed Ahmad Ali Hassan Hasan Hussein Hussain Husain Khalid
Khaled Abdullah Abdulla Abdul Abdulaziz Abdulrahman Abdelaziz Omar Umar Othman Osman Faisal
Fahd Fahad Saud Sultan Mansour Mansur Rashid Rashed Hamad Hamid Hamed Nasser Nasir Salman
Saleh Salih Sami Samir Tariq Tarek Walid Waleed Yousef Youssef Yusuf Ibrahim Ismail Ismael
Jamal Karim Kareem Majid Maged Mahmoud Mahmud Mustafa Mostafa Nabil Nawaf Saeed Said Sheikh
Talal Turki Zayed Zaid Bandar Mishal Muqrin Nayef Adel Adil Amr Anwar Ayman Bashar Emad Imad
Fawaz Ghazi Haitham Hisham Issa Jaber Jassim Kamal Khalil Marwan Mazen Mohsen Moussa Nizar
Qasim Rami Riyad Sabah Tamim Yasser Yasir Ziad Fatima Aisha Mariam Maryam Noura Nour Layla
Leila Huda Rania Reem Salma Zainab Amina Khadija Hessa Lulwa Sheikha Latifa Moza
Nursultan Kassym-Jomart Kassym Shavkat Islam Emomali Sadyr Almazbek Sooronbay Askar Serdar
Gurbanguly Saparmurat Kurmanbek Rustam Rustem Timur Bakhyt Bakhytzhan Yerlan Erlan Nurlan
Askhat Daniyar Dauren Aidos Aibek Azamat Bolat Bulat Kairat Marat Murat Nurbek Ruslan Sanjar
Ulugbek Bakhtiyor Dilshod Jasur Sherzod Farrukh Otabek Aziz Dilnoza Gulnara Gulnora Aigerim
Aizhan Dinara Madina Saule Zhanar Roza Abylai Akylbek Zhaparov Kanat Yerzhan Talgat
Arman Berik Darkhan Galym Mukhtar Nurali Samat Ermek Sapar Beknazar Kamchybek Temir
Hassan Mahmoud Ali-Akbar Akbar Hossein Hosein Javad Mohammad-Javad Ebrahim Mehdi Reza Gholam
Abbas Ahmadinejad Masoud Mahmood Ruhollah Hamid-Reza Farhad Kourosh Dariush Parviz Shirin
Narendra Rahul Sonia Manmohan Amit Arvind Nirmala Piyush Subrahmanyam Jaishankar Rajnath Mukesh
Gautam Ratan Anand Sanjay Vijay Ajay Sunil Anil Ramesh Suresh Mahesh Rajesh Imran Shehbaz
Nawaz Asif Bilawal Benazir Pervez Shahid Shoaib Wasim Waqar Inzamam Javed Saqlain Mushtaq
Sheikh Hasina Khaleda Ashraf Hamid Karzai Zalmay Mullah Haibatullah Sirajuddin
Vladimir Dmitry Dmitri Sergei Sergey Mikhail Alexei Alexey Alexander Aleksandr Nikolai Igor
Yuri Yury Boris Viktor Anatoly Gennady Valentina Tatiana Svetlana Yelena Elena Olga Natalia
Xi Li Wang Hu Wen Jiang Deng Mao Zhou
""")
HAND_SURNAMES = _split("""
Al-Saud Al-Thani Al-Nahyan Al-Maktoum Al-Sabah Al-Khalifa Al-Said Al-Assad Al-Sisi Abbas
Erdogan Rouhani Raisi Khamenei Zarif Araghchi Pezeshkian Tokayev Nazarbayev Mirziyoyev
Karimov Rahmon Japarov Zhaparov Atambayev Jeenbekov Berdimuhamedov Berdymukhamedov Aliyev
Pashinyan Lukashenko Putin Medvedev Lavrov Mishustin Shoigu Peskov Novak Sechin Miller
Modi Gandhi Singh Sharma Gupta Patel Jaishankar Ambani Adani Tata Khan Sharif Bhutto Zardari
Musharraf Qureshi Akram Younis Hasina Zia Ghani Karzai Xi Li Wang
""")
# Words between a given name and a surname that belong to the name: "Mansour bin Rashid".
PARTICLES = _split("""
bin bint ibn Ibn Bin Abu abu Al al al- El el Ould ould van Van von Von der den de De da Da di
Di du Du dos das del della Le le La la ter ten zu Mac Ap
""")


def _translit(word: str) -> str:
    out = []
    for ch in word:
        low = ch.lower()
        rep = _CYR.get(low)
        if rep is None:
            out.append(ch)
            continue
        rep = "" if rep == "_" else rep
        out.append(rep.capitalize() if ch != low else rep)
    return "".join(out)


def _ok(name: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][a-z'’-]*[a-z]", name)) and len(name) >= 2


def _fold(name: str) -> str:
    """ASCII form too: news writes "Erdogan" for "Erdoğan"."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def _provider_names(locale: str) -> tuple[set[str], set[str]]:
    try:
        mod = importlib.import_module(f"faker.providers.person.{locale}")
    except ImportError:
        return set(), set()
    prov = mod.Provider
    given: set[str] = set()
    last: set[str] = set()
    for attr in ("first_names", "first_names_male", "first_names_female",
                 "first_romanized_names"):
        given.update(_words(getattr(prov, attr, ())))
    for attr in ("last_names", "last_names_male", "last_names_female", "last_romanized_names"):
        last.update(_words(getattr(prov, attr, ())))
    return given, last


def _words(value: object) -> set[str]:
    """A provider's list, tuple or weighted dict of names (properties are skipped)."""
    if isinstance(value, dict | list | tuple | set | frozenset):
        return {w for w in value if isinstance(w, str)}
    return set()


def main() -> int:
    import names as census  # noqa: F401  (only for its data folder)

    common_words = _common_words()
    given: set[str] = set(HAND_GIVEN)
    last: set[str] = set(HAND_SURNAMES)
    for locale in LATIN_LOCALES:
        g, s = _provider_names(locale)
        given |= g
        last |= s
    for locale in CYRILLIC_LOCALES:
        g, s = _provider_names(locale)
        given |= {_translit(n) for n in g}
        last |= {_translit(n) for n in s}
    data = Path(census.__file__).parent
    for file in ("dist.male.first", "dist.female.first"):
        for line in (data / file).read_text().splitlines():
            word, _, _, rank = line.split()
            if int(rank) <= CENSUS_GIVEN:
                given.add(word.capitalize())
    for line in (data / "dist.all.last").read_text().splitlines():
        word, _, _, rank = line.split()
        if int(rank) <= CENSUS_SURNAMES:
            last.add(word.capitalize())
    given |= {_fold(n) for n in given}
    last |= {_fold(n) for n in last}
    rows = sorted({("G", n) for n in given if _ok(n) and n.lower() not in common_words}
                  | {("S", n) for n in last if _ok(n) and n.lower() not in common_words}
                  | {("P", p) for p in PARTICLES})
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("# given (G) and family (S) names, particles (P): scripts/build_person_names.py\n")
        fh.writelines(f"{kind}\t{name}\n" for kind, name in rows)
    print(f"{OUT}: {sum(k == 'G' for k, _ in rows)} given names, "
          f"{sum(k == 'S' for k, _ in rows)} surnames")
    return 0


def _common_words() -> set[str]:
    """Ordinary English words (faker's lorem list, MIT) that must not count as names."""
    from faker.providers.lorem.en_US import Provider as Lorem

    return {w.lower() for w in Lorem.word_list}


if __name__ == "__main__":
    raise SystemExit(main())
