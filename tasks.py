"""The owner's commands: ``invoke --list`` shows them, ``invoke --help NAME`` explains one."""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from invoke import task

from comptoir.core.i18n import N_, language
from comptoir.tools.bench import OPTIONS as BENCH_OPTIONS
from comptoir.tools.stats.config import OPTIONS as STATS_OPTIONS

ROOT = Path(__file__).resolve().parent
SETTINGS = ROOT / "pelicanconf.py"
PUBLISH_SETTINGS = ROOT / "publishconf.py"


def _site_language() -> str:
    """The site's language for the commands' help, read from pelicanconf.py
    without running it (``invoke --list`` must answer even when it is broken)."""
    try:
        text = SETTINGS.read_text(encoding="utf-8")
    except OSError:
        return "fr"
    found = re.search(r"^DEFAULT_LANG\s*=\s*[\"']([a-zA-Z]{2})[\"']", text, re.M)
    return found.group(1).lower() if found else "fr"


# The commands' help (``invoke --list``, ``invoke --help NAME``) in the site's language.
WORDS = language({"DEFAULT_LANG": _site_language(), "THEME": str(ROOT / "theme")})


def described(summary: str):
    """Give a task its help line, in the site's language (``summary`` is a msgid)."""

    def set_doc(body):
        body.__doc__ = WORDS.gettext(summary)
        return body

    return set_doc


def helps(options: dict[str, str]) -> dict[str, str]:
    """Each option's help, in the site's language."""
    return {name: WORDS.gettext(text) for name, text in options.items()}


def _(settings: dict, message: str, **values: str) -> str:
    """A message for the owner, in the site's language."""
    from comptoir.core.i18n import site_gettext

    return site_gettext(settings, message, **values)


def _settings() -> dict:
    """The site's settings, or a clear exit if pelicanconf.py has a typo."""
    from comptoir.core.build.driver import SettingsFileError, read_settings_file

    try:
        return read_settings_file(SETTINGS)
    except SettingsFileError as error:
        where = f"pelicanconf.py:{error.line}" if error.line else "pelicanconf.py"
        sys.exit(
            f"{where}: "
            + _(
                {"DEFAULT_LANG": "fr"},
                "Python cannot read this file: %(detail)s",
                detail=error.detail,
            )
        )


@contextlib.contextmanager
def _owner_errors() -> Iterator[None]:
    """An owner's error (a tool's OwnerError) as a message and exit 1, no traceback."""
    from comptoir.core.i18n import OwnerError

    try:
        yield
    except OwnerError as error:
        sys.exit(error.translated(_settings()))


def _print_done(done) -> None:
    """A tool's lines (``done.ok``, ``done.lines``); exit 1 if it failed."""
    for line in done.lines:
        print(line, file=sys.stdout if done.ok else sys.stderr)
    if not done.ok:
        sys.exit(1)


def _print_result(result) -> None:
    for problem in result.problems:
        print(problem.format(), file=sys.stderr)
    print(result.summary, file=sys.stdout if result.ok else sys.stderr)
    if not result.ok:
        sys.exit(1)


@task(
    help=helps(
        {
            "strict": N_("also run `invoke check`, and count warnings as errors"),
            "preview": N_("also build drafts, marked"),
        }
    )
)
@described(N_("Build the site into output/ (the previous site stays if anything fails)."))
def build(c, strict=False, preview=False):
    from comptoir.core.build import build_apart as run_build

    overrides = {"COMPTOIR_PREVIEW": True} if preview else None
    _print_result(
        run_build(SETTINGS, strict=strict, check=strict, overrides=overrides, skip_unchanged=True)
    )


@task(
    help=helps(
        {
            "strict": N_("fail on warnings too (as publish does)"),
            "online": N_("also check links to other sites (needs the internet)"),
        }
    )
)
@described(
    N_("Tell what would hurt readers or search engines, file by file (output/ is left as it was).")
)
def check(c, strict=False, online=False):
    from comptoir.core.build import build as run_build
    from comptoir.plugins.check import format_findings

    result = run_build(SETTINGS, check=True, online=online, dry=True)
    printed = format_findings(
        result.problems, result.settings, result.stats.get("checked", 0), strict=strict
    )
    for line in printed.lines:
        print(line)
    print(printed.summary)
    sys.exit(printed.exit_code)


@task(
    help=helps(
        {
            "dry-run": N_("show what would be sent and deleted; change nothing online"),
            "force": N_("publish even if many live pages would be deleted"),
        }
    )
)
@described(N_("Build with publishconf.py, check, and put the site online (see README)."))
def publish(c, dry_run=False, force=False):
    from comptoir.tools.publish import publish as run_publish

    done = run_publish(PUBLISH_SETTINGS, dry_run=dry_run, force=force)
    done.lines.append(done.summary)
    _print_done(done)


@task(
    help=helps(
        {
            "send": N_("send it for real (without: only a preview, nothing sent)"),
            "open": N_("open the preview in the browser"),
        }
    )
)
@described(N_("Preview the letter of what is new (digest/), or send it with --send."))
def digest(c, send=False, open=False):
    from comptoir.tools.digest.run import preview, send_digest

    with _owner_errors():
        if send:
            done = send_digest(PUBLISH_SETTINGS)
        else:
            done, written = preview(PUBLISH_SETTINGS, ROOT / "digest")
            done.lines += [str(path.relative_to(ROOT)) for path in written]
            if open and written:
                import webbrowser

                webbrowser.open(written[0].resolve().as_uri())
    _print_done(done)


# The logs come after "--" (`invoke stats -- logs/access.log*`): invoke's
# parser gives a task one value per positional, the remainder takes any number.
@task(iterable=["site"], help=helps(STATS_OPTIONS))
@described(
    N_(
        "Count visits, readers and subscribers from the server's logs into rapport/: "
        "`invoke stats -- LOG...` or `invoke stats --fetch`."
    )
)
def stats(c, out="rapport", since="", until="", site=None, format="", fetch=False):
    import shlex

    from comptoir.tools.stats.run import Options
    from comptoir.tools.stats.run import stats as run_stats

    names = shlex.split(c.remainder or "")
    options = Options(names, ROOT / out, since, until, tuple(site or ()), format, fetch)
    with _owner_errors():
        done = run_stats(PUBLISH_SETTINGS, options)
    _print_done(done)


@task
@described(N_("Put the previous release back online (rsync releases mode)."))
def rollback(c):
    from comptoir.tools.publish.rollback import rollback as run_rollback

    ok, message = run_rollback(PUBLISH_SETTINGS)
    print(message, file=sys.stdout if ok else sys.stderr)
    if not ok:
        sys.exit(1)


def _free_port(settings: dict, port: int, command: str) -> None:
    """Exit with a clear message if ``port`` is taken, before building anything."""
    from comptoir.tools.preview.server import port_taken

    if port_taken(port):
        sys.exit(
            _(
                settings,
                "Port %(port)s is already used on this computer (another `invoke serve` or "
                "`invoke livereload`?): stop it, or choose another port, like "
                "`invoke %(command)s --port %(other)s`.",
                port=str(port),
                command=command,
                other=str(port + 1),
            )
        )


@task(help=helps({"port": N_("port on 127.0.0.1 (default 8000)")}))
@described(N_("Serve the built site at http://127.0.0.1:8000/ (this computer only)."))
def serve(c, port=8000):
    from comptoir.tools.preview import serve as run_serve

    settings = _settings()
    output = Path(settings["OUTPUT_PATH"]).resolve()
    if not output.is_dir():
        sys.exit(_(settings, "Nothing to serve yet: run `invoke build` first."))
    _free_port(settings, int(port), "serve")
    run_serve(output, int(port))


@task(
    help=helps(
        {"port": N_("port on 127.0.0.1 (default 8000)"), "drafts": N_("show drafts (default yes)")}
    )
)
@described(N_("Build, serve, and rebuild + refresh the browser on every save."))
def livereload(c, port=8000, drafts=True):
    from comptoir.tools.preview import livereload as run_livereload

    _free_port(_settings(), int(port), "livereload")
    run_livereload(ROOT, int(port), preview=drafts)


@task(
    help=helps(
        {
            "kind": N_("story, tutorial, testimonial or page"),
            "title": N_("the title (for a testimonial: the customer's name)"),
        }
    )
)
@described(N_("Start a new file with today's date and the keys to fill in."))
def new(c, kind, title):
    from comptoir.tools.write.new import NewContentError, new_file

    settings = _settings()
    try:
        path = new_file(ROOT, settings, kind, title)
    except NewContentError as error:
        sys.exit(str(error))
    print(path.relative_to(ROOT))


@task
@described(N_("Give every content file without an Id one (feed readers know an item by it)."))
def ids(c):
    from comptoir.tools.write.ids import add_ids

    settings = _settings()
    outcome = add_ids(settings)
    for path in outcome.added:
        print(_(settings, "Id added to %(path)s.", path=os.path.relpath(path, ROOT)))
    for path in outcome.unreadable:
        print(
            _(
                settings,
                "%(path)s is not saved as UTF-8 text: save it again as UTF-8, "
                "then run `invoke ids` again.",
                path=os.path.relpath(path, ROOT),
            ),
            file=sys.stderr,
        )
    if outcome.unreadable:
        sys.exit(1)
    if not outcome.added:
        print(_(settings, "Every file already has an Id."))


@task
@described(N_("Delete output/ — only if Comptoir made it."))
def clean(c):
    from comptoir.core.build import clean as run_clean

    settings = _settings()
    output = Path(settings["OUTPUT_PATH"]).resolve()
    with _owner_errors():
        removed = run_clean(output, ROOT)
    if removed:
        print(_(settings, "Deleted %(path)s.", path=str(output)))
    else:
        print(_(settings, "Nothing to delete."))


@task
@described(N_("Refresh the translation catalogs after changing a message or template."))
def i18n(c):
    from comptoir.core.i18n.extract import update_catalogs

    for path in update_catalogs(ROOT):
        print(f"updated {path.relative_to(ROOT)}")


@task
@described(
    N_("Install what the tests need: Chromium, Java, vnu, axe, Lighthouse, sshd, rsync, nginx.")
)
def test_deps(c):
    from comptoir.tools import testdeps

    missing = testdeps.missing()
    if missing:
        testdeps.install(missing, ROOT / "cache")
    testdeps.install_npm(ROOT)


@task(pre=[test_deps], help=helps({"k": N_("only tests matching this expression")}))
@described(N_("Run the whole test suite (installs its browser and checkers first)."))
def test(c, k=""):
    from comptoir.tools.testrun import run_suite

    run_suite(c.run, sys.executable, k)


@task
@described(N_("Rewrite the tests' golden files from the current output (review the diff!)."))
def goldens(c):
    c.run(f"{sys.executable} -m pytest -q -n 2", env={"COMPTOIR_UPDATE_GOLDENS": "1"}, pty=False)
    c.run("git status --short tests/golden", pty=False)


@task
@described(N_("Take the README's screenshots of the example site, on a phone and a desktop."))
def screenshots(c):
    from comptoir.tools.screenshots import screenshots as run_screenshots

    with _owner_errors():
        written = run_screenshots(SETTINGS, ROOT / "docs" / "screenshots")
    for path in written:
        print(path.relative_to(ROOT))


@task
@described(
    N_("Draw the example site's illustrations (content/illustrations/*.svg) as JPEG covers.")
)
def illustrations(c):
    from comptoir.tools.illustrations import render_all

    content = ROOT / "content"
    with _owner_errors():
        written = render_all(content / "illustrations", content / "images")
    for path in written:
        print(path.relative_to(ROOT))


@task(help=helps(BENCH_OPTIONS))
@described(N_("Benchmark against stock Pelican on a synthetic corpus; save to benchmarks/."))
def bench(
    c, stories="1000", photos=200, livereload=True, part="all", log_lines=1_000_000, rounds=3
):
    from comptoir.tools.bench.run import run_parts

    with _owner_errors():
        lines = run_parts(
            ROOT, part, str(stories), int(photos), livereload, int(log_lines), int(rounds)
        )
    print("\n".join(lines))
