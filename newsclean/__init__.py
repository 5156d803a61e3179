"""newsclean: clean Indonesian news pages and texts into article text plus metadata.

>>> import newsclean
>>> a = newsclean.clean_text("JAKARTA, KOMPAS.com - Harga cabai naik.\\nBaca juga: Harga Bawang Turun")
>>> a.text
'Harga cabai naik.'
>>> a.dateline.place, [r.headline for r in a.related]
('Jakarta', ['Harga Bawang Turun'])
"""

from ._version import __version__
from .article import Article, Dateline, Related, Removal
from .dates import WIB, WIT, WITA, DateMatch, parse_date, parse_date_match
from .options import Options
from .pipeline import clean_html, clean_text
from .rules.registry import all_rules, builtin_rules, load_rules
from .rules.rule import CodeRule, Example, Rule, RuleError

__all__ = [
    "WIB",
    "WIT",
    "WITA",
    "Article",
    "CodeRule",
    "DateMatch",
    "Dateline",
    "Example",
    "Options",
    "Related",
    "Removal",
    "Rule",
    "RuleError",
    "__version__",
    "all_rules",
    "builtin_rules",
    "clean_html",
    "clean_text",
    "load_rules",
    "parse_date",
    "parse_date_match",
]
