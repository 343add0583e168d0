"""Run one command as a child process and measure it: wall time, CPU time and peak memory.

Peak memory is reported three ways: the kernel's peak RSS of the largest single process in the tree (from
wait4's rusage, which folds in waited-for grandchildren such as Pagefind), and, sampled every 50 ms from /proc,
the peak of the summed RSS and of the summed PSS of the whole process tree (what matters when worker processes
run at once). Forked workers share their parent's pages until they write to them, and RSS counts a shared page
in every process that maps it; PSS counts it once, split between them, so the summed PSS is the memory the
tree actually takes, and the summed RSS an upper bound.
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
    peak_tree_mb: float  # sampled sum of RSS over the process tree (shared pages counted in each process)
    returncode: int
    output_tail: str
    load_before: float  # 1-minute load average when the step started: above ~0.5 others were busy too
    peak_tree_pss_mb: float = 0.0  # sampled sum of PSS over the process tree (shared pages counted once)

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    @property
    def peak_mb(self) -> float:
        """The memory the step needed: its largest process, or its whole tree with shared pages counted once."""
        return max(self.peak_rss_mb, self.peak_tree_pss_mb)

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
                       process.returncode, tail, load_before, round(sampler.peak_pss_bytes / 2**20, 1))


def _tail(log: Path, lines: int = 15) -> str:
    try:
        return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


class _TreeSampler:
    """Samples the summed RSS and PSS of a process and all its descendants until stopped."""

    def __init__(self, root: int) -> None:
        self.root, self.peak_bytes, self.peak_pss_bytes = root, 0, 0
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
            tree = self._tree()
            self.peak_bytes = max(self.peak_bytes, sum(self._rss(pid) for pid in tree))
            self.peak_pss_bytes = max(self.peak_pss_bytes, sum(_pss(pid) for pid in tree))
            self._stop.wait(SAMPLE_SECONDS)

    def _tree(self) -> set[int]:
        parents = _parent_ids()
        tree, pending = {self.root}, [self.root]
        while pending:
            pid = pending.pop()
            for child, parent in parents.items():
                if parent == pid and child not in tree:
                    tree.add(child)
                    pending.append(child)
        return tree

    def _rss(self, pid: int) -> int:
        try:
            with open(f"/proc/{pid}/statm") as handle:
                return int(handle.read().split()[1]) * self._page
        except (OSError, ValueError, IndexError):
            return 0


def _pss(pid: int) -> int:
    """Proportional set size in bytes (0 once the process is gone)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
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
