"""Profile our build with cProfile, timed by CPU time (time.process_time): on a shared, loaded machine a
wall-clock profiler mostly measures the wait for a core.

Three profiles of the real-shaped archive, one report: the full build with search, then on that built site a
rebuild after a body edit and one after a retitle (the editor's loop). The render runs in one process here
(os.cpu_count() reads 1), so its Jinja, Markdown and file work show up instead of a wait for the workers;
Pagefind runs in its own processes, so its work is not in these profiles: the `search` step our build prints,
and the CPU seconds of the benchmark's table, show it. cProfile's own cost per call inflates call-heavy code
(Jinja) against the rest; read the shares, not the seconds.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import loop

BOOT = """import cProfile, io, os, pstats, sys, time
os.cpu_count = lambda: 1  # serial render: the profile sees the work, not a wait for forked workers
from site_builder.cli import main
target = sys.argv.pop(1)
profile = cProfile.Profile(time.process_time)
code = profile.runcall(main, sys.argv[1:])
text = io.StringIO()
stats = pstats.Stats(profile, stream=text).strip_dirs()
stats.sort_stats("cumulative").print_stats(45)
stats.sort_stats("tottime").print_stats(30)
with open(target, "w", encoding="utf-8") as out:
    out.write(text.getvalue())
sys.exit(code)
"""


def profile_build(ingested_site: Path, run_dir: Path, report_file: Path, search: bool = True) -> Path:
    """Profile a full build of a fresh copy of the ingested site, then a body edit and a retitle rebuild."""
    site, out = run_dir / "ours-profile", run_dir / "out-profile"
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(ingested_site, site, symlinks=True)
    boot = run_dir / "profile_boot.py"
    boot.write_text(BOOT, encoding="utf-8")
    build = ["build", "--site", str(site), "--out", str(out), *([] if search else ["--no-search"])]
    sections = []
    for title, edit in (("full build with search (serial render)", None),
                        ("rebuild after editing one article's body", loop.edit_body),
                        ("rebuild after retitling one article (serial render)", loop.retitle)):
        did = edit(site) if edit else "a fresh copy of the ingested archive"
        text = _profile(boot, build, run_dir / "profile.txt")
        sections.append(f"## {title}: {did}\n\n{text}")
        print(f"profiled: {title}", flush=True)
    report_file.parent.mkdir(parents=True, exist_ok=True)
    report_file.write_text("\n\n".join(sections), encoding="utf-8")
    print(f"profile written to {report_file}")
    return report_file


def _profile(boot: Path, build: list[str], target: Path) -> str:
    subprocess.run([sys.executable, str(boot), str(target), *build], check=False, stdout=subprocess.DEVNULL)
    return target.read_text(encoding="utf-8") if target.is_file() else "(no profile: the build failed)"
