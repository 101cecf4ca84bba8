"""``invoke test``'s first step: what the tests need on the machine.

It owns the Debian packages the tests use (Chromium, Java for the Nu HTML
checker, OpenSSH's server and rsync for the publish tests, nginx for the
statistics' real logs) and the npm lock
(vnu, axe, Lighthouse). It never leaves a service enabled or running: the
tests start their own servers on loopback and stop them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

# Package -> the program showing it is there (a full path: /usr/sbin is not
# on every user's PATH).
PACKAGES = (
    ("chromium", "chromium"),
    ("default-jre-headless", "java"),
    ("openssh-server", "/usr/sbin/sshd"),
    ("rsync", "rsync"),
    ("nginx", "/usr/sbin/nginx"),
)
# What a package would start at boot; the tests run their own, on loopback.
SERVICES = {
    "openssh-server": ("ssh.service", "ssh.socket"),
    "rsync": ("rsync.service",),
    "nginx": ("nginx.service",),
}
POLICY = Path("/usr/sbin/policy-rc.d")
RECORD = "test-deps.json"  # under cache/: what this step installed, for the tests to check


def missing() -> list[str]:
    return [package for package, program in PACKAGES if shutil.which(program) is None]


def install(packages: list[str], cache: Path) -> None:
    """apt-get install ``packages`` without starting their services (a
    policy-rc.d that says no, as Debian's own container images have), then
    disable what they enabled at boot; record what was installed."""
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    ours = not POLICY.exists()
    if ours:
        script = f"printf '#!/bin/sh\\nexit 101\\n' > {POLICY} && chmod 755 {POLICY}"
        subprocess.run([*sudo, "sh", "-c", script], check=True)
    try:
        subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", *packages], check=True, env=env)
    finally:
        if ours:
            subprocess.run([*sudo, "rm", "-f", str(POLICY)], check=True)
    units = [unit for package in packages for unit in SERVICES.get(package, ())]
    for unit in units:
        if shutil.which("systemctl"):
            # Works with systemd running or not (it edits the unit links).
            subprocess.run([*sudo, "systemctl", "disable", "--quiet", unit], check=False)
        if shutil.which("update-rc.d"):
            name = unit.removesuffix(".service")
            subprocess.run(
                [*sudo, "update-rc.d", name, "disable"], check=False, capture_output=True
            )
    cache.mkdir(parents=True, exist_ok=True)
    (cache / RECORD).write_text(json.dumps({"packages": packages, "units": units}), "utf-8")


def npm_version(root: Path, name: str) -> str | None:
    """The version of an npm package installed in node_modules/, if any."""
    manifest = root / "node_modules" / name / "package.json"
    if not manifest.is_file():
        return None
    return json.loads(manifest.read_text(encoding="utf-8")).get("version")


def install_npm(root: Path) -> None:
    """Every checker pinned in package.json: a fresh clone, or a tree missing
    one or holding another version of it, gets the whole lock installed."""
    pinned = json.loads((root / "package.json").read_text(encoding="utf-8"))["devDependencies"]
    if any(npm_version(root, name) != version for name, version in pinned.items()):
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], check=True, cwd=root)
