"""deploy/compose (single-host Docker) runs every Cairn process against its three servers.

No Docker engine runs here, so the file is checked for structure against the code: one service
per process (``shared.endpoints.SERVICE_PROCESSES`` plus files and gateway) running its entry
point from the one image; each process's settings class loads from exactly the environment the
file gives it (variables resolved from ``example.env`` filled in), pointing at the servers by
service name; servers healthy before the processes start; volumes for every store; secrets
only by reference to ``.env``.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
import yaml

from tests.unit.test_helm_chart import load_settings, settings_class
from shared.endpoints import SERVICE_PROCESSES
from shared.settings import TokenSettings

REPO = Path(__file__).resolve().parents[2]
COMPOSE = REPO / "deploy" / "compose"
PROCESSES = (*SERVICE_PROCESSES, "files", "gateway")
INFRA = ("kafka", "mongodb", "elasticsearch")
FILLED = {"CAIRN_AUTH_TOKEN_SECRET": "compose-token-secret-sentinel-41d2", "CAIRN_ADMIN_ACCESS_KEY": "AKCOMPOSE",
          "CAIRN_ADMIN_SECRET_KEY": "compose-admin-secret"}
_VAR = re.compile(r"\$\{(\w+)(?::([-?])([^}]*))?\}")


def _example_env() -> dict[str, str]:
    values = {}
    for line in (COMPOSE / "example.env").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return {**values, **FILLED}


def _resolve(value: str, env: dict[str, str]) -> str:
    def one(match: re.Match) -> str:
        name, kind, rest = match.groups()
        if env.get(name):
            return env[name]
        if kind == "?":
            raise AssertionError(f"{name} is required: {rest}")
        return rest or ""
    return _VAR.sub(one, str(value))


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((COMPOSE / "compose.yaml").read_text())


def test_one_service_per_process_and_server(compose):
    assert set(compose["services"]) == {*INFRA, *PROCESSES}


@pytest.mark.parametrize("process", PROCESSES)
def test_each_process_runs_its_entry_point_from_the_one_image(compose, process):
    service = compose["services"][process]
    assert service["command"] == ["python", "-m", f"services.{process}"]
    assert importlib.util.find_spec(f"services.{process}.__main__") is not None
    images = {compose["services"][p]["image"] for p in PROCESSES}
    assert len(images) == 1
    builds = [compose["services"][p]["build"] for p in PROCESSES if "build" in compose["services"][p]]
    assert len(builds) == 1 and (COMPOSE / builds[0]["context"] / builds[0]["dockerfile"]).resolve() == REPO / "Dockerfile"
    assert service["restart"] == "unless-stopped"


@pytest.mark.parametrize("process", PROCESSES)
def test_each_process_waits_for_healthy_servers(compose, process):
    depends = compose["services"][process]["depends_on"]
    assert {name: depends[name]["condition"] for name in INFRA} == dict.fromkeys(INFRA, "service_healthy")
    if process == "gateway":  # its readiness asks every process over Kafka
        assert set(SERVICE_PROCESSES) <= set(depends)


@pytest.mark.parametrize("process", PROCESSES)
def test_settings_load_from_the_containers_environment(compose, monkeypatch, process):
    env = {k: _resolve(v, _example_env()) for k, v in compose["services"][process]["environment"].items()}
    env = {k: v for k, v in env.items() if v != ""}
    settings = load_settings(monkeypatch, settings_class(process), env)
    assert (settings.kafka_bootstrap, settings.mongo_uri, settings.es_url) == (
        "kafka:9092", "mongodb://mongodb:27017/?replicaSet=rs0", "http://elasticsearch:9200")
    assert settings.dev_mode is False
    if isinstance(settings, TokenSettings):
        assert settings.auth_token_secret == FILLED["CAIRN_AUTH_TOKEN_SECRET"]
    if process in ("gateway", "files"):
        assert getattr(settings, f"{process}_host") == "0.0.0.0"
    assert (settings.metrics_port, settings.metrics_host) == (9102, "0.0.0.0")
    if process == "identity":
        assert (settings.admin_access_key, settings.admin_secret_key) == ("AKCOMPOSE", "compose-admin-secret")


def test_a_missing_token_secret_stops_compose_with_a_message(compose):
    env = {k: v for k, v in _example_env().items() if k != "CAIRN_AUTH_TOKEN_SECRET"}
    with pytest.raises(AssertionError, match="CAIRN_AUTH_TOKEN_SECRET"):
        _resolve(compose["services"]["gateway"]["environment"]["CAIRN_AUTH_TOKEN_SECRET"], env)


def test_secrets_are_only_references_to_the_env_file(compose):
    for name, service in compose["services"].items():
        for key, value in (service.get("environment") or {}).items():
            if "SECRET" in key or "PASSWORD" in key:
                assert _VAR.fullmatch(str(value)), f"{name}.{key} must come from .env"
    assert "CAIRN_AUTH_TOKEN_SECRET=\n" in (COMPOSE / "example.env").read_text()


def test_servers_and_http_processes_have_health_checks_and_stores_have_volumes(compose):
    services = compose["services"]
    for name in (*INFRA, *PROCESSES):
        assert services[name]["healthcheck"]["test"], name
    for name in set(PROCESSES) - {"gateway", "files"}:
        assert "9102/readyz" in " ".join(services[name]["healthcheck"]["test"]), name
    assert "/_ready" in " ".join(services["gateway"]["healthcheck"]["test"])
    assert services["gateway"]["ports"] == ["${CAIRN_GATEWAY_PORT:-8008}:8008"]
    assert services["files"]["ports"] == ["${CAIRN_FILES_PORT:-8081}:8081"]
    mounts = {name: [v.split(":")[0] for v in services[name].get("volumes", [])] for name in services}
    assert {n: mounts[n] for n in (*INFRA, "files")} == {
        "kafka": ["kafka-data"], "mongodb": ["mongodb-data"], "elasticsearch": ["elasticsearch-data"],
        "files": ["files-data"]}
    assert set(compose["volumes"]) == {"kafka-data", "mongodb-data", "elasticsearch-data", "files-data"}
    assert services["files"]["volumes"] == ["files-data:/data/files"]  # the image's CAIRN_FILES_ROOT


def test_jvm_heaps_stay_small(compose):
    assert "-Xmx512m" in compose["services"]["kafka"]["environment"]["KAFKA_HEAP_OPTS"]
    assert "-Xmx512m" in compose["services"]["elasticsearch"]["environment"]["ES_JAVA_OPTS"]


def test_mongodb_is_a_replica_set_so_the_outbox_has_transactions(compose):
    mongodb = compose["services"]["mongodb"]
    command = mongodb["command"]
    assert command[command.index("--replSet") + 1] == "rs0"
    assert "rs.initiate" in " ".join(mongodb["healthcheck"]["test"]) and "mongodb:27017" in " ".join(mongodb["healthcheck"]["test"])
