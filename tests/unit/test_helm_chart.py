"""The Helm chart (deploy/helm/cairn) and the Dockerfile can run every Cairn process.

Runs the real helm CLI (`helm lint`, `helm template`) and checks the rendered objects against
the code, not against a copy of it: the processes are ``shared.endpoints.SERVICE_PROCESSES`` plus
files and gateway; each process's settings class (``services/<name>/settings.py``) is loaded
from exactly the environment its Deployment gives it (ConfigMap + Secret + env), so a setting a
process needs and the chart forgets fails here.

Every rendered object is also decoded strictly into its k8s.io/api type by
``deploy/helm/kubecheck`` (a misspelt field such as ``initialDelaySecond`` fails; helm lint
would pass it). Both tools are taken from ${CAIRN_HOME:-~/.cache/cairn}/bin; when one is missing
the first test runs ``deploy/helm/install-helm.sh`` (builds them with the Go toolchain: 176 s on
a cold Go cache on the 2-core machine, once); if that fails, the tests fail (they do not skip).
"""

from __future__ import annotations

import base64
import importlib
import importlib.util
import inspect
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from shared.endpoints import SERVICE_PROCESSES
from shared.settings import SharedSettings, TokenSettings

REPO = Path(__file__).resolve().parents[2]
CHART = REPO / "deploy" / "helm" / "cairn"
PROCESSES = (*SERVICE_PROCESSES, "files", "gateway")
HTTP = {"gateway": ("/_ready", "/_health"), "files": ("/", "/")}  # readiness, liveness paths

TOKEN = "token-secret-sentinel-3f9a1c"
ADMIN_KEY = "ADMINKEYSENTINEL7Q2W"
ADMIN_SECRET = "admin-secret-sentinel-8d0e4b"
BASE = {
    "kafka": {"bootstrap": "kafka-0.kafka:9092,kafka-1.kafka:9092"},
    "mongodb": {"uri": "mongodb://mongo-0.mongo:27017/?replicaSet=rs0"},
    "elasticsearch": {"url": "http://es-http.search:9200"},
    "auth": {"tokenSecret": TOKEN, "adminAccessKey": ADMIN_KEY, "adminSecretKey": ADMIN_SECRET},
}
LOOPBACK = re.compile(r"127\.0\.0\.1|localhost")
# The first test may build helm (see the docstring).
pytestmark = pytest.mark.timeout(900)


# --------------------------------------------------------------------------- helm


def _tools() -> dict[str, str] | None:
    """helm and kubecheck as installed by deploy/helm/install-helm.sh, or None."""
    home = Path(os.environ.get("CAIRN_HOME") or Path.home() / ".cache" / "cairn")
    found = {name: str(home / "bin" / name) for name in ("helm", "kubecheck")}
    return found if all(os.access(path, os.X_OK) for path in found.values()) else None


@pytest.fixture(scope="module")
def tools() -> dict[str, str]:
    found = _tools()
    if found is None:
        script = REPO / "deploy" / "helm" / "install-helm.sh"
        result = subprocess.run([str(script)], capture_output=True, text=True, timeout=840)
        found = _tools()
        if result.returncode != 0 or found is None:
            pytest.fail(f"no helm/kubecheck, and {script.name} failed:\n{result.stdout}{result.stderr}", pytrace=False)
    return found


@pytest.fixture(scope="module")
def helm(tools) -> str:
    return tools["helm"]


def _merge(base: dict, extra: dict) -> dict:
    out = dict(base)
    for key, value in extra.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def _run(helm: str, args: list[str], values: dict, tmp: Path) -> subprocess.CompletedProcess:
    values_file = tmp / "values.yaml"
    values_file.write_text(yaml.safe_dump(values))
    return subprocess.run([helm, *args, str(CHART), "-f", str(values_file)],
                          capture_output=True, text=True, timeout=60)


def render(helm: str, tmp: Path, values: dict | None = None) -> list[dict]:
    result = _run(helm, ["template", "rel", "--namespace", "ml"], _merge(BASE, values or {}), tmp)
    assert result.returncode == 0, result.stderr
    return [doc for doc in yaml.safe_load_all(result.stdout) if doc]


def render_error(helm: str, tmp: Path, values: dict) -> str:
    result = _run(helm, ["template", "rel"], _merge(BASE, values), tmp)
    assert result.returncode != 0, "helm template should have refused these values"
    return result.stderr


@pytest.fixture(scope="module")
def docs(helm, tmp_path_factory) -> list[dict]:
    return render(helm, tmp_path_factory.mktemp("render"))


def of_kind(docs: list[dict], kind: str) -> dict[str, dict]:
    return {d["metadata"]["name"]: d for d in docs if d["kind"] == kind}


def deployments(docs: list[dict]) -> dict[str, dict]:
    """Deployments by process (their component label)."""
    return {d["metadata"]["labels"]["app.kubernetes.io/component"]: d for d in of_kind(docs, "Deployment").values()}


def container(deployment: dict) -> dict:
    (only,) = deployment["spec"]["template"]["spec"]["containers"]
    return only


def resolved_env(docs: list[dict], deployment: dict) -> dict[str, str]:
    """The environment the pod's container starts with, resolved from the rendered objects."""
    maps, secrets = of_kind(docs, "ConfigMap"), of_kind(docs, "Secret")
    c, env = container(deployment), {}
    for source in c.get("envFrom", []):
        env.update(maps[source["configMapRef"]["name"]]["data"])
    for item in c.get("env", []):
        if "value" in item:
            env[item["name"]] = item["value"]
            continue
        ref = item["valueFrom"]["secretKeyRef"]
        data = secrets[ref["name"]].get("data", {})
        if ref["key"] in data:
            env[item["name"]] = base64.b64decode(data[ref["key"]]).decode()
        else:
            assert ref.get("optional"), f"{item['name']}: key {ref['key']} missing from Secret {ref['name']}"
    return env


def settings_class(process: str) -> type[SharedSettings]:
    module = importlib.import_module(f"services.{process}.settings")
    (cls,) = [c for _, c in inspect.getmembers(module, inspect.isclass)
              if issubclass(c, SharedSettings) and c.__module__ == module.__name__]
    return cls


def load_settings(monkeypatch, cls: type[SharedSettings], env: dict[str, str]) -> SharedSettings:
    """Build the settings the way the process does, from nothing but ``env``."""
    for key in [k for k in os.environ if k.startswith("CAIRN_")]:
        monkeypatch.delenv(key)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return cls()


# --------------------------------------------------------------------------- the processes


def test_lint_passes(helm, tmp_path):
    result = _run(helm, ["lint", "--strict"], BASE, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def _kubecheck(tools, text: str) -> subprocess.CompletedProcess:
    return subprocess.run([tools["kubecheck"]], input=text, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("values", [
    {},
    {"ingress": {"enabled": True, "tls": [{"secretName": "tls", "hosts": ["api.cairn.example.com"]}]},
     "files": {"replicas": 3, "persistence": {"accessModes": ["ReadWriteMany"], "storageClass": "nfs"}}},
    {"auth": {"existingSecret": "ops"}, "mongodb": {"existingSecret": "db"}, "elasticsearch": {"existingSecret": "es"},
     "files": {"persistence": {"enabled": False}}, "imagePullSecrets": [{"name": "registry"}]},
    yaml.safe_load((CHART / "values-production.yaml").read_text()),
])
def test_every_object_is_a_valid_kubernetes_object(tools, tmp_path, values):
    text = "\n---\n".join(yaml.safe_dump(doc) for doc in render(tools["helm"], tmp_path, values))
    result = _kubecheck(tools, text)
    assert result.returncode == 0, result.stderr
    typo = text.replace("initialDelaySeconds", "initialDelaySecond", 1)
    assert _kubecheck(tools, typo).returncode == 1, "kubecheck must refuse an unknown field"


def test_one_deployment_per_process_running_its_entry_point(docs):
    found = deployments(docs)
    assert set(found) == set(PROCESSES)
    images = set()
    for process, deployment in found.items():
        c = container(deployment)
        assert c["command"] == ["python", "-m", f"services.{process}"]
        assert deployment["spec"]["selector"]["matchLabels"].items() <= \
            deployment["spec"]["template"]["metadata"]["labels"].items()
        images.add(c["image"])
    assert len(images) == 1, "every process runs the same image"


def test_replicas_come_from_values(helm, tmp_path):
    counts = {p: i + 2 for i, p in enumerate(PROCESSES) if p != "files"}
    found = deployments(render(helm, tmp_path, {p: {"replicas": n} for p, n in counts.items()}))
    assert {p: found[p]["spec"]["replicas"] for p in counts} == counts


@pytest.mark.parametrize("process", PROCESSES)
def test_settings_load_from_the_pod_environment(docs, monkeypatch, process):
    """Loaded from nothing but the pod's environment, with no loopback default left (such as
    127.0.0.1:9092 or a 127.0.0.1 listen address: wrong in a pod)."""
    cls = settings_class(process)
    env = resolved_env(docs, deployments(docs)[process])
    required = {f"CAIRN_{name.upper()}" for name, f in cls.model_fields.items() if f.is_required()}
    assert required <= env.keys()
    settings = load_settings(monkeypatch, cls, env)
    assert settings.dev_mode is False
    assert (settings.kafka_bootstrap, settings.mongo_uri, settings.es_url) == (
        BASE["kafka"]["bootstrap"], BASE["mongodb"]["uri"], BASE["elasticsearch"]["url"])
    assert {k: v for k, v in settings.model_dump().items() if LOOPBACK.search(str(v))} == {}
    if issubclass(cls, TokenSettings):
        assert settings.auth_token_secret == TOKEN
    if process == "identity":
        assert (settings.admin_access_key, settings.admin_secret_key) == (ADMIN_KEY, ADMIN_SECRET)


def test_without_an_admin_pair_identity_generates_one(helm, tmp_path, monkeypatch):
    docs = render(helm, tmp_path, {"auth": {"adminAccessKey": "", "adminSecretKey": ""}})
    (secret,) = of_kind(docs, "Secret").values()
    assert set(secret["data"]) == {"CAIRN_AUTH_TOKEN_SECRET"}
    env = resolved_env(docs, deployments(docs)["identity"])
    settings = load_settings(monkeypatch, settings_class("identity"), env)
    assert settings.admin_access_key is None and settings.admin_secret_key is None


def test_identity_claims_the_feature_set_of_the_values(helm, tmp_path, docs, monkeypatch):
    """Enterprise (``advanced``) by default: the SDK's Hyper-Datasets need it in the tokens."""
    cls = settings_class("identity")
    assert load_settings(monkeypatch, cls, resolved_env(docs, deployments(docs)["identity"])).feature_set == "advanced"
    basic = render(helm, tmp_path, {"identity": {"featureSet": "basic"}})
    assert load_settings(monkeypatch, cls, resolved_env(basic, deployments(basic)["identity"])).feature_set == "basic"


# --------------------------------------------------------------------------- secrets


def test_secrets_are_referenced_never_inlined(docs):
    sentinels = [TOKEN, ADMIN_KEY, ADMIN_SECRET]
    sentinels += [base64.b64encode(s.encode()).decode() for s in sentinels]
    for doc in docs:
        if doc["kind"] != "Secret":
            text = yaml.safe_dump(doc)
            assert not [s for s in sentinels if s in text], f"a secret is inlined in {doc['kind']}"
    secret_vars = {"CAIRN_AUTH_TOKEN_SECRET", "CAIRN_ADMIN_ACCESS_KEY", "CAIRN_ADMIN_SECRET_KEY"}
    for deployment in deployments(docs).values():
        for item in container(deployment).get("env", []):
            if item["name"] in secret_vars:
                assert "secretKeyRef" in item.get("valueFrom", {}), item


def test_each_process_gets_only_the_secrets_it_reads(docs):
    for process, deployment in deployments(docs).items():
        names = {i["name"] for i in container(deployment).get("env", []) if "valueFrom" in i}
        expected = {"CAIRN_AUTH_TOKEN_SECRET"} if issubclass(settings_class(process), TokenSettings) else set()
        if process == "identity":
            expected |= {"CAIRN_ADMIN_ACCESS_KEY", "CAIRN_ADMIN_SECRET_KEY"}
        assert names == expected, process


def test_an_existing_secret_replaces_the_chart_secret(helm, tmp_path):
    values = {"auth": {"tokenSecret": "", "adminAccessKey": "", "adminSecretKey": "", "existingSecret": "ops-auth"},
              "mongodb": {"existingSecret": "ops-mongo", "existingSecretKey": "uri"}}
    docs = render(helm, tmp_path, values)
    assert of_kind(docs, "Secret") == {}
    (config,) = of_kind(docs, "ConfigMap").values()
    assert "CAIRN_MONGO_URI" not in config["data"]
    for deployment in deployments(docs).values():
        refs = {i["name"]: i["valueFrom"]["secretKeyRef"] for i in container(deployment)["env"] if "valueFrom" in i}
        assert refs["CAIRN_MONGO_URI"] == {"name": "ops-mongo", "key": "uri"}
        assert all(ref["name"] in ("ops-auth", "ops-mongo") for ref in refs.values())


@pytest.mark.parametrize("auth", [
    {"tokenSecret": ""},
    {"adminSecretKey": ""},
    {"adminAccessKey": ""},
])
def test_refuses_a_missing_token_secret_or_half_an_admin_pair(helm, tmp_path, auth):
    error = render_error(helm, tmp_path, {"auth": auth})
    assert "auth." in error


def test_dev_mode_cannot_be_switched_on(helm, tmp_path):
    error = render_error(helm, tmp_path, {"config": {"extra": {"CAIRN_DEV_MODE": "true"}}})
    assert "CAIRN_DEV_MODE" in error


def test_pods_reading_the_secret_restart_when_it_changes(helm, tmp_path, docs):
    changed = deployments(render(helm, tmp_path, {"auth": {"tokenSecret": TOKEN + "-rotated"}}))
    for process, deployment in deployments(docs).items():
        before = deployment["spec"]["template"]["metadata"]["annotations"].get("checksum/secret")
        after = changed[process]["spec"]["template"]["metadata"]["annotations"].get("checksum/secret")
        reads_secret = issubclass(settings_class(process), TokenSettings)
        assert (after != before) == reads_secret, process


# --------------------------------------------------------------------------- HTTP, storage, resources


def test_http_processes_have_services_ports_and_probes(docs):
    services, found = of_kind(docs, "Service"), deployments(docs)
    env_port = {"gateway": "CAIRN_GATEWAY_PORT", "files": "CAIRN_FILES_PORT"}
    for process, (ready, alive) in HTTP.items():
        c, env = container(found[process]), resolved_env(docs, found[process])
        port = {p["name"]: p for p in c["ports"]}["http"]
        assert str(port["containerPort"]) == env[env_port[process]]
        assert (c["readinessProbe"]["httpGet"]["path"], c["livenessProbe"]["httpGet"]["path"]) == (ready, alive)
        assert c["readinessProbe"]["httpGet"]["port"] == "http"
        (service,) = [s for s in services.values() if s["spec"]["selector"].items()
                      <= found[process]["spec"]["template"]["metadata"]["labels"].items()]
        assert service["spec"]["ports"][0]["targetPort"] == "http"
    assert len(services) == len(HTTP)
    # /_ready waits up to CAIRN_GATEWAY_READY_TIMEOUT_S for the services' answers
    ping = settings_class("gateway").model_fields["gateway_ready_timeout_s"].default
    ping = float(resolved_env(docs, found["gateway"]).get("CAIRN_GATEWAY_READY_TIMEOUT_S", ping))
    assert container(found["gateway"])["readinessProbe"]["timeoutSeconds"] > ping
    for process in set(PROCESSES) - set(HTTP):
        assert [p["name"] for p in container(found[process])["ports"]] == ["metrics"]


@pytest.mark.parametrize("process", PROCESSES)
def test_every_process_serves_metrics_and_the_others_are_probed_there(docs, monkeypatch, process):
    """/metrics, /livez, /readyz (shared/metrics.py) on CAIRN_METRICS_PORT, bound to every
    interface, announced to Prometheus; processes without an API are probed on it."""
    deployment = deployments(docs)[process]
    c, env = container(deployment), resolved_env(docs, deployment)
    settings = load_settings(monkeypatch, settings_class(process), env)
    ports = {p["name"]: p["containerPort"] for p in c["ports"]}
    assert ports["metrics"] == settings.metrics_port == 9102 and settings.metrics_host == "0.0.0.0"
    annotations = deployment["spec"]["template"]["metadata"]["annotations"]
    assert (annotations["prometheus.io/scrape"], annotations["prometheus.io/port"]) == ("true", "9102")
    if process not in HTTP:
        assert (c["readinessProbe"]["httpGet"], c["livenessProbe"]["httpGet"]) == (
            {"path": "/readyz", "port": "metrics"}, {"path": "/livez", "port": "metrics"})


def test_files_are_stored_on_a_persistent_volume_claim(docs, monkeypatch):
    files = deployments(docs)["files"]
    settings = load_settings(monkeypatch, settings_class("files"), resolved_env(docs, files))
    (mount,) = [m for m in container(files)["volumeMounts"] if m["mountPath"] == settings.files_root]
    (volume,) = [v for v in files["spec"]["template"]["spec"]["volumes"] if v["name"] == mount["name"]]
    claim = of_kind(docs, "PersistentVolumeClaim")[volume["persistentVolumeClaim"]["claimName"]]
    assert claim["spec"]["resources"]["requests"]["storage"]
    assert files["spec"]["strategy"]["type"] == "Recreate"


def test_several_files_replicas_need_a_shared_volume(helm, tmp_path):
    assert "ReadWriteMany" in render_error(helm, tmp_path, {"files": {"replicas": 2}})
    rwx = {"files": {"replicas": 2, "persistence": {"accessModes": ["ReadWriteMany"]}}}
    files = deployments(render(helm, tmp_path, rwx))["files"]
    assert files["spec"]["replicas"] == 2 and "strategy" not in files["spec"]


def _quantity(text) -> float:
    number, unit = re.fullmatch(r"([0-9.]+)(Ki|Mi|Gi|m|)", str(text)).groups()
    return float(number) * {"Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "m": 1e-3, "": 1}[unit]


def test_every_container_has_requests_and_limits(docs):
    for process, deployment in deployments(docs).items():
        resources = container(deployment)["resources"]
        for kind in ("cpu", "memory"):
            request, limit = resources["requests"][kind], resources["limits"][kind]
            assert 0 < _quantity(request) <= _quantity(limit), (process, kind)


def test_ingress_is_optional_and_routes_api_and_files(helm, tmp_path, docs, monkeypatch):
    assert of_kind(docs, "Ingress") == {}
    values = {"ingress": {"enabled": True, "api": {"host": "api.ml.test"}, "files": {"host": "files.ml.test"},
                          "tls": [{"secretName": "tls", "hosts": ["api.ml.test", "files.ml.test"]}]}}
    rendered = render(helm, tmp_path, values)
    (ingress,) = of_kind(rendered, "Ingress").values()
    routes = {r["host"]: r["http"]["paths"][0]["backend"]["service"]["name"] for r in ingress["spec"]["rules"]}
    services = of_kind(rendered, "Service")
    assert routes == {"api.ml.test": "rel-cairn-gateway", "files.ml.test": "rel-cairn-files"}
    assert set(routes.values()) <= set(services)
    files = deployments(rendered)["files"]
    settings = load_settings(monkeypatch, settings_class("files"), resolved_env(rendered, files))
    assert settings.files_url == "https://files.ml.test"


def _notes(helm: str, tmp: Path, values: dict) -> str:
    """templates/NOTES.txt rendered (helm lint skips it, `helm install` needs a cluster)."""
    chart = tmp / "chart"
    shutil.copytree(CHART, chart)
    notes = (chart / "templates" / "NOTES.txt").read_text()
    (chart / "templates" / "NOTES.txt").unlink()
    (chart / "templates" / "_notes.tpl").write_text('{{- define "notes" -}}' + notes + "{{- end }}")
    (chart / "templates" / "notes.yaml").write_text(
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: notes}\ndata: {text: {{ include "notes" . | quote }}}\n')
    (tmp / "values.yaml").write_text(yaml.safe_dump(_merge(BASE, values)))
    result = subprocess.run([helm, "template", "rel", str(chart), "-f", str(tmp / "values.yaml"),
                             "--show-only", "templates/notes.yaml"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)["data"]["text"]


@pytest.mark.parametrize("values, api", [
    ({"auth": {"adminAccessKey": "", "adminSecretKey": ""}}, "http://127.0.0.1:8008"),
    ({"ingress": {"enabled": True, "api": {"host": "api.ml.test"}}}, "http://api.ml.test"),
])
def test_notes_tell_how_to_connect_without_showing_credentials(helm, tmp_path, values, api):
    values = _merge(values, {"mongodb": {"uri": "mongodb://cairn:pa55word@mongo:27017"}})
    text = _notes(helm, tmp_path, values)
    assert f"CLEARML_API_HOST={api}" in text and "CLEARML_FILES_HOST=" in text
    assert "pa55word" not in text and TOKEN not in text and ADMIN_SECRET not in text


# --------------------------------------------------------------------------- the image


def _dockerfile() -> list[tuple[str, str]]:
    text = (REPO / "Dockerfile").read_text().replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in lines]


def test_dockerfile_installs_the_project_without_test_extras_and_runs_as_the_chart_user():
    instructions = _dockerfile()
    assert [arg for op, arg in instructions if op == "FROM"][-1] == "python:3.11-slim"
    runs = " ".join(arg for op, arg in instructions if op == "RUN")
    assert "pip install ." in runs and "[test]" not in runs
    (user,) = [arg for op, arg in instructions if op == "USER"]
    uid = int(user.split(":")[0])
    chart = yaml.safe_load((CHART / "values.yaml").read_text())
    assert uid != 0 and chart["podSecurityContext"]["runAsUser"] == uid


def test_dockerfile_copies_only_what_the_dockerignore_lets_through():
    ignored = {line.strip() for line in (REPO / ".dockerignore").read_text().splitlines()
               if line.strip() and not line.startswith("#")}
    copied = [arg.split()[:-1] for op, arg in _dockerfile() if op == "COPY" and "--from" not in arg]
    for source in (s for sources in copied for s in sources):
        assert (REPO / source).exists(), source
        assert source not in ignored, f"{source} is copied but excluded by .dockerignore"


# --------------------------------------------------------------------------- production values

PRODUCTION = yaml.safe_load((CHART / "values-production.yaml").read_text())


@pytest.fixture(scope="module")
def prod(helm, tmp_path_factory) -> list[dict]:
    return render(helm, tmp_path_factory.mktemp("prod"), PRODUCTION)


def _env_with_external_secrets(docs: list[dict], c: dict) -> dict[str, str]:
    """The container's environment; values of Secrets the operator manages become sentinels."""
    maps, env = of_kind(docs, "ConfigMap"), {}
    for source in c.get("envFrom", []):
        env.update(maps[source["configMapRef"]["name"]]["data"])
    for item in c.get("env", []):
        if "value" in item:
            env[item["name"]] = item["value"]
        else:
            ref = item["valueFrom"]["secretKeyRef"]
            env[item["name"]] = f"secret:{ref['name']}/{ref['key']}"
    return env


@pytest.mark.parametrize("process", PROCESSES)
def test_production_processes_reach_kafka_over_sasl_ssl_with_the_mounted_ca(prod, monkeypatch, process):
    from shared.messaging.kafka import connection_options

    deployment = deployments(prod)[process]
    env = _env_with_external_secrets(prod, container(deployment))
    settings = load_settings(monkeypatch, settings_class(process), env)
    assert (settings.kafka_security_protocol, settings.kafka_sasl_mechanism, settings.kafka_sasl_username) == (
        "SASL_SSL", "SCRAM-SHA-512", "cairn")
    assert settings.kafka_sasl_password == "secret:cairn-kafka/kafka-password"
    assert settings.kafka_replication_factor == 3
    assert settings.kafka_ssl_cafile == "/etc/cairn/kafka/ca.crt"
    mounts = {m["name"]: m["mountPath"] for m in container(deployment)["volumeMounts"]}
    volumes = {v["name"]: v for v in deployment["spec"]["template"]["spec"]["volumes"]}
    assert mounts["kafka-tls"] == "/etc/cairn/kafka" and volumes["kafka-tls"]["secret"]["secretName"] == "cairn-kafka-ca"
    without_ca = settings.model_copy(update={"kafka_ssl_cafile": ""})
    options = connection_options(without_ca)
    assert (options["security_protocol"], options["sasl_mechanism"], options["sasl_plain_username"]) == (
        "SASL_SSL", "SCRAM-SHA-512", "cairn")
    assert options["ssl_context"] is not None


def test_autoscaled_processes_leave_their_replica_count_to_the_hpa(prod):
    hpas = {h["spec"]["scaleTargetRef"]["name"]: h for h in of_kind(prod, "HorizontalPodAutoscaler").values()}
    found = deployments(prod)
    scaled = {p for p in PROCESSES if PRODUCTION.get(p, {}).get("autoscaling", {}).get("enabled")}
    assert scaled == {"gateway", "tasks", "events", "queues", "datasets"}
    for process, deployment in found.items():
        name = deployment["metadata"]["name"]
        if process in scaled:
            assert "replicas" not in deployment["spec"]
            spec = hpas[name]["spec"]
            wanted = PRODUCTION[process]["autoscaling"]
            assert (spec["minReplicas"], spec["maxReplicas"]) == (wanted["minReplicas"], wanted["maxReplicas"])
            assert spec["scaleTargetRef"]["kind"] == "Deployment"
        else:
            assert name not in hpas and deployment["spec"]["replicas"] == PRODUCTION[process]["replicas"]


def test_every_process_with_several_pods_has_a_disruption_budget_selecting_them(prod):
    budgets = of_kind(prod, "PodDisruptionBudget")
    found = deployments(prod)
    assert len(budgets) == len(PROCESSES)  # every process runs at least two pods in production
    for deployment in found.values():
        (budget,) = [b for b in budgets.values() if b["metadata"]["name"] == deployment["metadata"]["name"]]
        assert budget["spec"]["selector"]["matchLabels"] == deployment["spec"]["selector"]["matchLabels"]
        assert budget["spec"]["maxUnavailable"] == 1


def test_default_values_make_no_hpa_pdb_or_topics_job(docs):
    assert not [d for d in docs if d["kind"] in ("HorizontalPodAutoscaler", "PodDisruptionBudget", "Job")]


def test_the_topics_job_creates_every_topic_before_install_and_upgrade(prod, monkeypatch):
    from shared.messaging.provision import plan

    (job,) = of_kind(prod, "Job").values()
    assert job["metadata"]["annotations"]["helm.sh/hook"] == "pre-install,pre-upgrade"
    c = job["spec"]["template"]["spec"]["containers"][0]
    assert c["command"] == ["python", "-m", "shared.messaging.provision"]
    assert importlib.util.find_spec("shared.messaging.provision") is not None
    env = _env_with_external_secrets(prod, c)
    settings = load_settings(monkeypatch, SharedSettings, env)
    assert (settings.rpc_partitions, settings.kafka_replication_factor, settings.kafka_security_protocol) == (
        12, 3, "SASL_SSL")
    topics = {name: n for group, _ in plan(settings) for name, n in group.items()}
    assert {f"cairn.{p}.rpc" for p in SERVICE_PROCESSES} <= topics.keys()
    assert topics["cairn.tasks.rpc"] == 12 and "cairn.identity.changes" in topics


def test_sasl_without_a_password_secret_is_refused(helm, tmp_path):
    stderr = render_error(helm, tmp_path, {"kafka": {"securityProtocol": "SASL_PLAINTEXT",
                                                     "sasl": {"username": "u"}}})
    assert "kafka.sasl.existingSecret" in stderr
