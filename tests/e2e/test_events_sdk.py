"""The real clearml SDK reports to Cairn and reads back exactly what it reported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e


def run_training_script(stack, tmp_path: Path) -> dict:
    """``Task.init`` needs a web and files host configured (only for links it prints)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLEARML_", "TRAINS_", "CAIRN_"))}
    env.update(
        HOME=str(tmp_path),
        CLEARML_API_HOST=stack.url,
        CLEARML_WEB_HOST=stack.url,
        CLEARML_FILES_HOST=stack.url,
        CLEARML_API_ACCESS_KEY=stack.key,
        CLEARML_API_SECRET_KEY=stack.secret,
    )
    done = subprocess.run(
        [sys.executable, str(Path(__file__).parent / "sdk_events_script.py")],
        env=env, cwd=tmp_path, capture_output=True, text=True, timeout=240,
    )
    assert done.returncode == 0, f"SDK script failed:\n{done.stdout[-3000:]}\n{done.stderr[-5000:]}"
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_sdk_reports_and_reads_back(stack, tmp_path):
    result = run_training_script(stack, tmp_path)
    curves = result["scalars"]["curves"]
    assert sorted(curves) == [f"s{n}" for n in range(5)]
    for n in range(5):
        assert curves[f"s{n}"] == {"x": [0, 1, 2, 998, 999], "y": [n * 1000 + 998.0, n * 1000 + 999.0], "n": 1000}
    last = result["last"]["curves"]
    assert {v: (s["last"], s["min"], s["max"]) for v, s in last.items()} == {
        f"s{n}": (n * 1000 + 999.0, n * 1000.0, n * 1000 + 999.0) for n in range(5)
    }
    console = "\n".join(result["console"])
    assert "hello from the report" in console and "console line from print" in console
    assert [p[:3] for p in result["plots"]] == [["confusion", "cm", 1], ["hist", "h", 1], ["scatter", "pts", 1]]
    assert all(p[3] > 0 for p in result["plots"])
    assert result["single"] == {"accuracy": 0.93}
