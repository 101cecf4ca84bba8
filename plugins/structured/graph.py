"""One schema.org JSON-LD ``@graph`` per page, its nodes linked by ``@id``.

WebSite and the business (the most specific type the owner chose, e.g.
Bakery) on every page; WebPage and BreadcrumbList; BlogPosting for stories,
Recipe for recipe tutorials, Article for how-tos (Google retired HowTo).
Testimonials stay visible quotes: no Review or AggregateRating about the
business itself (search engines ignore self-serving reviews).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from typing import Any

from comptoir.core.i18n.text import plain_text

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
COUNTRY_CODES = {"FR": "33", "BE": "32", "CH": "41", "LU": "352", "GB": "44", "CA": "1"}


def iso_duration(value: dt.timedelta) -> str:
    minutes = round(value.total_seconds() / 60)
    hours, minutes = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes or not hours else "")


def international_phone(phone: str, country: str) -> str:
    digits = re.sub(r"[^\d+]", "", phone)
    if digits.startswith("+"):
        return digits
    if digits.startswith("00"):
        return "+" + digits[2:]
    code = COUNTRY_CODES.get(country.upper())
    return f"+{code}{digits[1:]}" if code and digits.startswith("0") else digits


def business_node(settings: dict[str, Any], values: Mapping[str, Any], site: str) -> dict[str, Any]:
    """The business, from its profile as pages show it (``values``: the
    build's site-wide values) and the brand."""
    info = values.get("business") or {}
    address = info.get("address") or {}
    node: dict[str, Any] = {
        "@type": info.get("type", "Organization"),
        "@id": f"{site}/#business",
        "name": info.get("name") or values.get("name"),
        "description": info.get("description"),
        "url": f"{site}/",
    }
    if address:
        node["address"] = {
            "@type": "PostalAddress",
            "streetAddress": address.get("street"),
            "postalCode": address.get("postal_code"),
            "addressLocality": address.get("city"),
            "addressCountry": address.get("country"),
        }
    if info.get("geo"):
        node["geo"] = {"@type": "GeoCoordinates", **info["geo"]}
    if info.get("phone"):
        node["telephone"] = international_phone(info["phone"], address.get("country", "FR"))
    for key, prop in (("email", "email"), ("price_range", "priceRange")):
        if info.get(key):
            node[prop] = info[key]
    openings = values.get("hours") or ()
    if openings:
        node["openingHoursSpecification"] = [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": [DAYS[d] for d in o.days],
                "opens": a.strftime("%H:%M"),
                "closes": b.strftime("%H:%M"),
            }
            for o in openings
            for a, b in o.ranges
        ]
    brand = settings.get("BRAND", {})
    if brand.get("icon") or brand.get("logo"):
        node["logo"] = {
            "@type": "ImageObject",
            "url": f"{site}/icon-512.png",
            "width": 512,
            "height": 512,
        }
        # Google recommends an image of the business; the logo stands in
        # until the owner's settings can name a photo of the shop.
        node["image"] = f"{site}/icon-512.png"
    if info.get("social"):
        node["sameAs"] = list(info["social"])
    siret = re.sub(r"\D", "", str(info.get("siret") or ""))
    if siret:
        # ISO 6523 code 0009 is the French SIRET register.
        node["iso6523Code"] = f"0009:{siret}"
    return {k: v for k, v in node.items() if v not in (None, "", [], {})}


def _images(item: Any) -> list[dict[str, Any]]:
    """The cover cropped to 16:9, 4:3 and 1:1 (comptoir.plugins.cards), as search
    engines ask; else the cover; else nothing."""
    shots = getattr(item, "social_images", None)
    if shots:
        return [{"@type": "ImageObject", **shot} for shot in shots]
    cover = getattr(item, "cover", None)
    if cover and cover.get("full"):
        return [{"@type": "ImageObject", "url": cover["full"]}]
    return []


def home_label(lang: str) -> str:
    return "Accueil" if lang == "fr" else "Home"


def page_nodes(
    url: str,
    name: str,
    site: str,
    crumbs: list[tuple[str, str | None]],
    lang: str,
    kind: str = "WebPage",
) -> list[dict[str, Any]]:
    """The page (WebPage, CollectionPage…) and its BreadcrumbList; the last
    crumb, the page itself, has no link."""
    items = [
        {"@type": "ListItem", "position": n, "name": label, **({"item": link} if link else {})}
        for n, (label, link) in enumerate(crumbs, start=1)
    ]
    return [
        {
            "@type": kind,
            "@id": f"{url}#webpage",
            "url": url,
            "name": name,
            "isPartOf": {"@id": f"{site}/#website"},
            "inLanguage": lang,
            "breadcrumb": {"@id": f"{url}#breadcrumb"},
        },
        {"@type": "BreadcrumbList", "@id": f"{url}#breadcrumb", "itemListElement": items},
    ]


def content_nodes(
    item: Any, url: str, site: str, section: tuple[str, str] | None, lang: str
) -> list[dict[str, Any]]:
    """WebPage, BreadcrumbList and the main entity of a story, tutorial or page."""
    page_id = f"{url}#webpage"
    crumbs: list[tuple[str, str | None]] = [(home_label(lang), f"{site}/")]
    if section:
        crumbs.append(section)
    crumbs.append((item.title, None))
    nodes = page_nodes(url, item.title, site, crumbs, lang)
    webpage = nodes[0]
    kind = getattr(item, "comptoir_kind", None)
    if kind not in ("story", "tutorial"):
        return nodes
    images = _images(item)
    if images:
        webpage["primaryImageOfPage"] = images[0]
    recipe = kind == "tutorial" and getattr(item, "kind", "howto") == "recipe"
    main: dict[str, Any] = {
        "@type": "Recipe" if recipe else ("BlogPosting" if kind == "story" else "Article"),
        "@id": f"{url}#main",
        "mainEntityOfPage": {"@id": page_id},
        ("name" if recipe else "headline"): item.title,
        "description": plain_text(getattr(item, "summary", "")),
        "datePublished": item.date.isoformat(),
        "dateModified": (getattr(item, "modified", None) or item.date).isoformat(),
        "author": [{"@type": "Person", "name": str(a)} for a in getattr(item, "authors", [])],
        "publisher": {"@id": f"{site}/#business"},
        "inLanguage": lang,
        "image": images,
        "keywords": ", ".join(str(t) for t in getattr(item, "tags", [])),
    }
    if recipe:
        main["recipeIngredient"] = list(getattr(item, "supplies", None) or [])
        main["recipeInstructions"] = [
            {
                "@type": "HowToStep",
                "position": n,
                **({"name": s["name"]} if s.get("name") else {}),
                "text": s.get("text") or s.get("name"),
                **({"url": f"{url}#{s['anchor']}"} if s.get("anchor") else {}),
            }
            for n, s in enumerate(getattr(item, "steps", None) or [], start=1)
        ]
        for key, prop in (
            ("prep_time", "prepTime"),
            ("cook_time", "cookTime"),
            ("duration", "totalTime"),
        ):
            if getattr(item, key, None):
                main[prop] = iso_duration(getattr(item, key))
        if getattr(item, "yield", None):
            main["recipeYield"] = item.__dict__["yield"]
    video = getattr(item, "video", None)
    if video is not None:
        video_node = {
            "@type": "VideoObject",
            "@id": f"{url}#video",
            "name": item.title,
            "description": main["description"] or item.title,
            "embedUrl": video.embed_url.split("?")[0],
            "url": video.url,
            "uploadDate": item.date.isoformat(),
            "thumbnailUrl": [i["url"] for i in images] or [f"{site}/icon-512.png"],
        }
        nodes.append(video_node)
        main["video"] = {"@id": f"{url}#video"}
    nodes.append({k: v for k, v in main.items() if v not in (None, "", [], {})})
    return nodes


def script(graph: list[dict[str, Any]]) -> str:
    """The ``<script>`` element; no value can close it or open a comment."""
    text = json.dumps(
        {"@context": "https://schema.org", "@graph": graph},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>'
