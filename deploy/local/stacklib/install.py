"""First-use installation of the three servers into the machine-wide cache (CAIRN_HOME).

Every step is idempotent: it is done when its marker file exists and names the same version
and recipe. A step that was interrupted leaves no marker (work happens in a temporary folder
that is renamed into place, or the marker is written last), so the next run redoes it.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import pwd
import shutil
import subprocess
import sys
import time
import zipfile
from contextlib import contextmanager
from pathlib import Path

from . import settings as cfg
from .settings import Settings

MARKER = ".cairn-installed"
DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1"
ES_ARTIFACT = f"org.elasticsearch.distribution.integ-test-zip:elasticsearch:{cfg.ES_VERSION}:zip"


class InstallError(RuntimeError):
    """An install step failed; the message says what to do."""


_quiet = False  # `up`/`run` install on first use, but say nothing when all is in place


def _say(text: str) -> None:
    print(f"[install] {text}", flush=True)


def _note(text: str) -> None:
    if not _quiet:
        _say(text)


@contextmanager
def _step(what: str):
    began = time.monotonic()
    _say(f"{what} ...")
    yield
    _say(f"{what}: done in {time.monotonic() - began:.1f} s")


@contextmanager
def _install_lock(home: Path):
    """Two clones installing at once would fight over the same folders: take turns."""
    home.mkdir(parents=True, exist_ok=True)
    with open(home / ".install.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def _fingerprint(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode() if isinstance(part, str) else part)
    return digest.hexdigest()[:16]


def _installed(folder: Path, fingerprint: str) -> bool:
    try:
        return (folder / MARKER).read_text().strip() == fingerprint
    except OSError:
        return False


def _run(argv: list[str], what: str) -> None:
    """Run an installer command; on failure show its output and stop."""
    result = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip().splitlines()
        raise InstallError(
            f"{what} failed (exit {result.returncode}): {' '.join(argv)}\n" + "\n".join(output[-40:])
        )


def _mvn(s: Settings, *args: str) -> list[str]:
    mvn = shutil.which("mvn")
    if not mvn:
        raise InstallError("Maven (mvn) is missing: install it (Debian: apt-get install maven)")
    # A repository inside the cache keeps every download of the stack in one place.
    return [mvn, "-B", "-q", f"-Dmaven.repo.local={s.maven_repo}", *args]


def _fresh(folder: Path) -> Path:
    """An empty temporary sibling of `folder` to build into.

    Leftovers of interrupted installs are removed first (safe: the install lock is held).
    """
    folder.parent.mkdir(parents=True, exist_ok=True)
    for leftover in folder.parent.glob(f".{folder.name}.tmp-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    tmp = folder.with_name(f".{folder.name}.tmp-{os.getpid()}")
    tmp.mkdir()
    return tmp


def _move_into_place(tmp: Path, folder: Path, fingerprint: str) -> None:
    (tmp / MARKER).write_text(fingerprint + "\n")
    shutil.rmtree(folder, ignore_errors=True)
    tmp.rename(folder)


# --------------------------------------------------------------------------- Kafka


def install_kafka(s: Settings) -> None:
    """Kafka's runtime jars (plus a log4j2 binding) via Maven, into CAIRN_HOME/kafka-VERSION/lib."""
    pom = cfg.DEPLOY_DIR / "kafka" / "pom.xml"
    fingerprint = _fingerprint(cfg.KAFKA_VERSION, pom.read_bytes())
    if _installed(s.kafka_home, fingerprint):
        _note(f"Kafka {cfg.KAFKA_VERSION}: already installed in {s.kafka_home}")
        return
    with _step(f"Kafka {cfg.KAFKA_VERSION}: fetching jars from Maven Central into {s.kafka_home}"):
        tmp = _fresh(s.kafka_home)
        shutil.copy(pom, tmp / "pom.xml")
        _run(
            _mvn(
                s,
                "-f", str(tmp / "pom.xml"),
                f"{DEPENDENCY_PLUGIN}:copy-dependencies",
                f"-DoutputDirectory={tmp / 'lib'}",
                "-DincludeScope=runtime",
            ),
            "fetching Kafka jars",
        )
        jars = list((tmp / "lib").glob("*.jar"))
        if not any(j.name.startswith("kafka_2.13-") for j in jars):
            raise InstallError(f"Maven ran but no kafka_2.13 jar arrived in {tmp / 'lib'}")
        size_mb = sum(j.stat().st_size for j in jars) / 1e6
        _move_into_place(tmp, s.kafka_home, fingerprint)
        _say(f"Kafka: {len(jars)} jars, {size_mb:.0f} MB")


# --------------------------------------------------------------------------- Elasticsearch


def ensure_es_user(user: str) -> None:
    """Create the system user Elasticsearch runs as (it refuses to run as root)."""
    try:
        pwd.getpwnam(user)
        return
    except KeyError:
        pass
    _say(f"creating system user {user} for Elasticsearch")
    _run(
        ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", user],
        f"creating user {user}",
    )


def chown_tree(path: Path, user: str) -> None:
    entry = pwd.getpwnam(user)
    os.chown(path, entry.pw_uid, entry.pw_gid, follow_symlinks=False)
    for root, dirs, files in os.walk(path):
        for name in dirs + files:
            os.chown(os.path.join(root, name), entry.pw_uid, entry.pw_gid, follow_symlinks=False)


def make_reachable(folder: Path) -> None:
    """Create `folder` (and missing parents) with mode 755 so the ES user can pass through."""
    missing = [p for p in [folder, *folder.parents] if not p.exists()]
    for path in reversed(missing):
        path.mkdir()
        path.chmod(0o755)


def _extract_zip(archive: Path, into: Path) -> None:
    """Unpack keeping the Unix permissions (zipfile drops them; bin/ must stay executable)."""
    with zipfile.ZipFile(archive) as bundle:
        for member in bundle.infolist():
            target = Path(bundle.extract(member, into))
            mode = (member.external_attr >> 16) & 0o7777
            if mode:
                target.chmod(mode)


def install_elasticsearch(s: Settings) -> None:
    """The Elasticsearch integration-test zip from Maven Central, unpacked into es_home.

    As root the folder belongs to the ES user: Elasticsearch writes its keystore into config/.
    """
    fingerprint = _fingerprint(cfg.ES_VERSION, ES_ARTIFACT, s.es_user or "")
    if _installed(s.es_home, fingerprint):
        _note(f"Elasticsearch {cfg.ES_VERSION}: already installed in {s.es_home}")
        return
    with _step(f"Elasticsearch {cfg.ES_VERSION}: fetching the zip from Maven Central into {s.es_home}"):
        make_reachable(s.es_home.parent)
        tmp = _fresh(s.es_home)
        _run(
            _mvn(s, f"{DEPENDENCY_PLUGIN}:copy", f"-Dartifact={ES_ARTIFACT}", f"-DoutputDirectory={tmp}"),
            "fetching the Elasticsearch zip",
        )
        archive = tmp / f"elasticsearch-{cfg.ES_VERSION}.zip"
        _extract_zip(archive, tmp)
        archive.unlink()  # Maven's repository in the cache keeps a copy
        unpacked = tmp / f"elasticsearch-{cfg.ES_VERSION}"
        if not (unpacked / "bin" / "elasticsearch").exists():
            raise InstallError(f"the zip did not contain elasticsearch-{cfg.ES_VERSION}/bin/elasticsearch")
        for item in unpacked.iterdir():
            item.rename(tmp / item.name)
        unpacked.rmdir()
        tmp.chmod(0o755)
        if s.es_user:
            ensure_es_user(s.es_user)
            chown_tree(tmp, s.es_user)
        _move_into_place(tmp, s.es_home, fingerprint)


def check_es_java(s: Settings) -> None:
    """Say clearly when no Java 21+ exists, instead of letting Elasticsearch fail later."""
    if s.es_java_home is None:
        raise InstallError(
            f"Elasticsearch {cfg.ES_VERSION} needs Java {cfg.ES_MIN_JAVA} or newer, and none was found "
            "in /usr/lib/jvm or JAVA_HOME. Install one (e.g. Temurin 21/25) or set CAIRN_ES_JAVA_HOME."
        )


# --------------------------------------------------------------------------- SecantusDB


def _venv_works(venv: Path) -> bool:
    """A virtualenv dies with the interpreter it was made from (e.g. a removed pyenv version)."""
    try:
        return subprocess.run([str(venv / "bin" / "python"), "-c", "import secantus"],
                              capture_output=True, timeout=60).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def install_secantusdb(s: Settings) -> None:
    """SecantusDB in a virtualenv of its own: it is a server process, not a library of Cairn.

    A virtualenv cannot be moved after creation (its scripts hold absolute paths), so it is
    built in place and the marker is written last.
    """
    fingerprint = _fingerprint(cfg.SECANTUS_VERSION)
    venv = s.secantus_venv
    if _installed(venv, fingerprint) and _venv_works(venv):
        _note(f"SecantusDB {cfg.SECANTUS_VERSION}: already installed in {venv}")
        return
    with _step(f"SecantusDB {cfg.SECANTUS_VERSION}: pip install into {venv}"):
        shutil.rmtree(venv, ignore_errors=True)
        _run([sys.executable, "-m", "venv", str(venv)], "creating the SecantusDB virtualenv")
        _run(
            [
                str(venv / "bin" / "pip"), "install", "--disable-pip-version-check", "-q",
                "--pre", f"secantusdb=={cfg.SECANTUS_VERSION}",
            ],
            "pip install secantusdb",
        )
        if not (venv / "bin" / "secantusd-py").exists():
            raise InstallError(f"secantusdb installed but {venv}/bin/secantusd-py is missing")
        (venv / MARKER).write_text(fingerprint + "\n")


# --------------------------------------------------------------------------- all


def check_prerequisites(s: Settings) -> None:
    if not s.kafka_java:
        raise InstallError("java is missing (Kafka needs Java 17+): apt-get install openjdk-17-jre-headless")
    check_es_java(s)


def install_all(s: Settings, quiet: bool = False) -> None:
    """Install whatever is missing; quick (markers only) when everything is there.

    `quiet`: print only actual installation work, not "already installed".
    """
    global _quiet
    _quiet = quiet
    began = time.monotonic()
    check_prerequisites(s)
    with _install_lock(s.home):
        install_kafka(s)
        install_elasticsearch(s)
        install_secantusdb(s)
    _note(f"all servers installed (cache {s.home}), {time.monotonic() - began:.1f} s")
