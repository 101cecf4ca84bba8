"""Extract translatable strings and update the ``.po`` catalogs (``invoke i18n``).

Two catalogs per language: the theme's (``theme/translations/<lang>.po``) and
the kit's own messages (``comptoir/core/i18n/locale/<lang>.po``).
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from .language import KIT_LOCALE_DIR, SUPPORTED

KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "N_": None,
    "site_gettext": (2,),
    "_problem": (2,),
    "ValueProblem": None,
}
THEME_METHOD = [("**.html", "jinja2")]
KIT_METHOD = [("**.py", "python")]
# tasks.py speaks to the owner too; its messages go in the kit's catalog.
KIT_EXTRA = ("tasks.py",)
JINJA_OPTIONS = {"**.html": {"extensions": "jinja2.ext.i18n"}}


def extract(folder: Path, method: list[tuple[str, str]], options: dict | None = None) -> Catalog:
    catalog = Catalog()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(folder), method, options_map=options or {}, keywords=KEYWORDS
    ):
        catalog.add(message)
    return catalog


def templates(root: Path) -> dict[Path, Catalog]:
    """What needs translating: {catalog folder: extracted messages}."""
    return {
        root / "theme" / "translations": extract(
            root / "theme" / "templates", THEME_METHOD, JINJA_OPTIONS
        ),
        KIT_LOCALE_DIR: _with_tasks(root, _kit(root)),
    }


def _kit(root: Path) -> Catalog:
    """The messages of the core, the tools and the plugins, in one catalog."""
    catalog = extract(root / "comptoir", KIT_METHOD)
    for message in extract(root / "plugins", KIT_METHOD):
        if message.id:
            catalog.add(message.id)
    return catalog


def _with_tasks(root: Path, catalog: Catalog) -> Catalog:
    from babel.messages.extract import extract_from_file

    for name in KIT_EXTRA:
        for _line, message, _comments, _context in extract_from_file(
            "python", str(root / name), keywords={**KEYWORDS, "_": (2,)}
        ):
            catalog.add(message)
    return catalog


def update_catalogs(root: Path) -> list[Path]:
    written = []
    for folder, template in templates(root).items():
        folder.mkdir(parents=True, exist_ok=True)
        for lang in SUPPORTED:
            path = folder / f"{lang}.po"
            if path.exists():
                with path.open("rb") as handle:
                    catalog = read_po(handle, locale=lang)
            else:
                catalog = Catalog(locale=lang)
            # Keep the catalog's own date so an unchanged catalog stays byte-identical.
            template.creation_date = catalog.creation_date
            catalog.update(template, no_fuzzy_matching=True)
            with path.open("wb") as handle:
                write_po(
                    handle,
                    catalog,
                    omit_header=False,
                    sort_output=True,
                    width=100,
                    include_previous=False,
                    no_location=True,
                    ignore_obsolete=True,
                )
            written.append(path)
    return written
