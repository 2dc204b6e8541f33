"""Word lists the entity rules use: name heads, titles, Chinese surnames, pinyin.

Kept apart from the rules so a reader can extend a list without reading the matcher.
"""

from __future__ import annotations

import re


def word_set(text: str) -> frozenset[str]:
    """A frozen set of the whitespace-separated words in ``text`` (readable long lists)."""
    return frozenset(text.split())

# The last word of a capitalised phrase decides its type ("Hisense Group" -> ORG).
ORG_HEADS = word_set("""
Organization Organisation Group Corporation Corp Company Bank Institute Committee Commission
Council Daily News Newswire Ministry Department Bureau Administration Agency Association
Alliance Federation University College Academy Society Fund Party Congress Parliament
Government Office Authority Chamber Times Post Press Holdings Ltd Inc LLC Co Foundation
Secretariat Court Railways Ports Airlines Cooperative Consortium Institution
Club League Board Union Network Television Radio Broadcasting Communications
AG SA SE GmbH PLC Plc plc NV BV SpA AB ASA Oyj JSC PJSC OJSC Bhd Pte KK Airways Newsroom
United Rovers Wanderers Athletic Albion Hotspur FC Senate Express Exchange Army Police
""")
FACILITY_HEADS = word_set("""
Park Ecopark Zone Port Center Centre Complex Museum Airport Station Terminal Plant Refinery
Bridge Hub Harbor Harbour Pavilion Hall Stadium Tower Building Square Mine Dam Canal Pipeline
Highway Expressway Railway Base Factory Hospital Library Theatre Theater Palace Gateway
Corridor Warehouse Laboratory Lab Campus Gardens
""")
EVENT_HEADS = word_set("""
Forum Summit Expo Exhibition Fair Conference Festival Games Olympics Symposium Dialogue Week
Roundtable Championship Championships Cup Marathon Biennale Gala
""")
# Institutions a text names by their head alone: "the Senate", "the Commission".
INSTITUTIONS = word_set("""
Senate Congress Parliament Commission Council Treasury Pentagon Kremlin Cabinet Duma Knesset
Bundestag Bundesbank Politburo Secretariat Presidium Majlis
""")
# Institutions that are names even without "the": "members of Congress".
PROPER_INSTITUTIONS = word_set("""
Congress Parliament Senate Pentagon Kremlin Duma Knesset Bundestag Bundesbank Politburo
""")
# Heads that take an "of ..." tail: "Ministry of Commerce", "Institute of Economy and Trade".
TAIL_HEADS = ORG_HEADS | FACILITY_HEADS | EVENT_HEADS
# Short forms: "Haier Group" is also "Haier".
CORPORATE_SUFFIXES = frozenset({"Group", "Corporation", "Corp", "Company", "Holdings", "Inc",
                                "Ltd", "LLC", "Co", "AG", "SA", "SE", "GmbH", "PLC", "Plc", "plc",
                                "NV", "BV", "SpA", "AB", "ASA", "Oyj", "JSC", "PJSC", "OJSC",
                                "Bhd", "Pte", "KK"})
# Possessive words that belong inside a name: "People's Daily", "National People's Congress".
NAME_POSSESSIVES = frozenset({"People", "Children", "Workers", "Women", "Men", "Farmers"})

# Capitalised only because they open a sentence, or function words; never part of a name.
STOP_CAPS = word_set("""
The A An In At On For By With From To Of This That These Those Its It Their Our His Her My
Your Both Each Every Some Many Most Such As Since While When Where After Before Under Over
Among Between Through During Meanwhile Besides Currently Also And But Or If Then Thus So Yet
We They He She I You There Here Now Later Today Yesterday According Despite Although Though
Because However Moreover Furthermore Additionally Overall First Second Third Fourth Last Next
Other Another Several Further Still Even Only Just Not No Yes All Any Per Via Against Within
Without Across Along Around About Above Below Into Onto Upon What Which Who Whom Whose Why How
Mr Mrs Ms Dr Prof
""")
MONTHS = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7,
    "August": 8, "September": 9, "October": 10, "November": 11, "December": 12, "Jan": 1,
    "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9, "Oct": 10,
    "Nov": 11, "Dec": 12,
}
WEEKDAYS = frozenset({"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                      "Sunday"})
ORDINALS = word_set("First Second Third Fourth Fifth Sixth Seventh Eighth Ninth Tenth")
NOT_NAMES = STOP_CAPS | frozenset(MONTHS) | WEEKDAYS

# All-caps words that are not organisations.
NOT_ACRONYMS = word_set("""
AI IT IP GDP CEO CFO CTO COO TEU NEV EV USD CNY RMB EUR GBP JPY KZT RUB INR MW GW KW KWH TV PC
ID VAT FDI PPP B2B B2C ICT SME PM AM GMT UTC BC AD OK FAQ PDF URL HTML COVID SARS LNG LPG PV
ESG API DNA RNA II III IV VI VII VIII IX XI XII XIV XV XX VR AR NGO GPS LED CT MRI ICU HQ PR
FOB CIF RD R&D M&A Q&A AG SA SE NV BV AB
""")

# Titles and roles right before a person's name: "President Xi Jinping", "merchant Svetlana".
TITLES = (
    "Deputy Secretary-General", "Secretary-General", "Secretary General", "Vice President",
    "Vice Premier", "Prime Minister", "Foreign Minister", "Vice Minister", "Vice Chairman",
    "Director-General", "Director General", "Consul General", "President", "Premier",
    "Minister", "Chairman", "Chairwoman", "Ambassador", "Governor", "Mayor", "Director",
    "Professor", "Prof.", "Mr.", "Mrs.", "Ms.", "Dr.", "Mr", "Mrs", "Ms", "Dr", "Senator",
    "King", "Queen", "Prince", "Sheikh", "Emir", "Chancellor", "Envoy", "spokesperson",
    "spokesman", "spokeswoman", "merchant", "entrepreneur", "businessman", "businesswoman",
    "official", "expert", "researcher", "analyst", "economist", "scholar", "engineer",
    "manager", "farmer", "driver", "student", "trader", "founder", "CEO", "chairman",
    "president", "director",
)
# Capitalised role words that end a title before a name: "Trade Secretary Ian Lang",
# "Interior Minister Anatoly Kulikov", "coach Bobby Robson".
TITLE_WORDS = word_set("""
Secretary Minister Ministers President Premier Chairman Chairwoman Chair Governor Mayor
Director Ambassador Senator Chancellor Envoy Commissioner Judge Justice Coach Captain Skipper
General Colonel Lieutenant Sergeant Admiral Marshal Commander Spokesman Spokeswoman
Spokesperson Representative Congressman Congresswoman Deputy Vice Chief Officer Executive
Queen Prince Princess Sheikh Emir Sultan Pope Cardinal Bishop Archbishop Rabbi Imam
Mr Mrs Ms Dr Prof Professor Sir Lord Lady Dame Leader Speaker Consul Attorney Inspector
Superintendent Detective Constable Manager Striker Midfielder Defender Goalkeeper Rep Sen
Gov Gen Col Lt Sgt Capt Adm Cmdr Insp Supt Mrs. Messrs Madame Monsieur Herr
""")
# Titles that are also common given names: "Sultan Ahmed Al Jaber" is his name, not a title,
# when another given name and a surname follow (a title before one name stays a title:
# "Sultan Qaboos").
GIVEN_TITLES = frozenset({"Sultan"})
# Words of place names that no person's name contains: "Paris St Germain", "Ross County".
NOT_PERSON_WORDS = word_set("""
St Ste Saint San Santa Fort Mount Mt Lake Cape Port Bay County Island Islands River Valley
Street Road Avenue North South East West Northern Southern Eastern Western Central Upper Lower
New Old Great Greater Little League Nursing Home House Law
""")
# Words after which a capitalised phrase is a place or an organisation, not a person.
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "In", "At", "Near"})
# Every word that decides a capitalised phrase is an organisation, facility or event.
HEAD_WORDS = ORG_HEADS | FACILITY_HEADS | EVENT_HEADS

# Words that open the appositive after a name: "Jia Shaoqian, a deputy to ...".
ROLE_WORDS = word_set("""
deputy president official secretary secretary-general head director chairman chairwoman
member minister vice ceo founder co-founder spokesperson spokesman spokeswoman professor
researcher expert analyst manager general ambassador governor mayor chief executive leader
senior fellow associate assistant dean partner editor correspondent reporter consul envoy
representative chair owner premier counsellor counselor adviser advisor head-of
""")
SPEECH_VERBS = ("said", "says", "noted", "added", "told", "stated", "explained", "emphasized",
                "emphasised", "stressed", "suggested", "concluded", "remarked", "urged",
                "pointed out", "according to")

CHINESE_SURNAMES = word_set("""
Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng Liang
Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Yuan Pan Yu Jiang Cai Jia Ding Wei Xue
Ye Yan Du Dai Xia Zhong Fu Tan Lu Jin Shi Yao Qian Kong Cui Cheng Qiu Qin Gu Hou Shao Meng Long
Wan Duan Lei Hao Kang Mao Qiao Lai Wen Fang Shen Yin Chang Niu Gong Xing Bai Zou Xiong Qi Chi
Zang Xi Ren Mo Tao Jiao Yi Lou Ji Geng Bao Lan An Ni Su Yue Hua Ou Ouyang Mu Miao Fei Lian Qu
Nie Ruan Rao Zhan Sima Shang Zuo Tong Sang Hong Bi Ge Xiang Pang Kou Zhai Che Gan Liao Wei Lyu
""")
_PINYIN = re.compile(
    r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|uai|uan|ian|iao|van|ai|ei|ao|ou|an|en|in|un|ia|ie"
    r"|iu|ua|uo|ue|ui|ve|er|a|o|e|i|u|v))+"
)


def is_pinyin_given_name(word: str) -> bool:
    """True for "Jinping", "Yongxin", "Ming": 1-3 pinyin syllables, capitalised."""
    if not word[:1].isupper() or not word[1:].islower() or len(word) > 12:
        return False
    flat = word.lower().replace("-", "").replace("'", "")
    return bool(_PINYIN.fullmatch(flat))
