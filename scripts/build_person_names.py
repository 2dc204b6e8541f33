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
# Added 2026-12-02 (issue 13), written for this project: given names and surnames of the
# corpus's cultures the lists above and the sources lack (Central Asian, Mongolian, Gulf and
# Arabic, Persian, Pakistani, Indian, Caucasian), in the Latin spellings English news uses.
MORE_GIVEN = _split("""
Abai Abdullo Abduvali Adilet Adylbek Aibek Aidar Aidarbek Alibek Alisher Almas Almasadam
Almaz Alikhan Amanbek Anvar Arslan Asset Azat Baurzhan Bauyrzhan Bakhrom Bakhtiyar Bakyt
Bakytbek Batyr Beibit Beibut Bekzat Bekzod Bobur Botir Dastan Davron Dilmurod Dias Elbek Eldor
Elyor Erbol Erkin Farkhod Farhod Gafur Ibrokhim Ikrom Ilkhom Ilhom Islom Jahongir Jakhongir
Jamshid Javlon Jurabek Kuanysh Laziz Maksat Mirzo Murod Nodir Nodirbek Olzhas Oybek Ravshan
Rinat Saken Sardor Serik Shokhrukh Shukhrat Shuhrat Sukhrob Taalaibek Temirlan Umid Yerbol
Yerkin Zhandos Zhanibek Zhaksylyk Zokir Kokhir Sirojiddin Davlat Faridun Firdavs Khurshed
Khurshid Mahmadsaid Qohir Sherali Shohin Meret Myrat Chary Annageldi Berdimuhammet
Hojamuhammet Kasymguly Begench Dovlet Ilmurad Mekan Nurmuhammet Sapardurdy Guvanch Aigul Ainur
Aisulu Akmaral Aliya Altynai Anara Asel Assel Ayzhan Balzhan Bibigul Botagoz Danagul Dariga
Dilfuza Feruza Gulbahor Gulmira Gulnoza Gulzhan Kamila Kuralai Lazzat Mavluda Mukhabbat
Nargiza Nazira Nigora Nilufar Nodira Saida Shakhnoza Shahnoza Sevara Tanzila Togzhan Umida
Zarina Zhanna Zulfiya Zukhra Zamira Aizada Meerim Cholpon Kanykei Begimai Elmira Mahinur
Zarrina Tahmina Ozoda Rukhshona Nasiba
Batbayar Batbold Bat-Erdene Batjargal Battulga Bayarmaa Boldbaatar Chinzorig Dashdorj
Enkhbayar Enkhbold Enkhtuvshin Erdenebat Ganbaatar Ganbold Gansukh Oyun-Erdene Khurelsukh
Munkh-Orgil Elbegdorj Zandanshatar Amarsaikhan Altankhuyag Tsogtbaatar Battsetseg Oyunchimeg
Sarangerel Bolormaa Narantsetseg Luvsannamsrai Ukhnaagiin Tsakhiagiin Nambaryn
Khaldoon Khaldun Khalifa Mubarak Rahim Abdulrahim Abdelkader Abdulkarim Abdulmajeed
Abdulwahab Abdullatif Abdulhamid Anas Ammar Arif Asim Badr Basil Bassam Dhafer Essa Fadi Fahim
Faraj Farid Fawzi Fayez Ghassan Habib Hadi Hafez Hakim Hamdan Hamza Hani Haroun Harun Hazem
Hilal Idris Ihab Ilyas Jabir Jafar Jalal Jawad Kamel Khaled Lutfi Mahdi Maher Malik Mamdouh
Mansoor Marzouq Mishaal Moataz Mohsin Munir Murad Musa Nabeel Nadim Naif Najib Nidal Omran
Osama Qais Rafiq Raed Rakan Ramzi Rashad Riad Saad Sabri Safwan Salim Sameer Saif Suhail
Suhayl Talib Tawfiq Thamer Usama Wael Yahya Yaqub Yasin Younes Zaki Zakaria Ziyad Amal Asma
Basma Dalia Farah Ghada Hanan Hiba Iman Jamila Lina Lubna Maha Manal Mona Nadia
Najwa Nawal Noor Rana Randa Rasha Sahar Samira Sana Suad Wafa Yasmin Zahra
Alireza Amir Arash Ardeshir Babak Bahman Bijan Ehsan Esmaeil Farshad Farzad Faramarz Iraj
Kamran Kaveh Kazem Kianoush Manouchehr Mehrdad Mohammad-Reza Morteza Omid Payam Peyman Pouya
Ramin Rostam Sadegh Sajjad Shahram Siavash Soroush Vahid Azadeh Farzaneh Fatemeh Golnar Mahsa
Masoumeh Nasrin Parisa Roya Ziba Marzieh Mahnaz Shahla Elham
Khawaja Syed Sayed Sayyid Ahsan Asad Atif Babar Bilal Ejaz Faraz Fawad Ghulam Haroon Imtiaz
Irfan Ishaq Jahangir Junaid Kashif Khurram Muneeb Naveed Nadeem Naeem Owais Qamar Rizwan Sajid
Shahbaz Shahzad Shaukat Sohail Tahir Usman Waqas Zubair Aamir Abid Adnan Akhtar Anjum Arshad
Azhar Fazal Ijaz Liaquat Mushahid Nisar Pervaiz Shafqat Sarfraz Taimur Ayaz Aurangzeb Musadik
Ayesha Bushra Fauzia Hina Maleeha Marvi Nasreen Saima Samina Shazia Uzma Zartaj
Sarbananda Aditya Ajit Akhilesh Amitabh Arjun Arun Ashok Ashwini Bhupender Bhupendra Devendra
Dharmendra Gajendra Hardeep Harsh Hemant Jitendra Jyotiraditya Kiren Kiran Mansukh Nitin
Nitish Pralhad Pramod Prakash Rajeev Rajiv Raghuram Ravi Ravishankar Sanjeev Santosh Shashi
Shivraj Smriti Sushma Uddhav Vikram Vinod Vivek Yashwant Mamata Meenakshi Priyanka Smita
Anupriya Kirti Jayant Nandan Uday Mahendra Lakshmi Deepak Ashish Anurag Gaurav Pankaj Manoj
Alok Dinesh Girish Harish Kailash Mukul Naresh Pradeep Rakesh Sandeep Satish Vinay
Ilham Heydar Mehriban Jeyhun Elmar Mikayil Hikmat Rovshan Ramil Irakli Giorgi Mikheil Levan
Zurab Bidzina Davit Nika Salome Nino Ketevan Grigol Otar Revaz Shalva Nikol Serzh Armen Ashot
Tigran Vahagn Gagik Hovhannes Mher Anahit
""")
MORE_SURNAMES = _split("""
Satkaliyev Bektenov Nurtleu Zhumangarin Smailov Mamin Sagintayev Masimov Tleuberdi Skakov
Aldybergenov Saparov Bozumbayev Akchulakov Kudratov Saidov Aripov Khodjaev Kuchkarov Umurzakov
Mirzamakhmudov Makhkamov Norov Kamilov Ikramov Ganiev Kasymaliev Tashiev Baisalov Kazakbaev
Ibraev Amangeldiev Muhriddin Rasulzoda Khairulloev Mirzoyev Meredov Atdayev Amanmyradov
Yermekbayev Ermekbayev Abdrakhmanov Zhaksybekov Nazarbayeva Tokayeva Mirziyoyeva
Jaber Mubarak Mazrouei Zeyoudi Sulayem Abunayyan Falih Rumayyan Jadaan Qasabi Khateeb Thani
Nahyan Maktoum Sudairi Otaibi Ghamdi Qahtani Harbi Shamsi Suwaidi Kaabi Dosari Hashimi Zayani
Bazrpash Larijani Ghalibaf Qalibaf Mokhber Jahangiri Velayati Shamkhani Salehi Hosseini
Mousavi Ahmadi Rezaei Mohammadi Karimi Hashemi Rahimi Jafari Sadeghi Kazemi Ebrahimi Tehrani
Rafsanjani Khatami Soleimani Bagheri Ghasemi Rostami Shariati Vahidi Momeni Nasirzadeh
Mirkazemi Owji Fatemi Zaidi Rizvi Naqvi Jafri Bukhari Gilani Chaudhry Chaudhary Mirza Hashmi
Abbasi Afridi Yusufzai Yousafzai Khattak Durrani Niazi Tarar Awan Baig Cheema
Warraich Bajwa Tiwana Jatoi Leghari Mazari Bugti Mengal Achakzai Kakar Siddiqui Ansari Memon
Soomro Khoso Junejo Makhdoom Jilani Haqqani Sonowal Goyal Gadkari Sitharaman Pradhan Scindia
Vaishnaw Rijiju Chouhan Yadav Kejriwal Banerjee Mukherjee Chatterjee Ghosh Bose Nair Menon
Pillai Reddy Naidu Iyer Iyengar Krishnan Subramanian Srinivasan Agarwal Aggarwal Bansal Mehta
Desai Joshi Kulkarni Deshpande Patil Pawar Shinde Thackeray Bhatt Trivedi Pandey Mishra
Tiwari Dubey Shukla Tripathi Chaturvedi Saxena Srivastava Kapoor Khanna Malhotra Chopra Arora
Sethi Bhatia Sandhu Sidhu Dhillon Grewal Bajaj Birla Mittal Nadar Premji Nilekani Murthy
Doval Bhagwat Kobakhidze Garibashvili Ivanishvili Saakashvili Kavelashvili Zourabichvili
Margvelashvili Lomtadze Kaladze Sargsyan Kocharyan Mirzoyan Grigoryan Avetisyan Harutyunyan
Hovhannisyan Petrosyan Khachaturyan Karapetyan Bayramov Jabbarov Mammadov Mammadova Huseynov
Hasanov Asadov Mustafayev Novruzov Shahbazov Golovchenko Belozerov Trutnev Overchuk
Reshetnikov Manturov Siluanov Nabiullina Oreshkin Khurelsukh Oyun-Erdene Zandanshatar
Amarbayasgalan Sainbuyan
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
    given: set[str] = set(HAND_GIVEN) | set(MORE_GIVEN)
    last: set[str] = set(HAND_SURNAMES) | set(MORE_SURNAMES)
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
