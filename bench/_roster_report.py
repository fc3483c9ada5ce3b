"""The report of the staff import benchmark (bench/import_roster.py): the table of the steps,
the pipeline's phases, the reading and write floors, the checks against the targets (PASS/MISS)
and the JSON record of the run under bench/out/.
"""

from __future__ import annotations

import json
import os
import time

from _bench import OUT, ROOT, lock_strength, median, strongest_lock
from _roster_data import COLUMNS

TARGETS = {
    "xlsx_vs_copy": 3.0,  # pipeline_xlsx / copy ≤ 3
    "die_vs_pipeline": 60.0,  # default DIE per-row time / pipeline per-row time ≥ 60
    "reimport_vs_first": 1.0,  # reimport / first import ≤ 1
    "peak_mb": 500.0,  # peak memory ≤ 500 MB
}

# the labels import_roster._time_phases gives the pipeline's phases, in the order they run
PHASES = (
    "open (checks + calamine)",
    "read + parse",
    "load maps",
    "validate",
    "diff",
    "write",
    "audit log",
    "commit (FK checks)",
)


def report(args, samples, traced, die, monitors, breakdown, floor, sizes) -> None:
    n = args.rows
    sec = {step: median([s["seconds"] for s in runs]) for step, runs in samples.items()}
    print()
    print(
        f"Staff import benchmark: {n:,} rows × {len(COLUMNS)} columns (XLSX {sizes['xlsx']:.1f} MB,"
        f" CSV {sizes['csv']:.1f} MB), PostgreSQL, {os.cpu_count()} CPUs, median of {args.repeat} run(s)"
    )
    print(f"{'step':<15}{'rows':>8}{'seconds':>9}{'rows/s':>9}{'tracemalloc':>12}{'max RSS':>9}{'RSS +':>8}  load")

    def line(step, rows, seconds, trace=None, rss=None, grow=None, load=None):
        print(
            f"{step:<15}{rows:>8,}{seconds:>9.2f}{rows / seconds:>9,.0f}"
            f"{(f'{trace:.0f} MB' if trace else '-'):>12}{(f'{rss:.0f} MB' if rss else '-'):>9}"
            f"{(f'{grow:.0f} MB' if grow is not None else '-'):>8}  {load:.1f}"
        )

    for step in ("pipeline_xlsx", "reimport_xlsx", "update_csv", "pipeline_csv", "copy", "copy_noindex"):
        if step not in samples:
            continue
        runs = samples[step]
        line(
            step,
            runs[0]["rows"],
            sec[step],
            traced["tracemalloc_mb"] if traced and step == "pipeline_xlsx" else None,
            median([s.get("max_rss_mb") for s in runs]),
            median([s["max_rss_mb"] - s["rss_before_mb"] for s in runs if "max_rss_mb" in s]),
            median([s["load"] for s in runs]),
        )
    if floor:
        line("write_floor", n, floor["seconds"], load=floor["load"])
    if die:
        line(
            "die_default",
            die["rows"],
            die["seconds"],
            None,
            die["max_rss_mb"],
            die["max_rss_mb"] - die["rss_before_mb"],
            die["load"],
        )
    if args.repeat > 1:
        print(
            "samples (s): "
            + "; ".join(f"{step} " + " ".join(f"{s['seconds']:.2f}" for s in runs) for step, runs in samples.items())
        )

    print()
    phases = {p: median([s["phases"].get(p) for s in samples["pipeline_xlsx"]]) for p in PHASES}
    print("pipeline_xlsx by phase (s): " + ", ".join(f"{p} {v:.2f}" for p, v in phases.items() if v is not None))
    print(
        f"reading floor (s): calamine alone {breakdown['calamine_only']:.2f} (open, parse, every row as Python values);"
        f" our safety checks alone {breakdown['safety_checks']:.2f}"
    )
    if floor:
        print(
            f"write floor (s): the rows a first import writes, COPY'd again into the same tables in one transaction:"
            f" {floor['seconds']:.2f} = "
            + " + ".join(f"{t} {v:.2f} ({floor['rows'][t]:,} rows)" for t, v in floor["tables"].items())
            + f" + commit {floor['commit']:.2f} (deferred foreign-key checks)"
        )

    print()
    checks = []
    ratio = sec["pipeline_xlsx"] / sec["copy"]
    checks.append(
        ("pipeline_xlsx / copy", f"{ratio:.2f}×", f"≤ {TARGETS['xlsx_vs_copy']:.0f}×", ratio <= TARGETS["xlsx_vs_copy"])
    )
    checks.append(("pipeline_csv / copy", f"{sec['pipeline_csv'] / sec['copy']:.2f}×", "info", None))
    if floor:
        least = floor["seconds"] + breakdown["calamine_only"]
        checks.append(
            ("(write floor + calamine) / copy", f"{least / sec['copy']:.2f}×", "info: the least possible", None)
        )
    if die:
        die_row = die["seconds"] / die["rows"]
        ours = sec["pipeline_xlsx"] / n
        checks.append(
            (
                "default DIE per row / pipeline per row",
                f"{die_row * 1000:.2f} ms / {ours * 1000:.3f} ms = {die_row / ours:.0f}×",
                f"≥ {TARGETS['die_vs_pipeline']:.0f}×",
                die_row / ours >= TARGETS["die_vs_pipeline"],
            )
        )
    re_ratio = sec["reimport_xlsx"] / sec["pipeline_xlsx"]
    checks.append(("reimport / first import", f"{re_ratio:.2f}×", "≤ 1×", re_ratio <= TARGETS["reimport_vs_first"]))
    steps = [s for s in ("pipeline_xlsx", "reimport_xlsx", "update_csv", "pipeline_csv") if s in samples]
    peak_rss = max(r["max_rss_mb"] for s in steps for r in samples[s])
    peak_step = max(steps, key=lambda s: max(r["max_rss_mb"] for r in samples[s]))
    peak_trace = traced["tracemalloc_mb"] if traced else None
    shown = f"max RSS {peak_rss:.0f} MB ({peak_step})" + (f", tracemalloc {peak_trace:.0f} MB" if peak_trace else "")
    ok = max(peak_rss, peak_trace or 0) <= TARGETS["peak_mb"]
    checks.append(("peak memory of an import process", shown, f"≤ {TARGETS['peak_mb']:.0f} MB", ok))

    reads = monitors["update_csv"].reads if "update_csv" in monitors else []
    blocked = [r for r in reads if "blocked" in r]
    done = [r for r in reads if "blocked" not in r]
    text = (
        f"{len(done)} reads during update_csv's write transaction:"
        f" count(*) ≤ {max(r['count_ms'] for r in done):.0f} ms,"
        f" SELECT of a row being updated ≤ {max(r['row_ms'] for r in done):.0f} ms"
        f" (the row was locked by the writer at {sum(r['row_locked_by_writer'] for r in done)} of them,"
        f" and the reader got the committed value at"
        f" {sum(r['row_value'] == monitors['update_csv'].old_value for r in done)})"
        if done
        else "no read happened during the write"
    )
    if blocked:
        text += f"; {len(blocked)} waited for a lock: {blocked[0]['blocked'].splitlines()[0]}"
    checks.append(("readers not blocked", text, "no wait", bool(done) and not blocked))
    held, strong = {}, {}
    for relname in sorted({r for m in monitors.values() for r in m.modes}):
        modes = {mode for m in monitors.values() for mode in m.modes.get(relname, ())}
        held[relname] = strongest_lock(modes)
        too = [mode for mode in modes if lock_strength(mode) > lock_strength("RowExclusiveLock")]
        if too:
            strong[relname] = sorted(too, key=lock_strength)
    text = ", ".join(f"{rel} {mode}" for rel, mode in held.items()) or "none seen"
    if strong:
        text += f"; stronger: {strong}"
    checks.append(("locks the import holds (pg_locks)", text, "≤ RowExclusiveLock", not strong))

    width = max(len(c[0]) for c in checks)
    for label, value, target, passed in checks:
        verdict = "" if passed is None else ("PASS" if passed else "MISS")
        print(f"  {verdict:<5}{label:<{width}}  {value}  (target: {target})")
    errors = [e for m in monitors.values() for e in m.errors]
    if errors:
        print(f"  lock monitor errors: {errors[:3]}")

    OUT.mkdir(parents=True, exist_ok=True)
    record = {
        "rows": n,
        "repeat": args.repeat,
        "seconds": sec,
        "samples": samples,
        "traced": traced,
        "die": die,
        "reading_floor": breakdown,
        "write_floor": floor,
        "locks": {rel: sorted(m) for mon in monitors.values() for rel, m in mon.modes.items()},
        "reads": reads,
        "checks": [list(c) for c in checks],
        "loadavg_end": os.getloadavg(),
    }
    path = OUT / f"import_roster-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(record, indent=1, default=str))
    print(f"\n(details in {path.relative_to(ROOT)})")
