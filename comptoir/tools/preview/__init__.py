"""Seeing the site on this computer: ``serve`` and ``livereload``.

Both listen on 127.0.0.1 only. ``livereload`` rebuilds on every change under
content/, theme/, plugins/ and the settings, refreshes the browser, and shows a
failed build's messages in the page (the last good site stays on disk).
"""

from .server import serve
from .watch import livereload

__all__ = ["livereload", "serve"]
