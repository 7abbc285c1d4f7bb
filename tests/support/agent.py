"""The real ``clearml-agent daemon`` against a test stack: the SDK's environment for the stack
and the daemon serving one queue for the duration of a ``with`` block (stopped at its end,
killed when it will not stop). ``CLEARML_AGENT_SKIP_PYTHON_ENV_INSTALL=1``: tasks run in this
venv, no downloads. A test whose machine has no agent is skipped, not failed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

LOG_TAIL = 3000  # characters of the agent's log a failing assertion shows


def sdk_env(stack, home: Path) -> dict[str, str]:
    """This process's environment without any ClearML/Cairn settings, pointing the SDK and
    the agent at ``stack`` with its credentials; ``home``: their home (configuration, cache)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLEARML_", "TRAINS_", "CAIRN_"))}
    env.update(HOME=str(home), CLEARML_API_HOST=stack.url, CLEARML_WEB_HOST=stack.url,
               CLEARML_FILES_HOST=stack.url, CLEARML_API_ACCESS_KEY=stack.key,
               CLEARML_API_SECRET_KEY=stack.secret, CLEARML_AGENT_SKIP_PYTHON_ENV_INSTALL="1",
               CLEARML_AGENT_SKIP_PIP_VENV_INSTALL=sys.executable)
    return env


def agent_binary() -> Path:
    """The venv's ``clearml-agent``, else the one on PATH; skips the test when there is none."""
    beside = Path(sys.executable).parent / "clearml-agent"
    if beside.exists():
        return beside
    found = shutil.which("clearml-agent")
    if found is None:
        pytest.skip("clearml-agent is not installed")
    return Path(found)


@dataclass(frozen=True)
class RunningAgent:
    worker: str
    log_path: Path

    def log(self) -> str:
        """The end of what the agent wrote (for assertion messages)."""
        return self.log_path.read_text(errors="replace")[-LOG_TAIL:]


@contextmanager
def running_agent(stack, home: Path, queue: str, worker: str, cwd: Path | None = None) -> Iterator[RunningAgent]:
    """``clearml-agent daemon --queue <queue> --foreground`` as worker ``worker``, started in
    ``cwd`` (default ``home``), its output in ``home/agent.log``; stopped when the block ends."""
    binary = agent_binary()
    agent = RunningAgent(worker, home / "agent.log")
    with open(agent.log_path, "w") as log:
        process = subprocess.Popen([str(binary), "daemon", "--queue", queue, "--foreground"], cwd=cwd or home,
                                   env={**sdk_env(stack, home), "CLEARML_WORKER_ID": worker}, stdout=log,
                                   stderr=subprocess.STDOUT)
        try:
            yield agent
        finally:
            process.terminate()
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(30)
