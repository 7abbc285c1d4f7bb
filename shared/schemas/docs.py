"""``python -m shared.schemas.docs`` (``make docs``): rewrite the published documents,
``docs/openapi.json`` (``shared.schemas.openapi``) and ``docs/asyncapi.json``
(``shared.schemas.asyncapi``), from the models and the endpoint table as they are.

It does not regenerate the models: after a spec change run ``python -m shared.schemas.codegen``
first (that rewrites Python code, which this process has already imported). The contract tests
fail when either the generated models or these documents are stale.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DOCS_DIR = Path(__file__).resolve().parents[2] / "docs"


def render(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


def documents() -> dict[str, str]:
    """File name -> text of every published document."""
    from shared.schemas.asyncapi import build_asyncapi
    from shared.schemas.openapi import build_openapi

    return {"openapi.json": render(build_openapi()), "asyncapi.json": render(build_asyncapi())}


def write(directory: Path = DOCS_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in documents().items():
        path = directory / name
        if not path.exists() or path.read_text() != text:
            path.write_text(text)
        paths.append(path)
    return paths


if __name__ == "__main__":
    for path in write():
        print(f"wrote {path}")
