"""Acceptance for hostile input (issue 17): one batch of good and hostile files through the CLI.

The batch: the five seed plans, a PDF whose one stream inflates to 2 GB, an honest .docx zip
bomb (2 GB of paragraphs), a .docx with 20 MB of paragraphs, HTML nested 60,000 deep, a
100,000-page PDF, and plans named in cp1258 bytes, inside a folder "[" (so the path holds
"[/x]") and with a tab.  ``citegraph ingest`` runs as a child with the default limits; the
memory of its whole process tree (parent + workers) is sampled every 50 ms.  Then ``show`` and
``trace`` run on the store.  Baseline (same run): the five seed plans alone.

    python benchmarks/hostile_ingest.py

Passes when the batch takes < 120 s and < 1.5 GB, every bad file is named with a reason, every
good file is stored, and show/trace exit 0.  Last line: JSON.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

from _common import report  # noqa: E402
from tests.security.hostile_files import (cp1258_name, deep_html, docx_bomb, pdf_pages,  # noqa: E402
                                          pdf_stream_bomb, plan_text, write_named)

SEEDS = ROOT.parent / "shared" / "seeds"
MB = 1024 * 1024
CLI = [sys.executable, "-c", "from graph.cli import main; main()"]


def build(folder: Path) -> tuple[list[str], list[str]]:
    """Write the batch; returns (good names, bad names)."""
    good = []
    for f in sorted(SEEDS.glob("*.txt")):
        shutil.copy(f, folder / f.name)
        good.append(f.name)
    good += [os.fsdecode(Path(write_named(folder, cp1258_name("Kế hoạch số 801.txt"), plan_text(801))).name),
             Path(write_named(folder, "kế hoạch [/x] [bold]802.txt", plan_text(802))).name,
             Path(write_named(folder, "kế hoạch\t803.txt", plan_text(803))).name]
    bad = [pdf_stream_bomb(folder, 2048 * MB).name, docx_bomb(folder, 2048 * MB).name,
           docx_bomb(folder, 20 * MB, "paragraphs-20mb.docx").name, deep_html(folder, 60_000).name,
           pdf_pages(folder, 100_000, "pages-100k.pdf").name]
    return good, bad


def _tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        p = int(entry)
        children.setdefault(int(fields[1]), []).append(p)
        rss[p] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        total += rss.get(p, 0)
        stack += children.get(p, [])
    return total


def run_measured(argv: list[str], env: dict[str, str]) -> tuple[subprocess.CompletedProcess, float, float]:
    """Run argv; returns (result, seconds, peak MB of its process tree)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak = [0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], _tree_rss(proc.pid))
            time.sleep(0.05)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    out, err = proc.communicate()
    th.join()
    seconds = time.perf_counter() - t0
    return subprocess.CompletedProcess(argv, proc.returncode, out, err), seconds, peak[0] / MB


def main() -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"}
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "docs"
        docs.mkdir()
        seeds_only = Path(tmp) / "seeds"
        shutil.copytree(SEEDS, seeds_only)
        t0 = time.perf_counter()
        good, bad = build(docs)
        build_s = time.perf_counter() - t0
        base, base_s, base_mb = run_measured([*CLI, "ingest", str(seeds_only), "--store", f"{tmp}/base.sqlite",
                                              "--format", "json"], env)
        store = f"{tmp}/s.sqlite"
        res, seconds, peak_mb = run_measured([*CLI, "ingest", str(docs), "--store", store, "--format", "json"], env)
        d = json.loads(res.stdout)
        failed = {Path(f["source"]).name: f["error"] for f in d["failures"]}
        show = subprocess.run([*CLI, "show", "114-KL/TW", "--store", store], env=env, capture_output=True, text=True)
        trace = subprocess.run([*CLI, "trace", "114-KL/TW", "--store", store], env=env, capture_output=True, text=True)
    bad_named = all(b in failed for b in bad)
    ok = (seconds < 120 and peak_mb < 1536 and bad_named and d["ingested"] == len(good)
          and show.returncode == 0 and trace.returncode == 0)
    rows = [("batch", f"{len(good)} good + {len(bad)} hostile files (built in {build_s:.0f} s)", ""),
            ("seeds alone (baseline)", f"{base_s:.1f} s, {base_mb:.0f} MB", "1.00"),
            ("hostile batch", f"{seconds:.1f} s, peak {peak_mb:.0f} MB (process tree)",
             f"{seconds / base_s:.1f}x time"),
            ("stored / failed", f"{d['ingested']} / {d['failed']}", "")]
    rows += [(f"  {name}", reason[:110], "") for name, reason in failed.items()]
    rows += [("show / trace exit", f"{show.returncode} / {trace.returncode}", ""), ("PASS", str(ok), "")]
    figures = {"seconds": round(seconds, 1), "peak_mb": round(peak_mb), "baseline_seconds": round(base_s, 1),
               "baseline_peak_mb": round(base_mb), "ingested": d["ingested"], "failed": d["failed"],
               "good": len(good), "bad_named": bad_named, "failures": failed, "show_exit": show.returncode,
               "trace_exit": trace.returncode, "pass": ok}
    report("hostile batch ingest", rows, figures)
    return figures


if __name__ == "__main__":
    sys.exit(0 if main()["pass"] else 1)
