"""Articles and agreement when a name is put into a sentence: "the Yangtze", "the Korean War".

A true/false statement puts an option where the answer stood. A river, an ocean, a war, a
treaty "of" something or a country like the Netherlands takes "the" in running English
("during the Korean War", "the Ambassador to the Netherlands"); an option that brings its
own article does not get a second one after the author's "the"; "a"/"an" before the blank
follows the option's first sound; a name that opens the statement is capitalised.
"""

from __future__ import annotations

import re

from quiz.patterns import LazyPattern

THE_LAST_WORDS = frozenset("""war wars revolution crisis race river ocean sea desert strait
    canal gulf channel islands isles mountains alps andes himalayas rockies states kingdom
    netherlands philippines bahamas emirates republic union nations assembly council
    organization organisation agency fund bank pentagon telescope station section office
    summit commission parliament senate congress league alliance pact coalition treaty accord
    accords agreement act plan doctrine purchase convention protocol charter program programme
    mission committee department empire dynasty expedition wall""".split())
"""Last words of names that take "the" ("the Korean War", "the Jay Treaty", "the Marshall
Plan"); a possessive name takes none ("Hadrian's Wall")."""

THE_FIRST_WORDS = frozenset("""treaty battle declaration sea strait gulf bay cape isle statue
    republic kingdom ocean siege congress council""".split())
"""First words of "X of Y" names that take "the" ("the Treaty of Alliance", "the Sea of Crises")."""

THE_CATEGORIES = frozenset({"river", "ocean", "sea", "war", "desert"})
"""Categories whose bare names take "the" ("the Nile", "the Pacific")."""

THE_ACRONYMS = frozenset({"oecd", "wto", "imf", "un", "eu", "g7", "g8", "g20", "who", "iss",
                          "unga", "cia", "fbi", "esa"})
"""Acronyms read with "the" ("the OECD", but "NATO" alone)."""

_DETERMINERS = frozenset("""the a an its his her their our your my this that these those whose
    which each every no another any some""".split())
_ARTICLE = LazyPattern(r"^(?:the|a|an)\s+", re.IGNORECASE)
_LAST_WORD = LazyPattern(r"([\w’']+)\W*$")


def takes_the(name: str, category: str | None = None) -> bool:
    """Whether a proper name reads with "the" in running text."""
    words = name.split()
    if not words or _ARTICLE.match(name) or not name[:1].isupper():
        return False
    first, last = words[0].casefold(), words[-1].casefold().strip(".,")
    if any(w.endswith(("'s", "’s")) for w in words[:-1]):
        return False  # "Hadrian's Wall", "Lloyd's Register"
    if len(words) == 1 and first in THE_ACRONYMS:
        return True
    if last in THE_LAST_WORDS:
        return True  # ("World War II" ends in a numeral and stands alone)
    if len(words) >= 3 and words[1] == "of" and first in THE_FIRST_WORDS:
        return True
    return category in THE_CATEGORIES and len(words) <= 2


def in_place(option: str, before: str, category: str | None = None) -> tuple[str, str]:
    """``option`` and the text before it, agreed: an article added or dropped, a/an fixed.

    Args:
        option: The name put in the sentence.
        before: The sentence's text before the option.
        category: The answer's category (rivers and oceans take "the").

    Returns:
        The text before (its last "a"/"an" agreed) and the option as it reads there.
    """
    previous = _LAST_WORD.search(before)
    word = previous.group(1).casefold() if previous else ""
    own_article = _ARTICLE.match(option)
    if word in _DETERMINERS or word.endswith(("'s", "’s")):
        if own_article and word in ("the", "a", "an"):
            option = option[own_article.end():]  # "the the Moon"
        if word in ("a", "an") and previous is not None:
            right = "an" if option[:1].casefold() in "aeiou" else "a"
            if right != word:
                cut = previous.start(1)
                before = before[:cut] + (right.capitalize() if before[cut].isupper() else right) \
                    + before[previous.end(1):]
        return before, option
    if not own_article and takes_the(option, category):
        option = "the " + option
    if not before.strip() and option[:1].islower():
        option = option[:1].upper() + option[1:]  # the name opens the statement
    return before, option
