"""Google's required and recommended properties per schema.org type, as
the structured-data tests (test_structured_data*.py) check them.

A recommended property is expected when the page's source (its Markdown
header, or the business profile in the settings) holds the data; the ones
our content contract cannot hold are listed as not applicable, with the
reason. Each profile names the documentation it follows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ALWAYS = ""  # a recommended property the kit always has the data for


@dataclass(frozen=True)
class Profile:
    """One schema.org type as Google's rich-result documentation lists it.

    ``recommended`` maps a property to where its data lives (a dotted path
    in the page's source data; ``ALWAYS`` when the kit always has it).
    """

    required: tuple[str, ...]
    recommended: dict[str, str] = field(default_factory=dict)
    not_applicable: dict[str, str] = field(default_factory=dict)


NO_REVIEWS = "testimonials are the business's own pick: self-serving reviews, excluded by issue 4"

# https://developers.google.com/search/docs/appearance/structured-data/local-business
# and schemaorg-validate (profiles/google/local_business.rs, "Verified: 2026-04-01",
# https://docs.rs/schemaorg-validate/latest/src/schemaorg_rs/profiles/google/local_business.rs.html).
# Bakery is a FoodEstablishment, hence menu and servesCuisine.
LOCAL_BUSINESS = Profile(
    required=("name", "address"),
    recommended={
        "image": "brand.logo",  # the only picture of the business the profile holds
        "telephone": "business.phone",
        "url": ALWAYS,
        "openingHoursSpecification": "business.opening_hours",
        "geo": "business.geo",
        "priceRange": "business.price_range",
        # Not Google's list: issue 4 asks for these too.
        "logo": "brand.logo",
        "sameAs": "business.social",
        "iso6523Code": "business.siret",
        "description": "business.description",
    },
    not_applicable={
        "menu": "BUSINESS has no menu address (the example has no menu page)",
        "servesCuisine": "BUSINESS has no cuisine key",
        "department": "one shop, no departments in the business profile",
        "aggregateRating": NO_REVIEWS,
        "review": NO_REVIEWS,
    },
)
# Nested, same sources: PostalAddress fields required by local_business.rs.
ADDRESS = Profile(
    required=("streetAddress", "addressLocality", "postalCode", "addressCountry"),
    not_applicable={"addressRegion": "the business address has no region key"},
)
GEO = Profile(required=("latitude", "longitude"))
OPENING = Profile(required=("dayOfWeek", "opens", "closes"))

# https://developers.google.com/search/docs/appearance/structured-data/article and
# schemaorg-validate profiles/google/article.rs ("Verified: 2026-04-01"). Google's
# page makes every property recommended (author, author.name, author.url,
# dateModified, datePublished, headline, image); article.rs requires headline,
# image, datePublished and author: we keep the stricter reading.
ARTICLE = Profile(
    required=("headline", "image", "datePublished", "author"),
    recommended={"dateModified": ALWAYS, "publisher": ALWAYS, "mainEntityOfPage": ALWAYS},
)
AUTHOR = Profile(
    required=("name",),
    not_applicable={"url": "the content contract has only the author's name: no author pages"},
)

# https://developers.google.com/search/docs/appearance/structured-data/recipe and
# schemaorg-validate profiles/google/recipe.rs ("Verified: 2026-04-01"); Google's
# page adds keywords, aggregateRating and review to recipe.rs's list.
RECIPE = Profile(
    required=("name", "image"),
    recommended={
        "author": "author",
        "datePublished": ALWAYS,
        "description": "summary",
        "keywords": "tags",
        "prepTime": "prep_time",
        "cookTime": "cook_time",
        "totalTime": "duration",
        "recipeYield": "yield",
        "recipeIngredient": "supplies",
        "recipeInstructions": ALWAYS,  # the steps on the page (checked below)
        "video": "video",
    },
    not_applicable={
        "recipeCategory": "no Category key in the content contract",
        "recipeCuisine": "no Cuisine key in the content contract",
        "nutrition": "no nutrition facts in the content contract",
        "aggregateRating": NO_REVIEWS,
        "review": NO_REVIEWS,
    },
)
# Google's recipe page, recipeInstructions (recipe.rs checks "text" only); the
# same split in Drupal schema_metatag's HowToStep ("REQUIRED/RECOMMENDED BY GOOGLE").
# "name" is expected when the steps are headings (a list item has no short name).
HOW_TO_STEP = Profile(
    required=("text",),
    recommended={"url": ALWAYS},  # the step is on the page: an anchor can point to it
    not_applicable={
        "image": "the content contract has no picture per step",
        "video": "the content contract has no video clip per step",
    },
)

# https://developers.google.com/search/docs/appearance/structured-data/video
# (schemaorg-validate has no video profile). "description" is required in the
# stored version of Google's page; we keep it required.
VIDEO = Profile(
    required=("name", "thumbnailUrl", "uploadDate", "description"),
    recommended={"embedUrl": ALWAYS},  # Video is a YouTube/Vimeo page: its player
    not_applicable={
        "contentUrl": "the video is hosted by YouTube/Vimeo: no address of the file itself",
        "duration": "the Video key is an address only; Duration is the tutorial's, not the video's",
        "expires": "the content contract has no expiry for a video",
        "hasPart": "the content contract has no chapters (Clip) for a video",
        "interactionStatistic": "the view count lives on the video host",
        "regionsAllowed": "no regional restriction in the content contract",
        "ineligibleRegion": "no regional restriction in the content contract",
        "publication": "no live streams (BroadcastEvent)",
    },
)

# https://developers.google.com/search/docs/appearance/structured-data/breadcrumb and
# schemaorg-validate profiles/google/breadcrumb.rs ("Verified: 2026-04-01").
BREADCRUMB = Profile(required=("itemListElement",))
LIST_ITEM = Profile(required=("position", "name"))  # and "item", except on the last one

MAIN_TYPES = {"story": "BlogPosting", "recipe": "Recipe", "howto": "Article"}
ARTICLE_TYPES = {"Article", "BlogPosting", "NewsArticle", "Recipe", "HowTo"}
WEBPAGE_TYPES = {"WebPage", "CollectionPage", "AboutPage", "ContactPage", "FAQPage", "ItemPage"}
URL_KEYS = {"url", "item", "contentUrl", "embedUrl", "thumbnailUrl", "sameAs", "@id"}
DURATION_KEYS = {"prepTime", "cookTime", "totalTime", "duration"}
DATE_KEYS = {"datePublished", "dateModified", "uploadDate", "expires"}
ISO_DURATION = re.compile(
    r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$"
)
RATIOS = {"16:9": 16 / 9, "4:3": 4 / 3, "1:1": 1.0}
