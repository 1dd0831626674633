"""What the tests know of the article: its source, as stored, and its missions."""

from __future__ import annotations

from typing import Any

#: The article's source, as every seed event stores it.
ARTICLE: dict[str, Any] = {
    "publication": "SpaceNews",
    "title": "Russia looks to China for collaboration in space but faces isolation"
    " over Ukraine invasion",
    "author": "Andrew Jones",
    "published": "2022-03-01",
    "url": "https://spacenews.com/russia-looks-to-china-for-collaboration-in-space"
    "-but-faces-isolation-over-ukraine-invasion/",
}
#: A source given as `--source ESA` alone.
ESA: dict[str, Any] = {
    "publication": "ESA",
    "title": None,
    "author": None,
    "published": None,
    "url": None,
}
#: The eight missions and programmes of the article, in the order seeded.
MISSIONS = [
    "exomars",
    "venera-d",
    "luna-27",
    "change-6",
    "change-7",
    "ilrs",
    "soyuz-kourou",
    "iss",
]
