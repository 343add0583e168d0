"""Split words glued together by a space lost in export ("Kazakhstanwhere", "betweenofficials").

Only with evidence, because English is full of real compounds ("without", "throughout", "understand"):
- a known entity name (case-sensitive, from the authority files) directly followed by a common lowercase word:
  "Kazakhstanwhere" -> "Kazakhstan where";
- a preposition, article or conjunction directly followed by a common word or a word the document itself
  uses on its own elsewhere: "betweenofficials" -> "between officials".
A token that the document uses more than once, or that is itself a common word or a name, is never split.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace

from site_builder.ingest.reflow import Block

# "\b[A-Za-z]{5,}\b" and "\b[a-z]+\b", with the leading boundary checked after the first letter so that re
# can skip to letters rather than try the pattern at every position.
TOKEN = re.compile(r"[A-Za-z](?<!\w[A-Za-z])[A-Za-z]{4,}\b")
WORD = re.compile(r"[a-z](?<!\w[a-z])[a-z]*\b")
# Words that lose the space after them in exports and rarely start a compound ("under", "with", "for", "in"
# and "after" do: "understand", "without", "format", "income", "afternoon" are real words).
HEADS = frozenset((  # noqa: SIM905 - a word list reads best as one string
    "between among amongst through during against across around behind beyond towards toward about from "
    "that which this these those their were been have and the of"
).split())
# Common lowercase words of news text that follow a glued word (a small dictionary, so no download).
COMMON = frozenset((  # noqa: SIM905 - a word list reads best as one string
    "the and for with from that this these those which where when while who whose whom what was were are "
    "has have had will would could should shall may might must can also not but into over after before "
    "between during about under within without through against among other such more most many much some "
    "all both each only than then there their they them its his her our was been being said says stated "
    "noted stressed agreed signed held discussed participated attended visited took made met meets meeting "
    "meetings visit visits talks summit summits agreement agreements officials official president presidents "
    "minister ministers ministry government governments country countries people state states cooperation "
    "relations development economic economy trade security foreign affairs parliament parliaments delegation "
    "delegations representatives leaders heads sides parties issues region regional international national "
    "bilateral partnership support investment investments companies business energy transport project "
    "projects year years today yesterday week month held important new two three several both border borders "
    "forces military defence defense peace war talks programme program framework session sessions council "
    "forum conference organisation organization member members membership chairmanship capital city cities "
    "republic republics nations nation first second third last next further level levels issue agenda"
).split())
MIN_TAIL = 3
MIN_DOCUMENT_TAIL = 4  # a tail known only from the document must be longer: "out", "one" make compounds


class _Once(dict[str, int]):
    """Every word counted once: the counts under which _split splits the most (no token is used twice, every
    tail is used on its own), so a token it leaves whole is left whole by any document."""

    def __missing__(self, key: str) -> int:
        return 1


_ONCE = _Once()


def split_glued_blocks(blocks: Sequence[Block], names: Collection[str]) -> list[Block]:
    # Blocks joined by a newline: no word spans two, and each distinct token is judged once per source. The
    # document's words are counted only when some token could be split at all (few sources have one).
    joined = "\n".join(block.text for block in blocks)
    # No token spans white space, so the distinct tokens are those of the distinct space-separated chunks.
    tokens = set(TOKEN.findall("\n".join(set(joined.split()))))
    candidates = [token for token in tokens if _split(token, names, _ONCE) is not None]
    if not candidates:
        return list(blocks)
    vocabulary = Counter(WORD.findall(joined.lower()))
    splits = {token: split for token in candidates if (split := _split(token, names, vocabulary)) is not None}
    if not splits:
        return list(blocks)
    return [replace(block, text=_apply(block.text, splits)) if any(t in block.text for t in splits) else block
            for block in blocks]


def _apply(text: str, splits: dict[str, str]) -> str:
    return TOKEN.sub(lambda match: splits.get(match.group(0), match.group(0)), text)


def split_glued(text: str, names: Collection[str], vocabulary: Counter[str]) -> str:
    return TOKEN.sub(lambda match: _split(match.group(0), names, vocabulary) or match.group(0), text)


def _split(token: str, names: Collection[str], vocabulary: Mapping[str, int]) -> str | None:
    lower = token.lower()
    if token in names or lower in COMMON or vocabulary[lower] > 1:
        return None
    for cut in range(len(token) - MIN_TAIL, 1, -1):  # the longest head first: "Kazakhstan", not "Kazakh"
        head, tail = token[:cut], token[cut:]
        if tail.islower() and _evidence(head, tail, names, vocabulary):
            return f"{head} {tail}"
    return None


def _evidence(head: str, tail: str, names: Collection[str], vocabulary: Mapping[str, int]) -> bool:
    if head in names:
        return tail in COMMON
    if head.lower() not in HEADS or (head != head.lower() and head != head.capitalize()):
        return False
    return tail in COMMON or (len(tail) >= MIN_DOCUMENT_TAIL and vocabulary[tail] > 0)
