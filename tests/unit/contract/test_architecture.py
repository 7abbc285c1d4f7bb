"""The architecture's rules, checked by tools rather than by review."""

import importlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from shared.endpoints import CAIRN_ENDPOINTS, HANDLED_DIR, IMPLEMENTED, OWNERS, endpoint_table
from tests.support import handled

ROOT = Path(__file__).resolve().parents[3]


def test_import_contracts_hold():
    """`shared` never imports `services`; no service imports another (pyproject.toml)."""
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint, "import-linter is not installed (make install)"
    done = subprocess.run([lint], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_process_with_an_endpoint_table_has_a_handled_list_and_no_other_does():
    assert sorted(IMPLEMENTED) == handled.processes()


@pytest.mark.parametrize("process", handled.processes())
def test_each_service_handles_exactly_what_the_table_routes_to_it(process):
    """``shared/schemas/handled/<process>.txt`` (what the gateway routes by) is the one
    generated from the process's endpoint table: else run ``make handled``."""
    assert (HANDLED_DIR / f"{process}.txt").read_text() == handled.handled_text(process), "run make handled"
    handlers = importlib.import_module(f"services.{process}.handlers")
    assert set(handlers.HANDLED) == set(IMPLEMENTED[process])


def test_every_catalog_endpoint_has_a_row_and_an_owner():
    table = endpoint_table()
    assert len(table) == 204 + 242 + len(CAIRN_ENDPOINTS)  # and Cairn's own (login.set_password)
    assert {row.process for row in table.values()} <= set(OWNERS.values())
    for process, names in IMPLEMENTED.items():
        assert all(table[name].process == process for name in names)


def test_every_routed_endpoint_has_a_request_model():
    from shared.schemas.registry import request_models

    models = request_models()
    missing = [name for names in IMPLEMENTED.values() for name in names if name not in models]
    assert missing == []
