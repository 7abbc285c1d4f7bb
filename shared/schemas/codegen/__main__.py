"""``python -m shared.schemas.codegen [DIR]``: regenerate the generated models."""

import sys
from pathlib import Path

from shared.schemas.codegen import GENERATED_DIR, write

if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else GENERATED_DIR
    paths = write(target)
    print(f"{len(paths)} files in {target}")
