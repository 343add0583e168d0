"""Run one command as a child process and measure it: wall time, CPU time and peak memory.

Peak memory is reported two ways: the kernel's peak RSS of the largest single process in the tree (from
wait4's rusage, which folds in waited-for grandchildren such as Pagefind), and the peak of the summed RSS of
the whole process tree, sampled every 50 ms from /proc (what matters when worker processes run at once).
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

SAMPLE_SECONDS = 0.05


@dataclass(frozen=True)
class Measurement:
    name: str
    command: list[str]
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float  # largest single process
    peak_tree_mb: float  # sampled sum over the process tree
    returncode: int
    output_tail: str
    load_before: float  # 1-minute load average when the step started: above ~0.5 others were busy too

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    @property
    def peak_mb(self) -> float:
        return max(self.peak_rss_mb, self.peak_tree_mb)

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["peak_mb"] = round(self.peak_mb, 1)
        return data


def run(name: str, command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None,
        log: Path | None = None) -> Measurement:
    """Run `command` to completion and measure it; its output goes to `log` (or is kept in memory)."""
    load_before = round(os.getloadavg()[0], 2)
    started = time.perf_counter()
    with open(log or os.devnull, "w") as sink:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=sink, stderr=subprocess.STDOUT)
        sampler = _TreeSampler(process.pid)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        sampler.stop()
    tail = _tail(log) if log else ""
    return Measurement(name, command, round(seconds, 3), round(usage.ru_utime + usage.ru_stime, 3),
                       round(usage.ru_maxrss / 1024, 1), round(sampler.peak_bytes / 2**20, 1),
                       process.returncode, tail, load_before)


def _tail(log: Path, lines: int = 15) -> str:
    try:
        return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


class _TreeSampler:
    """Samples the summed RSS of a process and all its descendants until stopped."""

    def __init__(self, root: int) -> None:
        self.root, self.peak_bytes = root, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._page = os.sysconf("SC_PAGE_SIZE")

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.peak_bytes = max(self.peak_bytes, self._tree_rss())
            self._stop.wait(SAMPLE_SECONDS)

    def _tree_rss(self) -> int:
        parents = _parent_ids()
        tree, pending = {self.root}, [self.root]
        while pending:
            pid = pending.pop()
            for child, parent in parents.items():
                if parent == pid and child not in tree:
                    tree.add(child)
                    pending.append(child)
        return sum(self._rss(pid) for pid in tree)

    def _rss(self, pid: int) -> int:
        try:
            with open(f"/proc/{pid}/statm") as handle:
                return int(handle.read().split()[1]) * self._page
        except (OSError, ValueError, IndexError):
            return 0


def _parent_ids() -> dict[int, int]:
    """pid -> parent pid of every process (from /proc/PID/stat; the name may hold spaces and parentheses)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                stat = handle.read()
            parents[int(entry)] = int(stat[stat.rindex(")") + 2:].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    return parents


def machine() -> dict[str, Any]:
    """Cores, Python version, CPU model and memory of this machine."""
    import platform

    return {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpu": _cpu_model(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
    }


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"
