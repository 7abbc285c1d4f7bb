"""The committed generated models are what the generator writes today (not stale), and the
generator is deterministic (no dependence on hash seeds or dict/set iteration order)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from shared.schemas.codegen import GENERATED_DIR, write

ROOT = Path(__file__).resolve().parents[3]
HAND_WRITTEN = {"_base.py"}  # in the generated package, never written by the generator


def _read(directory: Path) -> dict[str, str]:
    return {p.name: p.read_text() for p in directory.glob("*.py") if p.name not in HAND_WRITTEN}


def test_committed_generated_models_are_current(tmp_path):
    write(tmp_path)
    written, committed = _read(tmp_path), _read(GENERATED_DIR)
    stale = sorted(n for n in written.keys() | committed.keys() if written.get(n) != committed.get(n))
    assert stale == [], "run `python -m shared.schemas.codegen` and commit the result"


def test_generation_is_deterministic_across_processes(tmp_path):
    outputs = []
    for seed in ("1", "2"):
        target = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-m", "shared.schemas.codegen", str(target)],
                              cwd=ROOT, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        outputs.append(_read(target))
    assert len(outputs[0]) > 20
    assert outputs[0] == outputs[1]
