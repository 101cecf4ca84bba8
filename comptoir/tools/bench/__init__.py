"""The benchmark (``invoke bench``): a tool, not a test — see run.py. It owns
the synthetic corpus, the timed runs of stock Pelican and Comptoir on the
same content and the figures saved in ``benchmarks/``. It builds in its own
scratch folders and never touches the owner's site, content or output.
"""
