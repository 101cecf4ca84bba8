"""Production settings: everything from pelicanconf.py, plus absolute URLs."""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: F403

SITEURL = "https://www.lesdeuxepis.example"
RELATIVE_URLS = False
