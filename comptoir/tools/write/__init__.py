"""``invoke new`` and ``invoke ids``: the only commands that write into
content/. It owns the new file's header (today's date, an Id, the keys to
fill in, in the site's language) and the ``Id:`` line added to older files.
It changes nothing else in a file, byte for byte, and never builds the site
nor touches the output.

``new`` starts a file with today's date, an Id and the keys to fill in, in
the site's language; ``ids`` adds an ``Id:`` line to the files without one
and changes nothing else, byte for byte. Both read the content contract from
the content plugin; neither builds the site nor touches the output.
"""
