"""The processes of the local stack (the three servers, then every Cairn process): how each is
prepared, started and checked.

Order matters: servers first (Kafka, Elasticsearch, SecantusDB), then the Cairn processes,
identity and tasks before the gateway (whose readiness pings them over Kafka).
"""

from __future__ import annotations

import base64
import os
import subprocess
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping

from . import install, probes
from . import settings as cfg
from .settings import HOST, Settings

INFRA = "infra"
CAIRN = "cairn"
# Every process with a handled-endpoints list (shared/schemas/handled/<process>.txt), then the
# gateway, whose readiness pings them all.
_HANDLED = Path(__file__).resolve().parents[3] / "shared" / "schemas" / "handled"
# The files server has no RPC endpoints, so it has no handled list: it is named here.
CAIRN_SERVICES = (*sorted(p.stem for p in _HANDLED.glob("*.txt")), "files", "gateway")
ALIASES = {"es": "elasticsearch", "mongo": "secantusdb", "mongodb": "secantusdb"}
MAX_REPLICAS = 16


class PrepareError(RuntimeError):
    """A process cannot be started (missing software, bad settings); the message says why."""


@dataclass
class Service:
    """One managed process."""

    name: str
    kind: str  # INFRA or CAIRN
    address: str  # shown by status; "" for processes without a listening port
    port: int | None
    probe: Callable[[], bool] | None  # healthy at its address? None: no address to ask
    command: Callable[[], list[str]]
    prepare: Callable[[], None] = lambda: None
    env: dict[str, str] = field(default_factory=lambda: dict(os.environ))
    cwd: Path | None = None
    term_pidfile: Path | None = None
    start_timeout: float = 60.0


def _timeout(default: float) -> float:
    """CAIRN_START_TIMEOUT (seconds) overrides every start timeout, e.g. on a slow CI box."""
    value = os.environ.get("CAIRN_START_TIMEOUT", "").strip()
    return float(value) if value else default


# --------------------------------------------------------------------------- Kafka


def _kafka_dirs(s: Settings) -> tuple[Path, Path]:
    return s.data / "kafka" / "config", s.data / "kafka" / "data"


def _render(template: Path, target: Path, values: dict[str, str]) -> None:
    text = template.read_text()
    for key, value in values.items():
        text = text.replace(f"@{key}@", value)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text)


def _prepare_kafka(s: Settings) -> None:
    """Write this stack's config (ports may differ per data folder) and format storage once."""
    if not s.kafka_java:
        raise PrepareError("java not found for Kafka: install Java 17+ or set CAIRN_KAFKA_JAVA_HOME")
    if not (s.kafka_home / install.MARKER).exists():
        raise PrepareError(f"Kafka is not installed in {s.kafka_home}: run `stack.py install`")
    config, data = _kafka_dirs(s)
    _render(
        cfg.DEPLOY_DIR / "kafka" / "server.properties",
        config / "server.properties",
        {"DATA": str(data), "PORT": str(s.kafka_port), "CONTROLLER_PORT": str(s.kafka_controller_port)},
    )
    _render(cfg.DEPLOY_DIR / "kafka" / "log4j2.properties", config / "log4j2.properties", {})
    if not (data / "meta.properties").exists():
        _format_kafka(s, config / "server.properties")


def new_cluster_id(draw: Callable[[], bytes] = lambda: uuid.uuid4().bytes) -> str:
    """A KRaft cluster id: 16 random bytes in unpadded base64url, as Kafka makes them. One
    that starts with ``-`` (1 draw in 64) is drawn again, as Kafka's own ``Uuid`` does: the
    storage tool would read it as an option and refuse to format."""
    while True:
        cluster_id = base64.urlsafe_b64encode(draw()).decode().rstrip("=")
        if not cluster_id.startswith("-"):
            return cluster_id


def _format_kafka(s: Settings, properties: Path) -> None:
    """KRaft storage needs a cluster id written once; later starts reuse it (and the data)."""
    began = time.monotonic()
    cluster_id = new_cluster_id()
    log = s.logs / "kafka.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "a") as handle:
        result = subprocess.run(
            [s.kafka_java, "-cp", f"{s.kafka_home / 'lib'}/*", "kafka.tools.StorageTool",
             "format", "-t", cluster_id, "-c", str(properties)],
            stdin=subprocess.DEVNULL, stdout=handle, stderr=subprocess.STDOUT,
        )
    if result.returncode != 0:
        raise PrepareError(f"formatting Kafka storage failed (exit {result.returncode}); see {log}")
    print(f"[stack] kafka: formatted new storage (cluster {cluster_id}) in {time.monotonic() - began:.1f} s")


def _kafka_command(s: Settings) -> list[str]:
    config, _ = _kafka_dirs(s)
    return [
        s.kafka_java, "-Xms256m", "-Xmx512m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
        "-Djava.awt.headless=true",
        f"-Dlog4j2.configurationFile={config / 'log4j2.properties'}",
        "-cp", f"{s.kafka_home / 'lib'}/*",
        "kafka.Kafka", str(config / "server.properties"),
    ]


# --------------------------------------------------------------------------- Elasticsearch


def _prepare_elasticsearch(s: Settings) -> None:
    """Config into the install, data folders owned by the ES user, a stale pid file removed."""
    if not (s.es_home / install.MARKER).exists():
        raise PrepareError(f"Elasticsearch is not installed in {s.es_home}: run `stack.py install`")
    if s.es_java_home is None:
        raise PrepareError(
            f"Elasticsearch needs Java {cfg.ES_MIN_JAVA}+ and none was found: set CAIRN_ES_JAVA_HOME"
        )
    config = s.es_home / "config"
    (config / "elasticsearch.yml").write_text((cfg.DEPLOY_DIR / "elasticsearch" / "elasticsearch.yml").read_text())
    (config / "jvm.options.d").mkdir(exist_ok=True)
    (config / "jvm.options.d" / "heap.options").write_text(
        (cfg.DEPLOY_DIR / "elasticsearch" / "heap.options").read_text()
    )
    install.make_reachable(s.es_data.parent)
    for sub in ("data", "logs"):
        (s.es_data / sub).mkdir(parents=True, exist_ok=True)
    (s.es_data / "es.pid").unlink(missing_ok=True)
    if s.es_user:
        install.ensure_es_user(s.es_user)
        install.chown_tree(config, s.es_user)
        install.chown_tree(s.es_data, s.es_user)
    link = s.data / "elasticsearch"
    if s.es_data != link and not link.exists() and not link.is_symlink():
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(s.es_data)  # so the data folder shows where ES keeps its part


def _es_command(s: Settings) -> list[str]:
    """bin/elasticsearch in the foreground (its output goes to our log), as the ES user if root."""
    command = [
        str(s.es_home / "bin" / "elasticsearch"),
        "-p", str(s.es_data / "es.pid"),
        "-E", f"http.port={s.es_port}",
        "-E", f"transport.port={s.es_transport_port}",
        "-E", f"path.data={s.es_data / 'data'}",
        "-E", f"path.logs={s.es_data / 'logs'}",
    ]
    if not s.es_user:
        return command
    return ["runuser", "-u", s.es_user, "--", "env", f"ES_JAVA_HOME={s.es_java_home}", *command]


def _es_env(s: Settings) -> dict[str, str]:
    env = dict(os.environ)
    env["ES_JAVA_HOME"] = str(s.es_java_home)
    env.pop("JAVA_HOME", None)  # ES warns about, and may prefer, a JAVA_HOME set to Java 17
    return env


# --------------------------------------------------------------------------- SecantusDB


def _prepare_secantusdb(s: Settings) -> None:
    """Storage folder, and an empty config file so that no stray secantusd.toml is picked up."""
    if not (s.secantus_venv / install.MARKER).exists():
        raise PrepareError(f"SecantusDB is not installed in {s.secantus_venv}: run `stack.py install`")
    (s.data / "secantusdb").mkdir(parents=True, exist_ok=True)
    config = s.data / "secantusd.toml"
    if not config.exists():
        config.write_text("# Empty on purpose: stack.py passes every setting as a flag.\n")


def _secantus_command(s: Settings) -> list[str]:
    # WiredTiger's cache defaults to 1G; a smaller one keeps the local stack's memory modest.
    cache = os.environ.get("CAIRN_MONGO_CACHE_SIZE", "256M")
    return [
        str(s.secantus_venv / "bin" / "secantusd-py"),
        "--config", str(s.data / "secantusd.toml"),
        "--host", HOST, "--port", str(s.mongo_port),
        "--storage-path", str(s.data / "secantusdb"),
        "--cache-size", cache,
    ]


# --------------------------------------------------------------------------- Cairn


def _prepare_cairn(s: Settings) -> None:
    if not s.python.exists():
        raise PrepareError(f"no project virtualenv at {s.python}: run `make install` first")


FILES_PORT = int(os.environ.get("CAIRN_FILES_PORT", "8081"))


def _cairn_env(s: Settings, secrets: dict[str, str]) -> dict[str, str]:
    env = dict(os.environ)
    env.update(s.connection_env())
    env.setdefault("CAIRN_FILES_PORT", str(FILES_PORT))
    env.setdefault("CAIRN_FILES_ROOT", str(s.data / "files"))
    env.setdefault("CAIRN_FILES_URL", f"http://{HOST}:{FILES_PORT}")
    env.update(secrets)
    env["PYTHONUNBUFFERED"] = "1"  # log lines reach the log file as they happen
    return env


# --------------------------------------------------------------------------- all


def build(s: Settings, secrets: dict[str, str] | None = None) -> list[Service]:
    """Every process of the stack, in start order."""
    services = [
        Service(
            name="kafka", kind=INFRA, address=s.kafka_bootstrap, port=s.kafka_port,
            probe=lambda: probes.kafka_ready(HOST, s.kafka_port),
            command=lambda: _kafka_command(s), prepare=lambda: _prepare_kafka(s),
            cwd=s.data / "kafka",
            start_timeout=_timeout(120),
        ),
        Service(
            name="elasticsearch", kind=INFRA, address=s.es_url, port=s.es_port,
            probe=lambda: probes.elasticsearch_ready(HOST, s.es_port),
            command=lambda: _es_command(s), prepare=lambda: _prepare_elasticsearch(s),
            env=_es_env(s), term_pidfile=s.es_data / "es.pid", cwd=s.es_data,
            start_timeout=_timeout(240),
        ),
        Service(
            name="secantusdb", kind=INFRA, address=s.mongo_uri, port=s.mongo_port,
            probe=lambda: probes.mongo_ready(HOST, s.mongo_port),
            command=lambda: _secantus_command(s), prepare=lambda: _prepare_secantusdb(s),
            cwd=s.data / "secantusdb",
            start_timeout=_timeout(60),
        ),
    ]
    cairn_env = _cairn_env(s, secrets or {})
    counts = replica_counts()
    for name in CAIRN_SERVICES:
        for replica in range(1, counts[name] + 1):
            services.append(_cairn_service(s, name, replica, cairn_env))
    return services


def _cairn_service(s: Settings, name: str, replica: int, cairn_env: dict[str, str]) -> Service:
    """Instance ``replica`` (1, 2, ...) of Cairn process ``name``; the first keeps the plain name."""
    is_gateway, is_files = name == "gateway", name == "files"
    # Every process serves /metrics, /livez and /readyz on a port of its own (shared/metrics.py);
    # the ones without an API of their own are ready when their /readyz says so.
    metrics_port = metrics_port_of(s, name, replica)
    metrics_url = f"http://{HOST}:{metrics_port}"
    gateway_port = gateway_port_of(s, replica)
    gateway_url = f"http://{HOST}:{gateway_port}"
    if is_gateway:
        probe = lambda: probes.http_ok(f"{gateway_url}/_ready")  # noqa: E731
    elif is_files:
        probe = lambda: probes.http_ok(f"http://{HOST}:{FILES_PORT}/")  # noqa: E731
    else:
        probe = lambda: probes.http_ok(f"{metrics_url}/readyz")  # noqa: E731
    env = {**cairn_env, "CAIRN_METRICS_PORT": str(metrics_port)}
    if is_gateway:
        env["CAIRN_GATEWAY_PORT"] = str(gateway_port)
    return Service(
        name=replica_name(name, replica), kind=CAIRN,
        address=gateway_url if is_gateway else (f"http://{HOST}:{FILES_PORT}" if is_files else metrics_url),
        port=gateway_port if is_gateway else (FILES_PORT if is_files else metrics_port),
        probe=probe,
        command=lambda: [str(s.python), "-m", f"services.{name}"],
        prepare=lambda: _prepare_cairn(s),
        env=env, cwd=cfg.REPO_DIR,
        start_timeout=_timeout(60),
    )


# --------------------------------------------------------------------------- replicas


def replica_counts(environ: Mapping[str, str] | None = None) -> dict[str, int]:
    """How many instances of each Cairn process run: ``CAIRN_REPLICAS_<PROCESS>`` (e.g.
    ``CAIRN_REPLICAS_TASKS=2``), else its entry in ``CAIRN_REPLICAS`` (``tasks=2,events=2``),
    else 1. Service instances share their consumer groups (Kafka splits the partitions between
    them); gateways share nothing. The files server runs once (one folder, one port)."""
    environ = os.environ if environ is None else environ
    listed: dict[str, str] = {}
    for item in environ.get("CAIRN_REPLICAS", "").replace(";", ",").split(","):
        if item.strip():
            name, sep, count = item.partition("=")
            name = resolve_name(name.strip())
            if not sep or name not in CAIRN_SERVICES:
                raise SystemExit(f"CAIRN_REPLICAS: {item.strip()!r} is not <process>=<count> "
                                 f"(processes: {', '.join(CAIRN_SERVICES)})")
            listed[name] = count.strip()
    counts = {}
    for name in CAIRN_SERVICES:
        variable = f"CAIRN_REPLICAS_{name.upper()}"
        value = environ.get(variable, "").strip() or listed.get(name, "1")
        if not value.isdigit() or not 1 <= int(value) <= MAX_REPLICAS:
            raise SystemExit(f"{variable}: {value!r} is not a count from 1 to {MAX_REPLICAS}")
        counts[name] = int(value)
    if counts["files"] != 1:
        raise SystemExit("the files server runs once (one folder, one port): CAIRN_REPLICAS_FILES must be 1")
    return counts


def replica_name(name: str, replica: int) -> str:
    """The record (and log) name of an instance: ``tasks`` for the first, ``tasks-2``, ..."""
    return name if replica == 1 else f"{name}-{replica}"


def process_of(record_name: str) -> str | None:
    """The Cairn process of a record name (``tasks-2`` -> ``tasks``), None for a server."""
    base, sep, number = record_name.rpartition("-")
    name = base if sep and number.isdigit() else record_name
    return name if name in CAIRN_SERVICES else None


def recorded_replicas(run_dir: Path) -> list[str]:
    """Record names of extra instances started from this data folder (perhaps with more
    replicas than configured now): ``down`` stops them too."""
    found = []
    for path in sorted(run_dir.glob("*-*.json")):
        if process_of(path.stem) is not None and path.stem not in CAIRN_SERVICES:
            found.append(path.stem)
    return found


def gateway_port_of(s: Settings, replica: int = 1) -> int:
    """The first gateway listens on CAIRN_GATEWAY_PORT (8008), the next ones on the ports after."""
    return s.gateway_port + replica - 1


def metrics_port_of(s: Settings, name: str, replica: int = 1) -> int:
    """Where a Cairn process serves /metrics, /livez and /readyz (``make status`` asks): the
    first instances on base, base+1, ...; instance n one block of len(CAIRN_SERVICES) further."""
    return s.metrics_base_port + CAIRN_SERVICES.index(name) + (replica - 1) * len(CAIRN_SERVICES)


def resolve_name(name: str) -> str:
    return ALIASES.get(name, name)
