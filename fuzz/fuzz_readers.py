"""Fuzz the file readers and the extractor: only ReadError may come out of a reader.

    python fuzz/fuzz_readers.py [--runs 100000] [--engine atheris|hypothesis]

The run is under the per-file limits of an ingest worker (``extract.limits``, lowered so the
small inputs reach them, and the worker's address-space cap from ``graph.sandbox``), and the
samples include a PDF stream bomb, a .docx zip bomb and deep HTML, so the limit checks are
fuzzed too: a limit crossed must come out as a ReadError naming it.

atheris (==3.0.0, coverage-guided, our modules instrumented) is used when it imports;
otherwise hypothesis generates the inputs. Each input is split into a suffix choice,
file bytes (fed to ``read_bytes``; a quarter of the inputs start from a valid
docx/pdf/html/txt sample, damaged) and a string (fed to ``extract.extract_text`` when
the extractor exists). Prints the counts, the time and every crash; exit code 1 on a crash.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "extract")]

SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".html", ".htm", ".doc")
STATS = {"inputs": 0, "read_ok": 0, "read_error": 0, "extract_calls": 0, "crashes": 0}
CRASHES: list[str] = []


MB = 1024 * 1024


def _limits():
    from extract.limits import Limits

    return Limits(max_unzipped=2 * MB, max_pages=50, max_depth=200, max_chars=1_000_000)


def _hostile_samples() -> list[tuple[str, bytes]]:
    import tempfile

    from tests.security.hostile_files import deep_html, docx_bomb, pdf_stream_bomb

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        return [(".pdf", pdf_stream_bomb(folder, 3 * MB).read_bytes()),
                (".docx", docx_bomb(folder, 3 * MB).read_bytes()),
                (".html", deep_html(folder, 300).read_bytes())]


def under_limits() -> None:
    """Apply the worker's limits to this process (what every ingest read runs under)."""
    from extract.limits import configure
    from graph.sandbox import limit_memory

    configure(_limits())
    limit_memory(_limits().max_memory)


def _samples() -> list[tuple[str, bytes]]:
    from test_read import HEADER, make_docx, make_pdf

    return [*_hostile_samples(),
        (".docx", make_docx(HEADER, ["Căn cứ Kết luận số 114-KL/TW ngày 14/7/2015;"] * 3)),
        (".pdf", make_pdf([["Số: 18-NQ/TW", "Căn cứ Luật số 63/2025/QH15"], ["Trang hai"]])),
        (".html", "<html><body><nav>x</nav><main><p>Số: <b>18-NQ/TW</b></p></main></body></html>".encode()),
        (".txt", "Céng hoµ x· héi chñ nghÜa ViÖt Nam\nSè: 18-NQ/TW".encode("cp1252")),
        (".txt", "Cộng hoà xã hội chủ nghĩa Việt Nam\nSố: 18-NQ/TW".encode("utf-16")),
    ]


def one_input(suffix: str, data: bytes, text: str, read_bytes, ReadError, extract_text) -> None:
    """The property under test; any exception but ReadError is a crash."""
    STATS["inputs"] += 1
    try:
        res = read_bytes(data, f"fuzz{suffix}", 1_000_000)
    except ReadError:
        STATS["read_error"] += 1
    else:
        STATS["read_ok"] += 1
        assert res.text.strip(), "empty text returned"
        if extract_text is not None:
            extract_text(res.text[:2_000])
            STATS["extract_calls"] += 1
    if extract_text is not None:
        extract_text(text)
        STATS["extract_calls"] += 1


def _record(suffix: str, data: bytes, text: str) -> None:
    STATS["crashes"] += 1
    if len(CRASHES) < 20:
        CRASHES.append(f"suffix={suffix} data={data[:80]!r} text={text[:80]!r}\n{traceback.format_exc()}")


def _mutate(sample: bytes, ops: bytes) -> bytes:
    raw = bytearray(sample)
    for i in range(0, len(ops) - 2, 3):
        op, at, val = ops[i] % 4, int.from_bytes(ops[i + 1 : i + 3], "little") % max(len(raw), 1), ops[i]
        if op == 0:
            del raw[at:]
        elif op == 1 and raw:
            raw[at] ^= val | 1
        elif op == 2:
            raw[at:at] = ops[i : i + 3]
        else:
            del raw[at : at + val % 64 + 1]
    return bytes(raw)


def run_atheris(runs: int) -> None:
    import atheris

    with atheris.instrument_imports(include=["extract"]):
        import extract
        from extract.read import ReadError, read_bytes
    extract_text = getattr(extract, "extract_text", None)
    samples = _samples()
    deadline = {"start": time.perf_counter()}

    def test_one(buf: bytes) -> None:
        fdp = atheris.FuzzedDataProvider(buf)
        mode = fdp.ConsumeIntInRange(0, 3)
        text = fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 400))
        if mode == 0:
            suffix, sample = samples[fdp.ConsumeIntInRange(0, len(samples) - 1)]
            data = _mutate(sample, fdp.ConsumeBytes(24))
        else:
            suffix = SUFFIXES[fdp.ConsumeIntInRange(0, len(SUFFIXES) - 1)]
            data = fdp.ConsumeBytes(fdp.remaining_bytes())
        try:
            one_input(suffix, data, text, read_bytes, ReadError, extract_text)
        except Exception:  # noqa: BLE001 - collect and keep going, report at the end
            _record(suffix, data, text)
        if STATS["inputs"] % 10_000 == 0:
            print(f"... {STATS['inputs']} inputs, {time.perf_counter() - deadline['start']:.0f} s, {STATS['crashes']} crashes", flush=True)
        if STATS["inputs"] >= runs:
            report("atheris", time.perf_counter() - deadline["start"], extract_text is not None)
            sys.stdout.flush()
            import os

            os._exit(1 if STATS["crashes"] else 0)  # libFuzzer's own exit skips Python's

    atheris.Setup([sys.argv[0], "-rss_limit_mb=4096", f"-max_len=4096", "-timeout=60"], test_one)
    atheris.Fuzz()


def run_hypothesis(runs: int) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    import extract
    from extract.read import ReadError, read_bytes

    extract_text = getattr(extract, "extract_text", None)
    samples = _samples()
    start = time.perf_counter()

    @settings(max_examples=runs, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(
        mode=st.integers(0, 3),
        pick=st.integers(0, len(samples) - 1),
        suffix=st.sampled_from(SUFFIXES),
        data=st.binary(max_size=4096),
        text=st.text(max_size=400),
    )
    def prop(mode, pick, suffix, data, text):
        if mode == 0:
            suffix, sample = samples[pick]
            data = _mutate(sample, data[:24])
        try:
            one_input(suffix, data, text, read_bytes, ReadError, extract_text)
        except Exception:  # noqa: BLE001
            _record(suffix, data, text)
        if STATS["inputs"] % 10_000 == 0:
            print(f"... {STATS['inputs']} inputs, {time.perf_counter() - start:.0f} s", flush=True)

    prop()
    report("hypothesis", time.perf_counter() - start, extract_text is not None)


def report(engine: str, seconds: float, with_extractor: bool) -> None:
    print(f"engine={engine} inputs={STATS['inputs']} read_ok={STATS['read_ok']} read_error={STATS['read_error']} "
          f"extract_calls={STATS['extract_calls']}{'' if with_extractor else ' (extract.extract_text missing)'} "
          f"crashes={STATS['crashes']} seconds={seconds:.1f}")
    for crash in CRASHES:
        print("CRASH", crash)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100_000)
    parser.add_argument("--engine", choices=("atheris", "hypothesis"), default=None)
    args = parser.parse_args()
    engine = args.engine
    under_limits()
    if engine is None:
        try:
            import atheris  # noqa: F401

            engine = "atheris"
        except ImportError:
            engine = "hypothesis"
    if engine == "atheris":
        run_atheris(args.runs)
    else:
        run_hypothesis(args.runs)
        sys.exit(1 if STATS["crashes"] else 0)


if __name__ == "__main__":
    main()
