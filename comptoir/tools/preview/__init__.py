"""Seeing the site on this computer: ``serve`` and ``livereload``, on 127.0.0.1
only. It owns the local web server, the watcher and the in-page error view;
it only reads the output and the last build's context (building is the
core's work), and serves nothing to other machines.

Both listen on 127.0.0.1 only. ``livereload`` rebuilds on every change under
content/, theme/ and the settings (and restarts on a change under comptoir/ or
plugins/), refreshes the browser, and shows a failed build's messages in the
page (the last good site stays on disk). It only reads the output and the
build's context; building is the core's work.
"""

from .server import serve
from .watch import livereload

__all__ = ["livereload", "serve"]
