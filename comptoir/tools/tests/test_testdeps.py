"""What `invoke test` installs leaves nothing running or enabled at boot."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from comptoir.tools.testdeps import PACKAGES, RECORD, SERVICES, missing

ROOT = Path(__file__).resolve().parents[3]


def test_every_package_the_tests_need_is_there() -> None:
    assert missing() == [], "run `invoke test_deps`"


def test_no_service_the_test_install_brought_is_enabled() -> None:
    """On a machine where `invoke test` installed OpenSSH's server or rsync
    (a fresh CI machine), their services are disabled: the publish tests
    start their own sshd on loopback and stop it."""
    record = ROOT / "cache" / RECORD
    if not record.is_file():
        # Nothing was installed here: every package was on the machine before.
        assert missing() == []
        return
    installed = json.loads(record.read_text(encoding="utf-8"))
    expected = [unit for package in installed["packages"] for unit in SERVICES.get(package, ())]
    assert installed["units"] == expected
    assert {package for package, _ in PACKAGES} >= set(installed["packages"])
    if shutil.which("systemctl"):
        for unit in installed["units"]:
            state = subprocess.run(
                ["systemctl", "is-enabled", unit], capture_output=True, text=True
            ).stdout.strip()
            assert state != "enabled", f"{unit} is {state}"
