"""Compiled templates kept between builds (Jinja's bytecode cache), in
``cache/templates-<key>/``: each build runs in a fresh process, and each of
the page-writing processes would otherwise compile the same partials again.

Jinja checks each template's source before using its cached code; the
folder's key covers what else shapes the code (Jinja's version and the
environment's options and extensions), so a change there starts afresh.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import Environment, FileSystemBytecodeCache

OPTIONS = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
    "optimized",
)


def template_cache(env: Environment, settings: dict[str, Any]) -> FileSystemBytecodeCache:
    """The bytecode cache for ``env``, under the build's CACHE_PATH."""
    shape = [jinja2.__version__, *(repr(getattr(env, name)) for name in OPTIONS)]
    # autoescape may be a function: its name says enough (select_autoescape's
    # closure is the same for the same arguments only by name, so its
    # presence and kind count, not its identity).
    autoescape = env.autoescape
    shape.append(
        autoescape if isinstance(autoescape, bool) else getattr(autoescape, "__qualname__", "")
    )
    shape += sorted(env.extensions)
    key = hashlib.sha256("\0".join(map(str, shape)).encode()).hexdigest()[:16]
    folder = Path(settings.get("CACHE_PATH", "cache")) / f"templates-{key}"
    folder.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(folder))
