"""The generator of ``shared/schemas/generated``: one module per ClearML service, from the
data-model seed and the endpoint catalogs in ``shared/schemas/spec``.

    python -m shared.schemas.codegen            rewrite shared/schemas/generated/*.py
    python -m shared.schemas.codegen DIR        write into DIR instead (the staleness test)

The output is deterministic: the same spec gives byte-identical files.
"""

from __future__ import annotations

from pathlib import Path

from shared.schemas.codegen.from_catalog import CatalogBuilder, catalog_definitions, catalog_endpoints
from shared.schemas.codegen.from_seed import add_seed_definitions
from shared.schemas.codegen.model import ModuleSpec
from shared.schemas.codegen.common import COMMON, inherit_twins, share
from shared.schemas.codegen.render import render, render_common
from shared.schemas.codegen.seed import seed_definitions

GENERATED_DIR = Path(__file__).resolve().parents[1] / "generated"

PACKAGE_DOC = '''"""Generated Pydantic models of the ClearML API, one module per service (do not edit; see
``shared.schemas.codegen``). ``MODULES`` names them all."""

MODULES: tuple[str, ...] = (
{modules})
'''


def services() -> list[str]:
    names = {d.service for d in seed_definitions().values()}
    names |= set(catalog_definitions())
    names |= {row["service"] for row in catalog_endpoints()}
    return sorted(names)


def build(service: str) -> ModuleSpec:
    module = ModuleSpec(service)
    add_seed_definitions(module, [d for d in seed_definitions().values() if d.service == service])
    builder = CatalogBuilder(module)
    builder.add_definitions()
    rows = [row for row in catalog_endpoints() if row["service"] == service]
    for row in rows:
        if row["request"].get("kind") != "batch":
            builder.add_endpoint(row)
    for row in rows:
        if row["request"].get("kind") == "batch":
            builder.add_batch_endpoint(row)
            builder.add_endpoint(row)
    return module


def generate() -> dict[str, str]:
    """File name -> source of every generated file."""
    modules = {service: build(service) for service in services()}
    common = share(modules)
    for module in (*modules.values(), common):
        inherit_twins(module)
    files = {f"{service}.py": render(module) for service, module in modules.items()}
    names = "".join(f"    {name[:-3]!r},\n" for name in sorted(files))
    files["__init__.py"] = PACKAGE_DOC.format(modules=names)
    files[f"{COMMON}.py"] = render_common(common)
    return files


def write(directory: Path = GENERATED_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in generate().items():
        path = directory / name
        if not path.exists() or path.read_text() != text:
            path.write_text(text)
        written.append(path)
    return written
