"""The package installed from its wheel, not from this repository: built into a wheel, installed into a fresh
virtual environment outside the repository, it ingests and builds a site folder holding only content/sources/.

What a site needs by default (templates, static files, authority files) must be inside the wheel (package-data,
found with importlib.resources); this test fails when one is left outside the package. The wheel is built
without a network (the test venv has setuptools) and installed without its dependencies, which the fresh venv
borrows from the test venv through a .pth path (plain paths: the test venv's editable install is not loaded).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "content" / "sources"
pytestmark = pytest.mark.slow


def run(argv: list[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONHOME")}
    result = subprocess.run([str(a) for a in argv], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"{argv}\n{result.stdout}\n{result.stderr}"
    return result


def build_wheel(scratch: Path) -> Path:
    """A wheel of a copy of the sources (an in-tree build would leave build/ in the repository)."""
    source = scratch / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    shutil.copytree(REPO / "site_builder", source / "site_builder",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "--quiet",
         "--wheel-dir", scratch / "dist", source], cwd=scratch)
    (wheel,) = (scratch / "dist").glob("site_builder-*.whl")
    return wheel


def fresh_venv(scratch: Path, wheel: Path) -> Path:
    """A venv with the wheel installed and the test venv's dependencies on its path; returns its bin/."""
    home = scratch / "venv"
    venv.create(home, with_pip=False)
    python = home / "bin" / "python"
    run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "--quiet", wheel],
        cwd=scratch)
    purelib = Path(run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                       cwd=scratch).stdout.strip())
    (purelib / "borrowed_dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    return home / "bin"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    scratch = tmp_path_factory.mktemp("wheel")
    assert not scratch.resolve().is_relative_to(REPO)
    wheel = build_wheel(scratch)
    return wheel, fresh_venv(scratch, wheel)


def test_the_wheel_carries_the_defaults(installed: tuple[Path, Path]) -> None:
    wheel, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("site_builder/defaults/templates/base.html", "site_builder/defaults/templates/static/style.css",
                   "site_builder/defaults/entities/countries.yaml", "site_builder/preview_reload.js",
                   "site_builder/pagefind_shards.js", "site_builder/py.typed"):
        assert needed in names


def test_the_installed_package_is_the_wheel_and_finds_its_defaults(installed: tuple[Path, Path],
                                                                    tmp_path: Path) -> None:
    _, bin_dir = installed
    probe = ("import json, site_builder, site_builder.config as c; print(json.dumps([site_builder.__file__,"
             " str(c.BUILTIN_TEMPLATES), str(c.BUILTIN_ENTITIES)]))")
    where = [Path(p) for p in json.loads(run([bin_dir / "python", "-c", probe], cwd=tmp_path).stdout)]
    for path in where:
        assert path.is_relative_to(bin_dir.parent) and not path.is_relative_to(REPO)
    assert (where[1] / "article.html").is_file() and (where[2] / "people.yaml").is_file()


def test_a_site_of_only_sources_is_ingested_tagged_and_built(installed: tuple[Path, Path], tmp_path: Path) -> None:
    _, bin_dir = installed
    site = tmp_path / "site"
    (site / "content" / "sources").mkdir(parents=True)
    shutil.copy(SEEDS / "002_75690c72a749e123.txt", site / "content" / "sources")
    out = run([bin_dir / "site-builder", "build", "--site", site], cwd=tmp_path).stdout
    assert "built " in out
    articles = sorted((site / "content" / "articles").rglob("*.md"))
    assert articles
    assert any("\ncountries:\n- " in a.read_text(encoding="utf-8") or "\ncountries: [" in a.read_text(
        encoding="utf-8") for a in articles), "ingest tagged no country: the authority files were not found"
    public = site / "public"
    assert (public / "index.html").is_file()
    assert (public / "countries" / "index.html").is_file()
    assert (public / "static" / "style.css").is_file()
    assert (public / "pagefind" / "shards.json").is_file()
    assert len(list((public / "articles").rglob("index.html"))) >= len(articles)


def test_the_readme_deploy_step_builds_this_archive_strictly(installed: tuple[Path, Path], tmp_path: Path) -> None:
    """README's deploy workflow: `pip install .` then `site-builder build --strict` in the site folder."""
    _, bin_dir = installed
    site = tmp_path / "archive"
    shutil.copytree(REPO / "content", site / "content")
    shutil.copy(REPO / "site.toml", site / "site.toml")
    assert not (site / "templates").exists() and not (site / "content" / "entities").exists()
    run([bin_dir / "site-builder", "build", "--strict"], cwd=site)
    assert (site / "public" / "about" / "index.html").is_file()
    assert (site / "public" / "countries" / "kazakhstan" / "index.html").is_file()
