"""The letter at a thousand readers (drawn once per language, memory flat),
and a ``--send`` killed midway (the next one mails only the others)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import tracemalloc

from comptoir.tools.digest import run

from .smtp_server import Server
from .test_send import HEADER, SETTINGS, STORIES, no_wait


def readers(count: int, start: int = 0) -> str:
    return HEADER + "".join(
        f"r{n}@example.org,R{n},fr,2026-01-01,\n" for n in range(start, start + count)
    )


def test_a_thousand_readers_share_one_drawing_and_memory_stays_flat(make_site, monkeypatch) -> None:
    drawn = []
    real_render, real_send = run.render, run.send

    def counted(*args, **kwargs):
        drawn.append(args[0].lang)
        return real_render(*args, **kwargs)

    peaks = {}

    def sent(*args, **kwargs):
        outcome = real_send(*args, **kwargs)
        count = len(peaks.setdefault("sent", [])) + 1
        peaks["sent"].append(count)
        if count in (200, 1000):
            # The highest the process has been so far, the letter drawn long before.
            peaks[count] = tracemalloc.get_traced_memory()[1]
        return outcome

    monkeypatch.setattr(run, "render", counted)
    monkeypatch.setattr(run, "send", sent)
    site = make_site(STORIES, settings=SETTINGS)
    site.write({"abonnes.csv": readers(1000)})
    with Server() as smtp:
        smtp.inbox.keep = False  # the server shares this process: only the sender is measured
        tracemalloc.start()
        try:
            done = run.send_digest(site.settings, {"COMPTOIR_SMTP_URL": smtp.url}, no_wait)
        finally:
            tracemalloc.stop()
    assert done.ok, done.lines
    assert len(smtp.inbox.raw) == 1000
    assert drawn == ["fr"]  # once, for everyone
    # A letter is ~20 KB: keeping the last 800 would add 16 MB. What may grow
    # is the ledger's line per reader (a few hundred bytes each).
    growth = peaks[1000] - peaks[200]
    assert growth < 800 * 4 * 1024, (peaks[200], peaks[1000])


CHILD = """
import sys
from pathlib import Path
from comptoir.tools.digest.run import send_digest
done = send_digest(Path(sys.argv[1]))
print("\\n".join(done.lines))
"""


def test_a_send_killed_midway_is_finished_by_the_next_without_repeats(make_site) -> None:
    # A pause between messages (rate) leaves time to kill it after the first.
    site = make_site(STORIES, settings=SETTINGS + 'DIGEST["rate"] = 30\n')
    site.write({"abonnes.csv": readers(4)})
    with Server() as smtp:
        env = {**os.environ, "COMPTOIR_SMTP_URL": smtp.url}
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(site.settings)],
            cwd=site.root,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 60
        while not smtp.inbox.raw and time.monotonic() < deadline:
            time.sleep(0.05)
        child.send_signal(signal.SIGKILL)
        child.wait()
        assert len(smtp.inbox.raw) == 1
        ledger = json.loads((site.root / ".comptoir/digest.json").read_text(encoding="utf-8"))
        assert [e["finished"] for e in ledger["editions"]] == [None]
        done = run.send_digest(site.settings, {"COMPTOIR_SMTP_URL": smtp.url}, no_wait)
        assert done.ok, done.lines
    assert sorted(smtp.inbox.to()) == [f"r{n}@example.org" for n in range(4)]
