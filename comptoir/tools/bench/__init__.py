"""The benchmark (``invoke bench``): a tool, not a test — see run.py.

Owns the synthetic corpus (corpus.py), the timed runs of stock Pelican and
Comptoir on the same content, alternated, at the same cache state (run.py,
measure.py), and the figures saved in ``benchmarks/``. It builds in its own
scratch folders and never touches the owner's site or output.
"""
