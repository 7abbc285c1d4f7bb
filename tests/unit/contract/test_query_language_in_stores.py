"""The MongoDB query language stays in each process's storage package (issue 13): use cases
name what they want in the domain's words and the repositories write the ``$set``/``$in``
documents, so a reader of a use case never meets the query language and the unit-test fakes
need not interpret it."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
# Per process, the package allowed to speak MongoDB.
STORES = {"tasks": "store", "queues": "repository", "events": "repository"}
OPERATOR = re.compile(r"\$[a-zA-Z]")  # "$set", "$in", "$addToSet", ...


def operator_literals(path: Path) -> list[str]:
    """``line: literal`` for each string literal of the module that starts with a MongoDB
    operator."""
    tree = ast.parse(path.read_text(), filename=str(path))
    return [f"{node.lineno}: {node.value!r}" for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and OPERATOR.match(node.value)]


def use_case_modules(process: str) -> list[Path]:
    base = ROOT / "services" / process
    return sorted(p for p in base.rglob("*.py") if p.relative_to(base).parts[0] != STORES[process])


def test_the_check_finds_an_operator_literal(tmp_path):
    module = tmp_path / "m.py"
    module.write_text('"""Says ``$set`` in prose."""\nupdate = {"$set": {"name": "x"}, "keys": "$ escaped"}\n')
    assert operator_literals(module) == ["2: '$set'"]


@pytest.mark.parametrize("process", sorted(STORES))
def test_no_mongodb_operator_outside_the_storage_package(process):
    found = {str(p.relative_to(ROOT)): hits for p in use_case_modules(process) if (hits := operator_literals(p))}
    assert found == {}, f"move these into services/{process}/{STORES[process]}/ behind a port verb"
