"""Profile our build with pyinstrument (a statistical profiler: low overhead, whole call stacks)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import peers


def profile_build(pristine_site: Path, run_dir: Path, report_file: Path, search: bool = False) -> Path:
    """Run `site-builder build` under pyinstrument on a fresh copy of the site; write a text report.

    Only the main process is sampled: Pagefind (a subprocess) and any worker processes show up as the time
    the main process spends waiting for them.
    """
    peers.ensure_pyinstrument()
    site = run_dir / "ours-profile"
    out = run_dir / "out-profile"
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(pristine_site, site)
    report_file.parent.mkdir(parents=True, exist_ok=True)
    build = ["build", "--site", str(site), "--out", str(out), *([] if search else ["--no-search"])]
    session = run_dir / "profile.pyisession"
    command = [sys.executable, "-m", "pyinstrument", "--renderer", "session", "--outfile", str(session),
               "-m", "site_builder", *build]
    print(f"profiling: {' '.join(command)}", flush=True)
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    for renderer, target in (("text", report_file), ("html", run_dir / f"{report_file.stem}.html")):
        subprocess.run([sys.executable, "-m", "pyinstrument", "--load", str(session), "--renderer", renderer,
                        "--outfile", str(target)], check=True)
    print(f"profile written to {report_file}")
    return report_file
