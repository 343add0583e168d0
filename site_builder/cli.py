"""Command line: arguments in, exit codes out; the work happens in pipeline and serve."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from site_builder import __version__, pipeline
from site_builder.config import SETTINGS, Config, load_config, settings_markdown
from site_builder.errors import ConfigError, ExitCode, Problem, SiteError, file_system_error
from site_builder.progress import reporter_for


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except SiteError as error:
        print(f"error: {error}", file=sys.stderr)
        return int(error.exit_code)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return int(ExitCode.INTERRUPTED)
    except BrokenPipeError:
        # `site-builder ingest | head`: the reader left. Say nothing more (stdout is gone), and keep Python from
        # complaining again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return int(ExitCode.CONTENT)
    except OSError as os_error:  # one the pipeline did not name (reading the settings, say)
        named = file_system_error(os_error)
        print(f"error: {named}", file=sys.stderr)
        return int(named.exit_code)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="site-builder", description=__doc__,
                                     epilog=_settings_epilog(), formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"site-builder {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    ingest = _command(commands, "ingest", "sources -> content/articles (new / updated / kept / failed)", _ingest)
    build = _command(commands, "build", "ingest, render and index the site", _build)
    for command in (ingest, build):
        command.add_argument("--wait", action="store_true",
                             help="if another build or ingest of the site runs, wait for it (default: refuse)")
    build.add_argument("--out", help="output folder (default: paths.output of site.toml, 'public')")
    build.add_argument("--strict", action="store_true", help="treat warnings as errors (exit code 1)")
    build.add_argument("--base-url", help="override base_url for this build")
    build.add_argument("--no-search", action="store_true", help="skip the Pagefind index")
    serve = _command(commands, "serve", "build, serve on 127.0.0.1 and rebuild on change", _serve)
    serve.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000; 0 picks one)")
    _command(commands, "check", "front matter, entities, internal links and anchors", _check)
    settings = commands.add_parser("settings", help="print every site.toml setting as Markdown")
    settings.set_defaults(handler=lambda _args: print(settings_markdown(), end="") or 0)
    return parser


def _command(commands: argparse._SubParsersAction[argparse.ArgumentParser], name: str, help_text: str,
             handler: object) -> argparse.ArgumentParser:
    command = commands.add_parser(name, help=help_text, description=help_text)
    command.add_argument("--site", default=".", help="site folder (default: the current folder)")
    command.set_defaults(handler=handler)
    return command


def _settings_epilog() -> str:
    return "\n".join(["settings (site.toml):"] + [f"  {s.key:<18} {s.help}" for s in SETTINGS])


def _config(args: argparse.Namespace) -> Config:
    site = Path(args.site)
    if not site.is_dir():
        raise ConfigError(f"site folder {site} does not exist", hint="pass --site with a folder that has content/")
    config = load_config(site)
    out = getattr(args, "out", None)
    return config.with_overrides(output=Path(out) if out else None, base_url=getattr(args, "base_url", None))


def _ingest(args: argparse.Namespace) -> int:
    report = pipeline.ingest(_config(args), wait=args.wait)
    print(report.summary())
    return int(ExitCode.CONTENT if report.failed else ExitCode.OK)


def _build(args: argparse.Namespace) -> int:
    config, progress = _config(args), reporter_for(sys.stderr)  # rich on a terminal, plain lines elsewhere
    try:
        result = pipeline.build(config, search=not args.no_search, wait=args.wait, progress=progress)
    finally:
        progress.close()
    if result.ingest:
        print(result.ingest.summary())
    _print_problems(result.problems)
    searched = f", {result.search.reused} of {result.search.shards} search shards unchanged" if result.search else ""
    print(f"built {result.articles} articles into {result.files} files ({result.reused} pages unchanged{searched})"
          f"  [{result.timings}]")
    return int(ExitCode.CONTENT if result.failed(args.strict) else ExitCode.OK)


def _check(args: argparse.Namespace) -> int:
    problems = pipeline.check(_config(args))
    _print_problems(problems)
    print(f"check: {sum(p.is_error for p in problems)} error(s), {sum(not p.is_error for p in problems)} warning(s)")
    return int(ExitCode.CONTENT if any(p.is_error for p in problems) else ExitCode.OK)


def _serve(args: argparse.Namespace) -> int:
    from site_builder.serve import serve

    return serve(_config(args), args.port)


def _print_problems(problems: Sequence[Problem]) -> None:
    for problem in sorted(problems):
        print(problem, file=sys.stderr)
