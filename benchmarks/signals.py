#!/usr/bin/env python3
"""Stop `newsclean clean --workers 2` with SIGINT and SIGTERM, many times, and check each stop.

    python benchmarks/signals.py --tries 20            # 20 SIGINT + 20 SIGTERM tries
    python benchmarks/signals.py --tries 5 --pipe      # output to a pipe nobody reads

Each try starts the real command on a JSONL file of invented texts (built from the batch test
fixtures, repeated), waits a random moment (0-1 s) after the output file appears (the workers
start then), sends the signal to
the process group (as a terminal's Ctrl-C does), and measures how long the command takes to
exit. A try passes when it exits within ``--limit`` seconds (default 10) with status 128 + the
signal, its output is whole JSON lines, and its summary says it was interrupted. With
``--pipe`` the output goes to a pipe that is never read, so the command is blocked writing
when the signal comes. Nothing is written to the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "batch"


def corpus(path: Path, n: int) -> None:
    lines = [ln for ln in (FIXTURES / "articles.jsonl").read_text("utf-8").splitlines() if ln]
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            rec = json.loads(lines[i % len(lines)])
            rec["id"] = f"doc-{i}"
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")


def one_try(src: Path, tmp: Path, signum: int, pipe: bool, limit: float, rng: random.Random):
    """(passed, seconds to exit, what went wrong)."""
    out = tmp / "out.jsonl"
    out.unlink(missing_ok=True)
    cmd = [sys.executable, "-m", "newsclean", "clean", str(src), "--workers", "2"]
    cmd += ["--chunk-size", "8", "--no-progress"]
    if not pipe:
        cmd += ["-o", str(out)]
    stdout: int | None = subprocess.PIPE if pipe else subprocess.DEVNULL
    proc = subprocess.Popen(
        cmd, stdout=stdout, stderr=subprocess.PIPE, start_new_session=True, cwd=tmp
    )
    deadline = time.monotonic() + 30
    if pipe:
        time.sleep(1.0 + rng.random())  # long enough to fill the pipe
    else:
        # the output file is opened before the workers start: the signal may come while they
        # start, while the first chunks are under way, or in the steady state
        while time.monotonic() < deadline and not out.exists():
            if proc.poll() is not None:
                break
            time.sleep(0.005)
        time.sleep(rng.random() * 1.0)
    if proc.poll() is not None:
        return False, 0.0, "the run ended before the signal: use a bigger corpus"
    sent = time.monotonic()
    os.killpg(proc.pid, signum)
    try:
        proc.wait(timeout=limit)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        return False, limit, "did not exit in time"
    took = time.monotonic() - sent
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode != 128 + signum:
        return False, took, f"exit status {proc.returncode}: {err[:1500]}"
    if "interrupted by" not in err or "Traceback" in err:
        return False, took, f"no summary or a traceback: {err[:1500]}"
    data = proc.stdout.read() if pipe and proc.stdout else out.read_bytes()
    if data and not data.endswith(b"\n"):
        return False, took, "the output ends inside a line"
    for line in data.splitlines():
        try:
            json.loads(line)
        except ValueError:
            return False, took, "the output holds a line that is not JSON"
    return True, took, ""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tries", type=int, default=20, help="tries per signal (default 20)")
    ap.add_argument("--docs", type=int, default=20_000, help="documents in the input")
    ap.add_argument("--limit", type=float, default=10.0, help="seconds allowed to exit")
    ap.add_argument("--pipe", action="store_true", help="write to a pipe nobody reads")
    ap.add_argument("--seed", type=int, default=12)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    failed = 0
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        src = tmp / "in.jsonl"
        corpus(src, args.docs)
        for signum in (signal.SIGINT, signal.SIGTERM):
            times = []
            for i in range(args.tries):
                ok, took, why = one_try(src, tmp, signum, args.pipe, args.limit, rng)
                times.append(took)
                if not ok:
                    failed += 1
                    print(f"{signal.Signals(signum).name} try {i + 1}: FAILED: {why}")
            name = signal.Signals(signum).name
            print(
                f"{name}: {args.tries} tries, {args.tries - sum(1 for t in times if t >= args.limit)}"
                f" exited within {args.limit:g} s; slowest exit {max(times):.2f} s, "
                f"median {sorted(times)[len(times) // 2]:.2f} s"
            )
    print("all passed" if not failed else f"{failed} tries failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
