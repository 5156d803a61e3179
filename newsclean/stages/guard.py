"""Never raise for content: a stage that fails on one document is skipped, not fatal.

Page content is whatever the web serves, so a bug that some byte sequence triggers in a stage
(or in lxml, or in a library under it) must cost that stage's work on that document, not the
document: :func:`run_stage` runs one stage, and on an exception leaves a warning naming the
stage and the error, and hands back a default so the next stage gets what it expects. A warning
of this kind is a bug report: please send the document that caused it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def run_stage(
    warnings: list[str], name: str, fn: Callable[..., T], *args: Any, default: T, **kwargs: Any
) -> T:
    """``fn(*args, **kwargs)``, or ``default`` plus a warning when it raises.

    KeyboardInterrupt and SystemExit are not caught: a user's Ctrl-C must still stop the run.
    """
    try:
        return fn(*args, **kwargs)
    except Exception as e:  # the point: any failure degrades to a warning
        warnings.append(failure_note(name, e))
        return default


def failure_note(name: str, error: BaseException) -> str:
    """The warning for a stage that failed: which one, and the error, shortened."""
    message = " ".join(str(error).split())
    if len(message) > 160:
        message = message[:157] + "..."
    detail = f"{type(error).__name__}: {message}" if message else type(error).__name__
    return (
        f"internal error in stage {name} ({detail}); the stage was skipped for this document "
        "(a bug in newsclean: please report it with the document)"
    )
