"""The benchmark (``invoke bench``): a tool, not a test — see run.py. It owns
the synthetic corpus, the timed runs of stock Pelican and Comptoir on the
same content and the figures saved in ``benchmarks/``. It builds in its own
scratch folders and never touches the owner's site, content or output.
"""

from comptoir.core.i18n import N_

# `invoke bench`'s options, as `invoke --help bench` shows them (msgids).
OPTIONS = {
    "stories": N_("how many synthetic stories, or several sizes: 1000,5000,10000 (default 1000)"),
    "rounds": N_("alternated runs of each tool per measure (default 3)"),
    "photos": N_("how many synthetic 2400×1600 photos (default 200)"),
    "livereload": N_("also time save → fresh livereload page (default yes)"),
    "part": N_("what to measure: all (default), site, stats or search"),
    "log-lines": N_("how many log lines for the statistics part (default 1000000)"),
}
