"""The command line: exit codes 0 ok, 1 content errors, 2 bad usage or configuration, and what it prints."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from site_builder.cli import main
from site_builder.config import settings_markdown
from site_builder.documents import render_article
from site_builder.model import Article
from site_builder.render.write import build_lock

ArticleFactory = Callable[..., Article]


@pytest.fixture
def site(bare_site: Path, make_article: ArticleFactory) -> Path:
    for article in (make_article(path="content/articles/2017/one.md", slug="one", source=None),
                    make_article(path="content/articles/2018/two.md", slug="two", date="2018-03", source=None)):
        (bare_site / article.path).parent.mkdir(parents=True, exist_ok=True)
        (bare_site / article.path).write_text(render_article(article), encoding="utf-8")
    return bare_site


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_build_ok(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "build", "--site", str(site), "--no-search")
    assert code == 0, err
    assert "ingest: 0 source(s) read" in out
    assert "built 2 articles into" in out
    assert (site / "public" / "articles" / "2017" / "one" / "index.html").is_file()
    progress = err.splitlines()  # not a terminal: plain progress lines, on stderr so stdout stays the summary
    assert [line for line in progress if line.endswith("...")] == ["ingest...", "load...", "render...", "search...",
                                                                   "links..."]
    assert any(line.startswith("render: ") and line.endswith(" pages)") for line in progress)


def test_build_into_another_folder_with_another_base_url(site: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tmp_path / "dist"
    code, _, err = run(capsys, "build", "--site", str(site), "--out", str(out_dir), "--base-url",
                       "https://example.org/archive/", "--no-search")
    assert code == 0, err
    assert 'href="/archive/articles/2017/one/"' in (out_dir / "index.html").read_text(encoding="utf-8")
    assert not (site / "public").exists()


def test_config_errors_are_all_reported_with_exit_code_2(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "site.toml").write_text('titel = "x"\nfeed_size = "many"\nbase_url = "example.org"\n', encoding="utf-8")
    for command in ("build", "check", "ingest"):
        code, _out, err = run(capsys, command, "--site", str(site))
        assert code == 2
        assert err.startswith("error: ")
        assert "3 problem(s)" in err
        assert "unknown setting 'titel' (did you mean 'title'?)" in err
        assert "'feed_size' should be int, found 'many'" in err
        assert "'base_url' should be an absolute http(s) URL" in err
        assert "hint: see docs/settings.md" in err
    assert not (site / "public").exists()


def test_missing_site_folder_is_exit_code_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "build", "--site", str(tmp_path / "nowhere"))
    assert code == 2
    assert "site folder" in err and "does not exist" in err and "hint:" in err


@pytest.mark.parametrize("argv", [[], ["publish"], ["build", "--colour"], ["serve", "--port", "eighty"]])
def test_bad_usage_is_exit_code_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    assert "usage: site-builder" in capsys.readouterr().err


def test_broken_article_is_exit_code_1_and_names_file_and_line(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "content" / "articles" / "2017" / "bad.md").write_text(
        "---\ntitle: Bad\nslug: bad\ndate: 2017-02-30\n---\nbody\n", encoding="utf-8")
    for command in (["build", "--no-search"], ["check"]):
        code, _out, err = run(capsys, *command, "--site", str(site))
        assert code == 1
        assert "content/articles/2017/bad.md:4: error: not a calendar date" in err
    assert (site / "public" / "articles" / "2017" / "one" / "index.html").is_file()  # the rest was built


def test_strict_turns_warnings_into_exit_code_1(site: Path, make_article: ArticleFactory,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    typo = make_article(path="content/articles/2017/typo.md", slug="typo", countries=("Kazakstan",), source=None)
    (site / typo.path).write_text(render_article(typo), encoding="utf-8")
    code, _, err = run(capsys, "build", "--site", str(site), "--no-search")
    assert code == 0
    assert "content/articles/2017/typo.md: warning: 'countries' names 'Kazakstan'" in err
    code, _, _ = run(capsys, "build", "--site", str(site), "--no-search", "--strict")
    assert code == 1


def test_check_ok(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", "--site", str(site))
    assert code == 0, err
    assert out.strip() == "check: 0 error(s), 0 warning(s)"


def test_ingest_ok(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "ingest", "--site", str(site))
    assert code == 0
    assert out.startswith("ingest: 0 source(s) read; 0 article(s) written")


def test_a_concurrent_build_is_refused_with_exit_code_2(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with build_lock(site.resolve() / "public"):
        code, _, err = run(capsys, "build", "--site", str(site), "--no-search")
    assert code == 2
    assert "another build is writing" in err and "hint:" in err
    assert run(capsys, "build", "--site", str(site), "--no-search")[0] == 0


def test_settings_prints_the_generated_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "settings")
    assert (code, out) == (0, settings_markdown())


def test_help_lists_commands_and_settings(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--help"])
    out = capsys.readouterr().out
    assert caught.value.code == 0
    for word in ("ingest", "build", "serve", "check", "base_url", "paths.output"):
        assert word in out


def test_console_script_exit_code(tmp_path: Path) -> None:
    """The installed entry point passes main()'s return value to the shell."""
    result = subprocess.run([sys.executable, "-m", "site_builder", "build", "--site", str(tmp_path / "nowhere")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "does not exist" in result.stderr


def test_ctrl_c_exits_130_as_shells_expect(site: Path, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_args: object, **_kwargs: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr("site_builder.pipeline.build", interrupted)
    code, _out, err = run(capsys, "build", "--site", str(site), "--no-search")
    assert (code, err) == (130, "interrupted\n")


def test_a_reader_that_leaves_the_pipe_is_no_traceback() -> None:
    """`site-builder ingest | head -1`: the pipe closes while the command still prints. (The sandbox this runs in
    does not report a closed pipe to the writer, so the print raises what the OS would make it raise.)"""
    script = ("import sys, site_builder.cli as cli\n"
              "def closed():\n    print('a partial line', end='')\n    raise BrokenPipeError(32, 'Broken pipe')\n"
              "cli.settings_markdown = closed\nsys.exit(cli.main(['settings']))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stderr) == (1, "")
