"""The benchmark (``invoke bench``): a tool, not a test — see run.py."""
