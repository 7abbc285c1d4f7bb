"""Where the local stack keeps its software and data, and which ports it uses.

Everything is read from environment variables once, so that a second clone, a CI run or a
test run with other ports can point the same script elsewhere without editing files.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path

KAFKA_VERSION = "4.4.0"
ES_VERSION = "9.2.4"
SECANTUS_VERSION = "0.7.0b3"
ES_MIN_JAVA = 21  # Elasticsearch 9 refuses older Java

HOST = "127.0.0.1"
DEPLOY_DIR = Path(__file__).resolve().parent.parent  # deploy/local
REPO_DIR = DEPLOY_DIR.parent.parent
# Elasticsearch refuses to run as root; as root it runs as this system user.
DEFAULT_ES_USER = "cairn-es"
# When root, the Elasticsearch user cannot enter /root (mode 700): its files go here.
ROOT_SHARED_DIR = Path("/var/lib/cairn")


def is_root() -> bool:
    return os.geteuid() == 0


def traversable_by_others(path: Path) -> bool:
    """True if a non-owner user can reach `path`: every existing ancestor must be o+x.

    Folders that do not exist yet are created by us with mode 755, so they do not block.
    """
    for folder in [path, *path.parents]:
        try:
            mode = folder.stat().st_mode
        except FileNotFoundError:
            continue
        if not mode & stat.S_IXOTH:
            return False
    return True


def java_major(java_home: Path) -> int | None:
    """Java feature version read from the JDK's `release` file (None if unreadable)."""
    try:
        text = (java_home / "release").read_text()
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("JAVA_VERSION="):
            version = line.split("=", 1)[1].strip().strip('"')
            head = version.split(".")[0].split("-")[0].split("+")[0]
            major = int(head) if head.isdigit() else None
            if major == 1:  # old "1.8.0" style
                return 8
            return major
    return None


def find_es_java() -> Path | None:
    """A JDK new enough for Elasticsearch 9: the explicit setting first, else the newest in /usr/lib/jvm.

    An explicit CAIRN_ES_JAVA_HOME is returned even if it looks wrong, so that the user gets
    Elasticsearch's own error (and the failure path can be exercised on purpose).
    """
    explicit = os.environ.get("CAIRN_ES_JAVA_HOME") or os.environ.get("ES_JAVA_HOME")
    if explicit:
        return Path(explicit)
    candidates = []
    for home in [os.environ.get("JAVA_HOME"), *map(str, sorted(Path("/usr/lib/jvm").glob("*")))]:
        if not home:
            continue
        major = java_major(Path(home))
        if major and major >= ES_MIN_JAVA and (Path(home) / "bin" / "java").exists():
            candidates.append((major, Path(home)))
    return max(candidates)[1] if candidates else None


def find_kafka_java() -> str | None:
    """The java binary for Kafka (17 is enough): CAIRN_KAFKA_JAVA_HOME, JAVA_HOME, else PATH."""
    for home in (os.environ.get("CAIRN_KAFKA_JAVA_HOME"), os.environ.get("JAVA_HOME")):
        if home and (Path(home) / "bin" / "java").exists():
            return str(Path(home) / "bin" / "java")
    return shutil.which("java")


def _port(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


def _path(name: str, default: Path) -> Path:
    value = os.environ.get(name, "")
    # abspath, not resolve(): resolving a virtualenv's python symlink would leave the venv.
    return Path(os.path.abspath(Path(value).expanduser())) if value.strip() else default


@dataclass(frozen=True)
class Settings:
    """All locations and ports of one local stack."""

    home: Path  # software cache, shared by every clone on the machine
    data: Path  # data, logs, pid records, secrets of one stack
    es_home: Path  # unpacked Elasticsearch distribution
    es_data: Path  # Elasticsearch data + its own logs (writable by the ES user)
    es_user: str | None  # None: run Elasticsearch as the current user
    es_java_home: Path | None
    kafka_java: str | None
    python: Path  # the project's virtualenv interpreter, for the Cairn processes
    kafka_port: int
    kafka_controller_port: int
    es_port: int
    es_transport_port: int
    mongo_port: int
    gateway_port: int
    metrics_base_port: int = 9410  # the Cairn processes' /metrics, /livez, /readyz: base, base+1, ...

    @property
    def kafka_home(self) -> Path:
        return self.home / f"kafka-{KAFKA_VERSION}"

    @property
    def secantus_venv(self) -> Path:
        return self.home / f"secantusdb-{SECANTUS_VERSION}"

    @property
    def maven_repo(self) -> Path:
        return self.home / "m2"

    @property
    def logs(self) -> Path:
        return self.data / "logs"

    @property
    def run_dir(self) -> Path:
        return self.data / "run"

    @property
    def secrets_file(self) -> Path:
        return self.data / "secrets.env"

    @property
    def kafka_bootstrap(self) -> str:
        return f"{HOST}:{self.kafka_port}"

    @property
    def mongo_uri(self) -> str:
        return f"mongodb://{HOST}:{self.mongo_port}"

    @property
    def es_url(self) -> str:
        return f"http://{HOST}:{self.es_port}"

    @property
    def gateway_url(self) -> str:
        return f"http://{HOST}:{self.gateway_port}"

    def connection_env(self) -> dict[str, str]:
        """The variables every Cairn process (and test) reads to find the servers."""
        return {
            "CAIRN_KAFKA_BOOTSTRAP": self.kafka_bootstrap,
            "CAIRN_MONGO_URI": self.mongo_uri,
            "CAIRN_ES_URL": self.es_url,
            "CAIRN_GATEWAY_PORT": str(self.gateway_port),
        }


def _es_base(home: Path) -> Path:
    """Folder for the Elasticsearch install: the cache itself unless root can't share it."""
    if not is_root() or traversable_by_others(home):
        return home
    return ROOT_SHARED_DIR


def _default_es_data(data: Path) -> Path:
    """ES data next to the other data if the ES user can reach it, else under /var/lib/cairn.

    The folder name carries a hash of the data folder, so two data folders never share (and
    lock each other out of) one Elasticsearch data path.
    """
    if not is_root() or traversable_by_others(data):
        return data / "elasticsearch"
    digest = hashlib.sha256(str(data).encode()).hexdigest()[:10]
    return ROOT_SHARED_DIR / "es-data" / f"data-{digest}"


def load() -> Settings:
    home = _path("CAIRN_HOME", Path("~/.cache/cairn").expanduser())
    data = _path("CAIRN_DATA_DIR", home / "data")
    return Settings(
        home=home,
        data=data,
        es_home=_path("CAIRN_ES_HOME", _es_base(home) / f"elasticsearch-{ES_VERSION}"),
        es_data=_path("CAIRN_ES_DATA_DIR", _default_es_data(data)),
        es_user=(os.environ.get("CAIRN_ES_USER") or DEFAULT_ES_USER) if is_root() else None,
        es_java_home=find_es_java(),
        kafka_java=find_kafka_java(),
        python=_path("CAIRN_PYTHON", REPO_DIR / ".venv" / "bin" / "python"),
        kafka_port=_port("CAIRN_KAFKA_PORT", 9092),
        kafka_controller_port=_port("CAIRN_KAFKA_CONTROLLER_PORT", 19093),
        es_port=_port("CAIRN_ES_PORT", 9200),
        es_transport_port=_port("CAIRN_ES_TRANSPORT_PORT", 9300),
        mongo_port=_port("CAIRN_MONGO_PORT", 27017),
        gateway_port=_port("CAIRN_GATEWAY_PORT", 8008),
        metrics_base_port=_port("CAIRN_METRICS_BASE_PORT", 9410),
    )
