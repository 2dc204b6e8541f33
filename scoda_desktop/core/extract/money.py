"""Currencies as news writes them, each with its ISO 4217 code.

Why a table of its own: a dollar is not one currency ("7.2 million Canadian dollars" is CAD,
"$US40" and "12.7 billion U.S. dollars" are USD, "A$3 billion" is AUD), and South Asian
news counts in lakh and crore ("Rs 900 crore" = 9 billion INR). Symbols before the number
and names after it are both common; a bare "$" is USD unless the text says otherwise.
"""

from __future__ import annotations

import re

from scoda_desktop.core.extract.units import trie_alternation

# ISO codes written before or after a number, beyond the ones CUR_PRE spells out.
ISO_BEFORE = ("KGS", "TJS", "AZN", "BYN", "MNT", "AFN", "IRR", "NPR", "LKR", "BDT", "KRW",
              "BRL", "ZAR", "SEK", "NOK", "DKK", "PLN", "THB", "MYR", "IDR", "VND", "PHP",
              "QAR", "KWD", "TMT", "GEL", "NZD", "TWD", "MXN", "EGP", "UAH", "KES", "NGN",
              "BTC", "ETH", "HUF", "CZK", "TRY", "OMR", "BHD", "JOD", "IQD", "MMK", "LAK", "KHR")
ISO_BEFORE = tuple(c for c in ISO_BEFORE if c not in ("TRY",))  # "try 50 times"
# After the number, upper case only ("6.25 BTC", "300 TRY").
ISO_AFTER = frozenset(ISO_BEFORE) | {"TRY", "USD", "EUR", "GBP", "JPY", "CNY", "RUB", "INR",
                                     "KZT", "UZS", "CHF", "AUD", "CAD", "SGD", "HKD", "AED",
                                     "SAR", "PKR", "AMD"}
ISO_AFTER_RE = re.compile(r"[\s-]?(?P<code>[A-Z]{3})(?![\w$])")

# Before the number: "US$", "$US", "C$", "Rs", "€", "RMB", "EUR 125", "usd$ 15".
CUR_PRE = {
    "US$": "USD", "$US": "USD", "U.S.$": "USD", "U.S. $": "USD", "USD$": "USD", "$": "USD",
    "HK$": "HKD", "C$": "CAD", "CA$": "CAD", "CAD$": "CAD", "A$": "AUD", "AU$": "AUD",
    "AUD$": "AUD", "MXN$": "MXN", "NZD$": "NZD", "HKD$": "HKD", "SGD$": "SGD", "NZ$": "NZD",
    "S$": "SGD", "NT$": "TWD", "R$": "BRL", "Mex$": "MXN",
    "€": "EUR", "£": "GBP", "¥": "CNY", "₽": "RUB", "₸": "KZT", "₹": "INR", "₩": "KRW",
    "₺": "TRY", "₦": "NGN", "₱": "PHP", "₿": "BTC", "₭": "LAK", "Rs.": "INR", "Rs": "INR",
    "RMB": "CNY", "CNY": "CNY", "USD": "USD", "EUR": "EUR", "GBP": "GBP", "JPY": "JPY",
    "KZT": "KZT", "RUB": "RUB", "INR": "INR", "HKD": "HKD", "CHF": "CHF", "AUD": "AUD",
    "CAD": "CAD", "SGD": "SGD", "AED": "AED", "SAR": "SAR", "PKR": "PKR", "UZS": "UZS",
    "₾": "GEL", "₴": "UAH", "₼": "AZN", "₮": "MNT", "৳": "BDT", "₫": "VND", "₪": "ILS",
    "ரூ": "LKR", "රු": "LKR", "元": "CNY", "Tk": "BDT", "Tk.": "BDT",
    # ISO codes that are no English word (so not "TRY", "ALL", "CUP", "MAD" before a number)
    **{code: code for code in ISO_BEFORE},
}
# Business and Nordic writing puts a scale letter on the ISO code: "120 MEUR", "MAUD 60",
# "kUSD 250", "TEUR 40" (German: thousand euros), "MSEK 310".
_SCALED_CODES = ("EUR", "USD", "GBP", "AUD", "CAD", "CHF", "SEK", "NOK", "DKK", "JPY", "CNY",
                 "RUB", "INR", "NZD", "HKD", "SGD")
SCALED_ISO = {f"{letter}{code}": (code, factor) for code in _SCALED_CODES
              for letter, factor in (("M", 1e6), ("k", 1e3), ("K", 1e3), ("B", 1e9))}
SCALED_ISO.update({"TEUR": ("EUR", 1e3), "Mio EUR": ("EUR", 1e6), "Mrd EUR": ("EUR", 1e9)})
CUR_PRE.update({k: v[0] for k, v in SCALED_ISO.items()})
# After the number (and its scale): "yuan", "Canadian dollars", "U.S. dollars", "crore rupees".
_COUNTRY_DOLLARS = {
    "u.s.": "USD", "us": "USD", "american": "USD", "canadian": "CAD", "australian": "AUD",
    "new zealand": "NZD", "hong kong": "HKD", "singapore": "SGD", "taiwan": "TWD",
    "taiwanese": "TWD", "new taiwan": "TWD", "jamaican": "JMD", "zimbabwe": "ZWL",
    "zimbabwean": "ZWL", "namibian": "NAD", "fijian": "FJD", "brunei": "BND",
}
CUR_POST = {
    "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "cny": "CNY", "元": "CNY",
    "euro": "EUR", "euros": "EUR", "eur": "EUR", "dollars": "USD", "dollar": "USD",
    "usd": "USD", "rubles": "RUB", "roubles": "RUB", "ruble": "RUB", "rouble": "RUB",
    "tenge": "KZT", "rupees": "INR", "rupee": "INR", "indian rupees": "INR",
    "pakistani rupees": "PKR", "sri lankan rupees": "LKR", "nepalese rupees": "NPR",
    "pakistani rupee": "PKR", "sri lankan rupee": "LKR", "nepalese rupee": "NPR",
    "indian rupee": "INR", "russian ruble": "RUB", "russian rouble": "RUB",
    "kyrgyz som": "KGS", "kazakh tenge": "KZT", "uzbek sum": "UZS", "tajik somoni": "TJS",
    "pounds sterling": "GBP", "sterling": "GBP", "british pounds": "GBP",
    "egyptian pounds": "EGP", "yen": "JPY", "japanese yen": "JPY", "som": "KGS",
    "somoni": "TJS", "sums": "UZS", "soums": "UZS", "sum": "UZS", "manat": "AZN",
    "lari": "GEL", "dram": "AMD", "drams": "AMD", "rials": "IRR", "riyals": "SAR",
    "riyal": "SAR", "dirhams": "AED", "dirham": "AED", "dinars": "IQD", "lira": "TRY",
    "liras": "TRY", "turkish lira": "TRY", "pesos": "MXN", "peso": "MXN",
    "mexican pesos": "MXN", "philippine pesos": "PHP", "francs": "CHF", "swiss francs": "CHF",
    "french francs": "FRF", "marks": "DEM", "deutsche marks": "DEM", "pesetas": "ESP",
    "ringgit": "MYR", "baht": "THB", "rupiah": "IDR", "taka": "BDT", "afghanis": "AFN",
    "kip": "LAK", "won": "KRW", "rand": "ZAR", "naira": "NGN", "shekels": "ILS",
    "zloty": "PLN", "forint": "HUF", "kronor": "SEK", "kroner": "NOK", "hryvnia": "UAH",
    "hryvnias": "UAH", "bitcoin": "BTC", "bitcoins": "BTC", "hkd": "HKD", "gbp": "GBP",
    "jpy": "JPY", "kzt": "KZT", "rub": "RUB", "inr": "INR", "chf": "CHF",
    "chinese yuan": "CNY", "russian rubles": "RUB", "russian roubles": "RUB",
    "uzbek soums": "UZS", "uzbek sums": "UZS", "iranian rials": "IRR", "saudi riyals": "SAR",
    "uae dirhams": "AED",
    "south korean won": "KRW", "korean won": "KRW", "south african rand": "ZAR",
    "brazilian reais": "BRL", "reais": "BRL",
    # currencies before the euro, as older news and financial wires write them
    "guilders": "NLG", "dutch guilders": "NLG", "markka": "FIM", "markkaa": "FIM",
    "finnish markka": "FIM", "finnish markkaa": "FIM", "belgian francs": "BEF",
    "french franc": "FRF", "luxembourg francs": "LUF", "drachmas": "GRD", "drachmae": "GRD",
    "escudos": "PTE", "schillings": "ATS", "austrian schillings": "ATS", "lire": "ITL",
    "italian lire": "ITL", "irish punts": "IEP", "punts": "IEP", "german marks": "DEM",
    "swedish kronor": "SEK", "swedish crowns": "SEK", "danish kroner": "DKK",
    "danish crowns": "DKK", "norwegian kroner": "NOK", "norwegian crowns": "NOK",
    "krona": "SEK", "krone": "DKK", "czech crowns": "CZK", "korunas": "CZK",
    # the region this corpus covers and its neighbours
    "uzbek som": "UZS", "soms": "KGS", "kyrgyz soms": "KGS", "tugriks": "MNT",
    "tugrik": "MNT", "togrog": "MNT", "mongolian tugriks": "MNT", "afghani": "AFN",
    "belarusian rubles": "BYN", "belarusian roubles": "BYN", "turkmen manat": "TMT",
    "azerbaijani manat": "AZN", "manats": "AZN", "georgian lari": "GEL", "armenian drams": "AMD",
    "bangladeshi taka": "BDT", "nepali rupees": "NPR", "maldivian rufiyaa": "MVR",
    "rufiyaa": "MVR", "kyat": "MMK", "kyats": "MMK", "riel": "KHR", "riels": "KHR",
    "qatari riyals": "QAR", "omani rials": "OMR", "kuwaiti dinars": "KWD",
    "iraqi dinars": "IQD", "jordanian dinars": "JOD", "bahraini dinars": "BHD",
    "ukrainian hryvnias": "UAH", "thai baht": "THB",
    "malaysian ringgit": "MYR", "indonesian rupiah": "IDR", "vietnamese dong": "VND",
    "philippine peso": "PHP", "argentine pesos": "ARS", "chilean pesos": "CLP",
    "colombian pesos": "COP", "kenyan shillings": "KES", "tanzanian shillings": "TZS",
    "ugandan shillings": "UGX", "nigerian naira": "NGN",
    "egyptian pound": "EGP", "israeli shekels": "ILS", "new shekels": "ILS",
    "polish zloty": "PLN", "zlotys": "PLN", "hungarian forints": "HUF", "forints": "HUF",
    "romanian lei": "RON", "lei": "RON", "leva": "BGN", "serbian dinars": "RSD",
    "swiss franc": "CHF", "ether": "ETH", "btc": "BTC",
    **{f"{country} dollars": code for country, code in _COUNTRY_DOLLARS.items()},
    **{f"{country} dollar": code for country, code in _COUNTRY_DOLLARS.items()},
}
# Words that need a scale or money context to be money: "won" and "rand" are also words,
# "pounds" is also a weight, "marks" and "francs" are common nouns or names.
AMBIGUOUS_POST = frozenset({"won", "rand", "marks", "sum", "dram", "drams", "som"})
SUBUNITS = {"cents": ("USD", 0.01), "cent": ("USD", 0.01), "pence": ("GBP", 0.01),
            "penny": ("GBP", 0.01), "kopecks": ("RUB", 0.01), "fen": ("CNY", 0.01),
            "paise": ("INR", 0.01), "satoshis": ("BTC", 1e-8), "dimes": ("USD", 0.1),
            "dime": ("USD", 0.1), "tiyn": ("KZT", 0.01), "tyiyn": ("KGS", 0.01),
            "kopeks": ("RUB", 0.01)}
# Scale words of South Asian and financial writing, beyond numbers.SCALES.
EXTRA_SCALES = {"lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "crore": 1e7, "crores": 1e7}


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in
                    sorted(words, key=len, reverse=True))


# "US $ 5", "HK $ 3": a space may stand between a country's letters and its "$".
# Not after one letter: "a $4 billion plan" is no Australian figure.
CUR_PRE_RE = trie_alternation(list(CUR_PRE), space=r"\s+")
# A symbol after the number ("15 €", "100,000 ₭"), unless it begins the next figure.
POST_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB", "₸": "KZT",
                "₹": "INR", "₩": "KRW", "₺": "TRY", "₦": "NGN", "₱": "PHP", "₿": "BTC",
                "₭": "LAK", "₡": "CRC", "元": "CNY", "₾": "GEL", "₴": "UAH", "₼": "AZN",
                "₮": "MNT", "৳": "BDT", "₫": "VND", "₪": "ILS", "ரூ": "LKR", "රු": "LKR"}
_SYMBOL_ALT = "|".join(re.escape(k) for k in sorted(POST_SYMBOLS, key=len, reverse=True))
POST_SYMBOL_RE = re.compile(rf"\s?(?P<sym>{_SYMBOL_ALT})(?!\s?\d)")
# "7.2 million Canadian dollars", "a 10-dollar bill", "its one-yen bid".
_POST_NAMES = trie_alternation(list(CUR_POST), fold=True, space=r"\s+")
POST_CUR_RE = re.compile(rf"[\s-]?(?:{_POST_NAMES})(?![\w$])", re.IGNORECASE)
POUNDS_RE = re.compile(r" pounds?\b", re.IGNORECASE)
SUBUNIT_RE = re.compile(rf"[ -](?:{_alt(list(SUBUNITS))})\b", re.IGNORECASE)


def post_currency(text: str) -> str | None:
    """ISO code of a currency name found after a number ("Canadian dollars" -> "CAD")."""
    key = re.sub(r"\s+", " ", text.strip(" -\t\n").lower())
    return CUR_POST.get(key)


# "120 MEUR" after the number: case-sensitive, so "120 meur" or "5 Mbusd" are nothing.
SCALED_ISO_RE = re.compile(r"\s?(?P<code>" + "|".join(sorted(SCALED_ISO, key=len, reverse=True))
                           + r")\b")


def pre_scale(text: str) -> float:
    """The scale a prefixed code carries ("MAUD" = 1e6); 1 for every other currency."""
    return SCALED_ISO.get(re.sub(r"\s+", " ", text.strip()), ("", 1.0))[1]


def pre_currency(text: str) -> str | None:
    """ISO code of a symbol or code before a number ("$US" -> "USD", "Rs." -> "INR")."""
    key = re.sub(r"\s+(?=\$)", "", re.sub(r"\s+", " ", text.strip()))
    return CUR_PRE.get(key) or CUR_PRE.get(key.upper()) or CUR_PRE.get(key.title())
