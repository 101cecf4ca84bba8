"""Production settings: everything from pelicanconf.py, plus absolute URLs."""

import os
import sys

# First on the path: this folder's pelicanconf.py, whatever else Python can see.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: F403

SITEURL = "https://www.lesdeuxepis.example"
RELATIVE_URLS = False
