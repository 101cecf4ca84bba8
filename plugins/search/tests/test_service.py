"""Pagefind's service driven in batches (service.py), on the real binary:
the same files as one request at a time, answers matched to their
requests, and a refused request named."""

from __future__ import annotations

import base64

import pytest

from comptoir.plugins.search.index import add_record
from comptoir.plugins.search.records import Record
from comptoir.plugins.search.service import BATCH, PagefindError, Service

WORDS = [
    "pain",
    "levain",
    "farine",
    "four",
    "croûte",
    "mie",
    "fournil",
    "seigle",
    "épeautre",
    "sel",
    "eau",
]


def record(number: int) -> Record:
    text = " ".join(WORDS[(number * 7 + i) % len(WORDS)] for i in range(60))
    return Record(
        url=f"/histoires/h-{number}/",
        kind="story",
        language="fr",
        content=f"Histoire {number}. {text}",
        meta={"title": f"Histoire {number}"},
        filters={"kind": ["Histoire"]},
        sort={"date": f"{number:05d}"},
    )


def bundle(batched: bool, count: int) -> dict[str, bytes]:
    with Service() as service:
        index = service.send({"type": "NewIndex", "config": None})["index_id"]
        requests = [add_record(index, record(n)) for n in range(count)]
        replies = service.send_all(requests) if batched else [service.send(r) for r in requests]
        # Each answer is its own request's: the page it added, by address.
        assert [r["page_url"] for r in replies] == [f"/histoires/h-{n}/" for n in range(count)]
        files = service.send({"type": "GetFiles", "index_id": index})["files"]
    return {f["path"]: base64.b64decode(f["content"]) for f in files}


def test_batches_give_the_very_files_of_one_request_at_a_time() -> None:
    count = BATCH * 2 + 17  # full batches and a partial one
    assert bundle(True, count) == bundle(False, count)


def test_a_refused_request_in_a_batch_is_named() -> None:
    with Service() as service:
        index = service.send({"type": "NewIndex", "config": None})["index_id"]
        requests = [add_record(index, record(n)) for n in range(5)]
        requests[3] = {**requests[3], "index_id": index + 7}
        with pytest.raises(PagefindError, match="Invalid index"):
            service.send_all(requests)
