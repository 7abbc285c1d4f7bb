"""The architecture's rules, checked by tools rather than by review."""

import importlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from shared.endpoints import IMPLEMENTED, OWNERS, endpoint_table

ROOT = Path(__file__).resolve().parents[3]


def test_import_contracts_hold():
    """`shared` never imports `services`; no service imports another (pyproject.toml)."""
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint, "import-linter is not installed (make install)"
    done = subprocess.run([lint], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("process", sorted(IMPLEMENTED))
def test_each_service_handles_exactly_what_the_table_routes_to_it(process):
    handlers = importlib.import_module(f"services.{process}.handlers")
    assert set(handlers.HANDLED) == set(IMPLEMENTED[process])


def test_every_catalog_endpoint_has_a_row_and_an_owner():
    table = endpoint_table()
    assert len(table) == 204 + 242
    assert {row.process for row in table.values()} <= set(OWNERS.values())
    for process, names in IMPLEMENTED.items():
        assert all(table[name].process == process for name in names)


def test_every_routed_endpoint_has_a_request_model():
    from shared.schemas.registry import request_models

    models = request_models()
    missing = [name for names in IMPLEMENTED.values() for name in names if name not in models]
    assert missing == []
