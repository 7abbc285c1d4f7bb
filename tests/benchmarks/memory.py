"""Resident memory of a whole stack: the three servers and every Cairn process of a test run.

The servers are the local stack's (``make servers``): their process groups are found through
``deploy/local``'s records, counted as ``stack.py status`` counts them. A server started some
other way has no record: it is reported as ``None`` and the total says it is partial.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SERVERS = ("kafka", "elasticsearch", "secantusdb")


def process_rss_mib(pid: int) -> float:
    """VmRSS of one process, in MiB (0 when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def server_rss_mib() -> dict[str, float | None]:
    sys.path.insert(0, str(ROOT / "deploy" / "local"))
    from stacklib import procs, settings  # the local stack's own process records

    run_dir = settings.load().run_dir
    out: dict[str, float | None] = {}
    for name in SERVERS:
        record = procs.live_record(run_dir, name)
        out[name] = round(procs.rss_mib(record), 1) if record else None
    return out


def stack_rss_mib(stack) -> dict:
    """MiB per process (servers and the run's Cairn processes) and their total."""
    figures: dict[str, float | None] = server_rss_mib()
    for name, proc in stack.procs.items():
        figures[name] = round(process_rss_mib(proc.pid), 1)
    known = [v for v in figures.values() if v is not None]
    return {"per_process_mib": figures, "total_mib": round(sum(known), 1),
            "partial": len(known) < len(figures)}
