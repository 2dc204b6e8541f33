"""Currencies as news writes them, each with its ISO 4217 code.

Why a table of its own: a dollar is not one currency ("7.2 million Canadian dollars" is CAD,
"$US40" and "12.7 billion U.S. dollars" are USD, "A$3 billion" is AUD), and South Asian
news counts in lakh and crore ("Rs 900 crore" = 9 billion INR). Symbols before the number
and names after it are both common; a bare "$" is USD unless the text says otherwise.
"""

from __future__ import annotations

import re

from scoda_desktop.core.extract.units import trie_alternation

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
    "kazakh tenge": "KZT", "uzbek soums": "UZS", "uzbek sums": "UZS", "kyrgyz som": "KGS",
    "tajik somoni": "TJS", "iranian rials": "IRR", "saudi riyals": "SAR", "uae dirhams": "AED",
    "south korean won": "KRW", "korean won": "KRW", "south african rand": "ZAR",
    "brazilian reais": "BRL", "reais": "BRL",
    **{f"{country} dollars": code for country, code in _COUNTRY_DOLLARS.items()},
    **{f"{country} dollar": code for country, code in _COUNTRY_DOLLARS.items()},
}
# Words that need a scale or money context to be money: "won" and "rand" are also words,
# "pounds" is also a weight, "marks" and "francs" are common nouns or names.
AMBIGUOUS_POST = frozenset({"won", "rand", "marks", "sum", "dram", "drams", "som"})
SUBUNITS = {"cents": ("USD", 0.01), "cent": ("USD", 0.01), "pence": ("GBP", 0.01),
            "penny": ("GBP", 0.01), "kopecks": ("RUB", 0.01), "fen": ("CNY", 0.01),
            "paise": ("INR", 0.01), "satoshis": ("BTC", 1e-8)}
# Scale words of South Asian and financial writing, beyond numbers.SCALES.
EXTRA_SCALES = {"lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "crore": 1e7, "crores": 1e7}


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in
                    sorted(words, key=len, reverse=True))


# "US $ 5", "HK $ 3": a space may stand between a country's letters and its "$".
# Not after one letter: "a $4 billion plan" is no Australian figure.
CUR_PRE_RE = trie_alternation(list(CUR_PRE), space=r"\s+")
# A symbol after the number ("15 €", "100,000 ₭"), unless it begins the next figure.
POST_SYMBOL_RE = re.compile(r"\s?(?P<sym>[$€£¥₽₸₹₩₺₦₱₿₭₡元])(?!\s?\d)")
POST_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB", "₸": "KZT",
                "₹": "INR", "₩": "KRW", "₺": "TRY", "₦": "NGN", "₱": "PHP", "₿": "BTC",
                "₭": "LAK", "₡": "CRC", "元": "CNY"}
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
