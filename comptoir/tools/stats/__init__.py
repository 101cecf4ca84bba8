"""``invoke stats``: figures from the web server's own access logs. It owns
the reading (sources.py, formats.py), who asked and from where (agents.py,
referrers.py), the counting (tally.py, figures.py), the report (report.py,
charts.py, theme/templates/stats/) and bringing the logs (fetch.py).
It adds nothing to the pages, keeps no IP, and never writes into output/.
"""
