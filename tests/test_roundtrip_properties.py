"""Property tests: any title, summary, tag or testimonial name an owner writes
comes back exactly from every place the site shows it — HTML text and
attributes, JSON-LD, Atom, RSS, JSON Feed, oEmbed, the embed code and the
share URLs — and never adds an element, an attribute, a script or a comment.

Each example builds one small site with the kit's real build (two stories,
four tags, two testimonials: ten generated strings a build), then reads
the output back with real parsers: html5lib (as a browser tokenizes),
json, feedparser and ElementTree, urllib.parse. The page structure of every
HTML file is compared with a build of the same site written in plain words.

One property, one build an example: what is generated and built is in
roundtrip_site.py, how the output is read back in roundtrip_reading.py, and
where each string must come back in roundtrip_checks.py.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from tests.roundtrip_checks import check_feeds, check_story, check_testimonials
from tests.roundtrip_reading import plain_shape, site_shape
from tests.roundtrip_site import SUMMARY, TAG, TEXT, build_site, tag_slug

DANGER = [
    "</script><script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "]]><x>",
    "{{ 7*7 }}",
    "{% raw %}",
    "javascript:alert(1)",
]


# CI sees the same 30 generated examples every run (derandomize): a landing
# must not hang on which strings chance picked. To look for new failures,
# run with COMPTOIR_EXPLORE=1 (random, 300 examples), then pin what it finds
# as an @example below.
EXPLORE = os.environ.get("COMPTOIR_EXPLORE") == "1"


# No shrinking: one example is a whole build (about a second), so shrinking a
# failure takes Hypothesis's full five minutes; the failing example it prints
# is short already (seven strings of a few pieces).
@settings(
    max_examples=300 if EXPLORE else 30,
    derandomize=not EXPLORE,
    deadline=None,
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    lang=st.sampled_from(["en", "fr"]),
    titles=st.lists(TEXT, min_size=2, max_size=2, unique=True),
    summaries=st.lists(SUMMARY, min_size=2, max_size=2),
    tags=st.lists(TAG, min_size=4, max_size=4, unique_by=tag_slug),
    names=st.lists(TEXT, min_size=2, max_size=2),
)
@example(
    lang="en",
    titles=[DANGER[0], DANGER[1]],
    summaries=[DANGER[2] + " " + DANGER[5], DANGER[3] + " " + DANGER[4]],
    tags=[f"{c}{d}" for c, d in zip("abcd", DANGER[:4], strict=True)],
    names=[DANGER[5], DANGER[2]],
)
@example(
    lang="fr",
    titles=[f"{DANGER[3]} {DANGER[4]} : l'été !", "javascript:alert(1) « ]]><x> »"],
    summaries=[DANGER[0], DANGER[1] + " [x](javascript:alert(1))"],
    tags=[f"{c}{d}" for c, d in zip("abcd", DANGER[2:], strict=True)],
    names=[DANGER[0], DANGER[1]],
)
@example(
    lang="fr",
    titles=["Pain\u2029de mie", "Pain\x85 « bio » ! \u2028x"],
    summaries=["Pain\u2028de mie &amp; co", "&lt;b&gt; l'été"],
    tags=["pain\u2029bio", "b\x85c", "l'été", "d"],
    names=["Anne\u2029B.", "Bruno\x85C."],
)
# Found in CI: U+2028 inside a tag, before a colon, read as a new header line.
@example(
    lang="fr",
    titles=["È뉲A㣌\u200dtueÈĥ&#x3C;ð<", "<![CDATA[÷±øVİ<b>"],
    summaries=["Pain u", "שלום"],
    tags=["שלוםܙ", "ķ*\u2028ß:*", "457:", "{{ 7*7 }}ß"],
    names=["å§êLevainĔ¯7Pø", 'x𐛻¦Ă~=Üⵖµ晔onload="x"'],
)
def test_any_text_round_trips_and_nothing_breaks_out(
    lang: str, titles: list[str], summaries: list[str], tags: list[str], names: list[str]
) -> None:
    with tempfile.TemporaryDirectory(prefix="roundtrip-") as tmp:
        output = build_site(Path(tmp), lang, titles, summaries, tags, names)
        stories = {}
        for n in (0, 1):
            mine = tags[2 * n : 2 * n + 2]
            url, shown = check_story(output, lang, n, titles[n], summaries[n], mine, names[n])
            stories[url] = (titles[n], shown, mine)
        check_feeds(output, lang, stories, names)
        check_testimonials(output, lang, names)
        # Same elements, attributes, scripts and comments as in plain words.
        emptied = tuple(not shown for _, shown, _ in stories.values())
        assert site_shape(output, {tag_slug(t) for t in tags}) == plain_shape(lang, emptied)
