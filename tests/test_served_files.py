"""Every file of a built site can be read by the web server that serves
it. The photos' sizes and the share cards are written aside first, in a
temporary file that only its owner may read (0600): they must be made
readable before they land, or a site copied to a web root as it is would
answer 403 for every image."""

from pathlib import Path


def test_every_file_of_the_site_is_readable_by_the_web_server(example_output: Path) -> None:
    files = [path for path in example_output.rglob("*") if path.is_file()]
    unreadable = [str(p.relative_to(example_output)) for p in files if not p.stat().st_mode & 0o004]
    assert unreadable == []
    # The example has what is written aside: the photos' sizes and the cards.
    assert any(example_output.glob("social/*.jpg"))
    assert any(example_output.glob("media/images/*.webp"))
