"""The docxtemplater peer (benchmarks/node/dt.js) and the processes the benchmark times.

``timed()`` runs one process and returns its wall time and peak memory (``os.wait4`` gives the
child's own resource use, so one run's peak is not mixed with another's). ``Peer`` finds node
and the npm packages (installing them from package-lock.json with ``npm ci`` when npm is there
and they are not), or says why the docxtemplater rows are skipped.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

NODE_DIR = Path(__file__).resolve().parent / "node"


def timed(
    command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> tuple[float, int]:
    """Run ``command`` to its end (with ``env`` added to the environment); return (wall
    seconds, peak RSS in kB). Raises RuntimeError with its standard error if it fails."""
    environment = {**os.environ, **env} if env else None
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            command,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=err,
            env=environment,
        )
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            err.seek(0)
            raise RuntimeError(
                f"{' '.join(command[:3])} … exited {process.returncode}: "
                f"{err.read().decode(errors='replace')[-2000:]}"
            )
    return wall, usage.ru_maxrss


class Peer:
    """docxtemplater through node, or the reason it cannot run here (``missing``)."""

    def __init__(self) -> None:
        self.node = shutil.which("node")
        self.missing = self._check()

    def _check(self) -> str | None:
        if self.node is None:
            return "node is not installed"
        modules = NODE_DIR / "node_modules"
        if not (modules / "docxtemplater").is_dir() or not (modules / "pizzip").is_dir():
            npm = shutil.which("npm")
            if npm is None:
                return "npm is not installed (needed for docxtemplater and pizzip)"
            done = subprocess.run(
                [npm, "ci", "--no-audit", "--no-fund"], cwd=NODE_DIR, capture_output=True, text=True
            )
            if done.returncode != 0:
                return f"npm ci failed in benchmarks/node: {done.stderr.strip()[-300:]}"
        return None

    def versions(self) -> str:
        if self.missing:
            return f"not run ({self.missing})"
        node = subprocess.run([self.node, "--version"], capture_output=True, text=True)
        package = NODE_DIR / "node_modules" / "docxtemplater" / "package.json"
        version = json.loads(package.read_text("utf-8"))["version"]
        return f"node {node.stdout.strip()}, docxtemplater {version}"

    def command(self, count: int, data: Path, out: Path, template: Path) -> list[str]:
        """Render ``count`` documents in one node process."""
        return [self.node, str(NODE_DIR / "dt.js"), str(count), str(data), str(out), str(template)]

    def in_process(self, runs: int, data: Path, out: Path, template: Path) -> float:
        """Median seconds of one render + save inside node, after warming up."""
        done = subprocess.run(
            [
                self.node,
                str(NODE_DIR / "dt.js"),
                "--time",
                str(runs),
                str(data),
                str(out),
                str(template),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(done.stdout)["median_ms"] / 1000
