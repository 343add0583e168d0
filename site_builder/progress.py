"""Progress of a long build, told to the person waiting: a live display with rich on a terminal, plain lines
(one when a step begins, one per tenth of the pages rendered) when the output is a file, a pipe or CI. The
pipeline says what happens (`step`, `advance`); only this module knows how it is shown."""

from __future__ import annotations

import os
from typing import Protocol, TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn


class Reporter(Protocol):
    def step(self, name: str) -> None:
        """A step of the build begins (ingest, load, render, search, links)."""

    def advance(self, done: int, total: int, detail: str) -> None:
        """`done` of the current step's `total` parts are finished; `detail` says what that amounts to."""

    def close(self) -> None:
        """The build is over: leave the terminal as it was."""


class Silent:
    """For callers that show nothing (tests, the library)."""

    def step(self, name: str) -> None:
        pass

    def advance(self, done: int, total: int, detail: str) -> None:
        pass

    def close(self) -> None:
        pass


class PlainLines:
    """One line when a step begins and one per tenth of a step's parts, flushed: readable in a CI log."""

    def __init__(self, stream: TextIO) -> None:
        self._stream, self._step, self._tenth = stream, "", -1

    def step(self, name: str) -> None:
        self._step, self._tenth = name, 0
        self._line(f"{name}...")

    def advance(self, done: int, total: int, detail: str) -> None:
        tenth = done * 10 // total if total else 10
        if tenth > self._tenth:
            self._tenth = tenth
            self._line(f"{self._step}: {done}/{total} ({detail})")

    def close(self) -> None:
        pass

    def _line(self, text: str) -> None:
        print(text, file=self._stream, flush=True)


class LiveDisplay:
    """rich's progress bars on a terminal: a spinner for each step, a bar while pages are rendered; the display
    is removed when the build ends, leaving only the summary the command prints."""

    def __init__(self, console: Console) -> None:
        self._progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                  MofNCompleteColumn(), TimeElapsedColumn(), console=console, transient=True)
        self._task: TaskID | None = None
        self._progress.start()

    def step(self, name: str) -> None:
        self._finish()
        self._task = self._progress.add_task(name, total=None)

    def advance(self, done: int, total: int, detail: str) -> None:
        if self._task is not None:
            description = self._progress.tasks[-1].description.split(" (", 1)[0]
            self._progress.update(self._task, completed=done, total=total, description=f"{description} ({detail})")

    def close(self) -> None:
        self._finish()
        self._progress.stop()

    def _finish(self) -> None:
        if self._task is not None:
            task = self._progress.tasks[-1]
            self._progress.update(self._task, total=task.total or 1, completed=task.total or 1)


def reporter_for(stream: TextIO) -> Reporter:
    """A live display on a terminal, plain lines elsewhere (a file, a pipe, or CI: `CI` set, as every CI sets)."""
    if stream.isatty() and not os.environ.get("CI"):
        return LiveDisplay(Console(file=stream))
    return PlainLines(stream)
