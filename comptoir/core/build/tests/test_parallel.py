"""Reading and writing on several cores gives the very same site as one core."""

import gc

import pytest
from pelican import signals
from PIL import Image

from comptoir.core.artefacts import make_all
from comptoir.core.build.parallel import Forked, collector_paused, fork_shares
from comptoir.core.build.writer import MIN_PAGES
from comptoir.plugins.content.prefetch import MIN_FILES


def stories(count: int) -> dict[str, str]:
    files = {}
    for index in range(count):
        image = "\n\n![Le pain](../images/pain.jpg)" if index % 10 == 0 else ""
        files[f"content/stories/histoire-{index:03d}.md"] = (
            f"Title: Histoire {index}\nDate: 2025-01-{1 + index % 28:02d} {8 + index // 28:02d}:00\n"
            f"Tags: t{index % 5}\n\nLe levain : une histoire d'hier !{image}\n"
        )
    return files


def make(make_site, files: dict[str, str]):
    site = make_site(files)
    (site.root / "content/images").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (900, 600), "tan").save(site.root / "content/images/pain.jpg")
    return site


def test_parallel_build_is_identical_to_a_serial_one(make_site, digest) -> None:
    count = max(MIN_FILES, MIN_PAGES) + 5
    site = make(make_site, stories(count))
    serial = site.build(COMPTOIR_WORKERS=1)
    assert serial.ok, site.messages(serial)
    one_core = digest(site.output)
    assert any(name.startswith("media/images/pain-480.") for name in one_core)
    parallel = site.build(COMPTOIR_WORKERS=2)
    assert parallel.ok, site.messages(parallel)
    assert digest(site.output) == one_core


def test_a_template_error_in_a_writing_process_fails_the_build(make_site, digest) -> None:
    site = make(make_site, stories(MIN_PAGES + 5))
    assert site.build(COMPTOIR_WORKERS=2).ok
    before = digest(site.output)
    site.write({"overrides/article.html": "{{ article.nothing.deeper }}"})
    result = site.build(
        COMPTOIR_WORKERS=2, THEME_TEMPLATES_OVERRIDES=[str(site.root / "overrides")]
    )
    assert not result.ok
    assert "UndefinedError" in result.errors[0].message
    assert digest(site.output) == before


def test_a_bad_file_read_in_a_worker_is_still_reported(make_site) -> None:
    files = stories(MIN_FILES + 5)
    files["content/stories/histoire-007.md"] = "Title: Sept\nDate: demain\n\nTexte.\n"
    site = make(make_site, files)
    result = site.build(COMPTOIR_WORKERS=2)
    assert [(p.path, p.line, p.key) for p in result.errors] == [
        ("content/stories/histoire-007.md", 2, "date")
    ]


def test_warnings_logged_while_writing_in_parallel_still_fail_a_strict_build(make_site) -> None:
    files = stories(MIN_PAGES + 5)
    files["content/stories/histoire-003.md"] = (
        "Title: Trois\nDate: 2025-01-03\n\n[lien]({filename}/stories/nexiste-pas.md)\n"
    )
    site = make(make_site, files)
    result = site.build(strict=True, COMPTOIR_WORKERS=2)
    assert not result.ok
    assert any("nexiste-pas.md" in p.message for p in result.problems)


def _frozen_in_child(_share: int, _shares: int) -> int:
    return gc.get_freeze_count()


def _frozen_in_worker(_job: int) -> int:
    return gc.get_freeze_count()


def test_forked_workers_leave_the_builds_objects_to_the_parent() -> None:
    """A child's garbage collector must not walk the objects it inherits
    (it would copy the memory they sit on): they are frozen while forking,
    and only there."""
    kept = [{"n": n} for n in range(10_000)]  # objects the parent made
    assert gc.get_freeze_count() == 0
    results, failures = fork_shares(_frozen_in_child, 2)
    assert failures == [] and all(count >= len(kept) for count in results)
    assert Forked(lambda: gc.get_freeze_count()).result() >= len(kept)
    assert all(count >= len(kept) for count in make_all(_frozen_in_worker, [1, 2, 3], 2))
    assert gc.get_freeze_count() == 0


def test_the_cycle_collector_rests_while_a_build_runs(make_site) -> None:
    site = make_site({"content/stories/un.md": "Title: Un\nDate: 2025-03-01\n\nTexte.\n"})
    during: list[bool] = []

    def note(*_args, **_kwargs) -> None:
        during.append(gc.isenabled())

    signals.finalized.connect(note)
    try:
        assert site.build().ok
    finally:
        signals.finalized.disconnect(note)
    assert during == [False]
    assert gc.isenabled()
    # Put back as it was, even after an error, and left off if it was off.
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
