"""docker-compose.yml, the Dockerfile, Prometheus, Grafana and Kubernetes files agree with the code.

No Docker engine or cluster runs here, so each file is parsed and every file,
port, setting, command and metric name it refers to is checked to exist.
"""

from __future__ import annotations

import json
import platform
import re
import tomllib
from importlib.metadata import version
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from click.testing import CliRunner
from monitoring import (
    CONFIG,
    DASHBOARDS,
    GRAFANA,
    PROMETHEUS,
    RULE_TESTS,
    dashboards,
    metric_names,
    naming_faults,
    panels,
    promtool,
    queried_metrics,
    rules,
)
from prometheus_client import generate_latest
from support import ROOT

from claimwatch.app import create_app
from claimwatch.cli import main
from streams.kafka import bootstrap_servers
from streams.settings import Settings

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text("utf-8"))
SERVICES: dict[str, dict[str, Any]] = COMPOSE["services"]
K8S = ROOT / "deploy" / "k8s"
RECEIVER = "webhook-receiver"
"""The example webhook receiver: a script run in the claimwatch image, not a command."""
README = (ROOT / "README.md").read_text("utf-8")


def _interpolate(value: object) -> str:
    """Compose's `${NAME:-default}` as it resolves with NAME unset."""
    return re.sub(r"\$\{[A-Z_]+:-([^}]*)\}", r"\1", str(value))


def _env(service: str) -> dict[str, str]:
    return {k: _interpolate(v) for k, v in SERVICES[service].get("environment", {}).items()}


def _settings(env: dict[str, str]) -> Settings:
    """The settings these variables give; fails on a name or value Settings does not accept."""
    values = {k.removeprefix("CLAIMWATCH_").lower(): v for k, v in env.items()}
    assert set(values) <= set(Settings.model_fields), set(values) - set(Settings.model_fields)
    return Settings(**values)


def _claimwatch_env(env: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in env.items() if k.startswith("CLAIMWATCH_")}


def _argv(service: str) -> list[str]:
    entry = SERVICES[service].get("entrypoint", [])
    return [*entry, *SERVICES[service].get("command", [])]


def _published(service: str) -> list[tuple[range, int]]:
    """(host ports, container port) of each `ports` entry: `[IP:]HOST[-HOST]:CONTAINER`."""
    found = []
    for entry in SERVICES[service].get("ports", []):
        *_, host, container = str(entry).split(":")
        first, _, last = host.partition("-")
        found.append((range(int(first), int(last or first) + 1), int(container)))
    return found


def _web_routes() -> set[str]:
    return set(create_app(Settings(broker="kafka://127.0.0.1:9092")).web.views)


def _dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined."""
    text = (ROOT / "Dockerfile").read_text("utf-8").replace("\\\n", " ")
    lines = (line.strip() for line in text.splitlines())
    return [
        (word.upper(), rest.strip())
        for word, _, rest in (line.partition(" ") for line in lines if line and line[0] != "#")
    ]


def _final_stage() -> list[tuple[str, str]]:
    instructions = _dockerfile()
    last_from = max(i for i, (word, _) in enumerate(instructions) if word == "FROM")
    return instructions[last_from:]


def _dockerfile_env() -> dict[str, str]:
    pairs = " ".join(rest for word, rest in _final_stage() if word == "ENV").split()
    return dict(pair.split("=", 1) for pair in pairs)


def _k8s() -> dict[tuple[str, str], dict[str, Any]]:
    """Every manifest the kustomization lists, by (kind, name)."""
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text("utf-8"))
    found = {}
    for resource in kustomization["resources"]:
        for doc in yaml.safe_load_all((K8S / resource).read_text("utf-8")):
            found[(doc["kind"], doc["metadata"]["name"])] = doc
    return found


def _exposition() -> str:
    """A worker's /metrics before it starts: every family, the unlabelled ones with a sample."""
    registry = create_app(Settings(broker="kafka://127.0.0.1:9092")).registry
    return generate_latest(registry).decode()


def _declared_metrics() -> set[str]:
    """Every sample name a worker's registry can export: claimwatch's, Faust's sensor, process."""
    registry = create_app(Settings(broker="kafka://127.0.0.1:9092")).registry
    suffixes = {
        "counter": ["_total"],
        "gauge": [""],
        "info": ["_info"],
        "histogram": ["_bucket", "_count", "_sum"],
    }
    return {
        family.name + suffix
        for family in registry.collect()
        for suffix in suffixes.get(family.type, [""])
    }


# --- PromQL ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("expr", "names"),
    [
        ('up{job="claimwatch"} == 0', {"up"}),
        (
            "histogram_quantile(0.95, sum by (le) (rate(x_seconds_bucket[$__rate_interval])))",
            {"x_seconds_bucket"},
        ),
        (
            "sum(rate(a_total[5m])) by (stage) / ignoring(reason) b_total offset 1h",
            {"a_total", "b_total"},
        ),
        ('sum(increase(a_total{reason=~"x|y(z)"}[30m])) == 0 or absent(a_total)', {"a_total"}),
        ("sum by (topic) (end - on (topic) group_left committed) > 1e3", {"end", "committed"}),
    ],
)
def test_metric_names_are_read_from_promql(expr: str, names: set[str]) -> None:
    assert metric_names(expr) == names


def test_every_queried_metric_is_declared_by_a_worker() -> None:
    queried = queried_metrics()
    assert {
        "claimwatch_ingest_to_alert_seconds_bucket",
        "faust_topic_partition_end_offset",
        "faust_topic_partition_offset_committed",
    } <= queried
    assert queried - _declared_metrics() == set()


# --- metric names ----------------------------------------------------------


def test_a_worker_exports_process_python_and_build_info() -> None:
    declared = _declared_metrics()
    assert {"process_cpu_seconds_total", "process_resident_memory_bytes", "python_info"} <= declared
    assert "claimwatch_build_info" in declared
    (line,) = [x for x in _exposition().splitlines() if x.startswith("claimwatch_build_info{")]
    assert f'version="{version("claimwatch")}"' in line
    assert f'python_version="{platform.python_version()}"' in line


@pytest.mark.parametrize(
    ("exposition", "fault"),
    [
        ("# TYPE x_total_events counter\nx_total_events_total 1\n", "`total`"),
        ("# TYPE x_latency histogram\nx_latency_count 1\nx_latency_sum 1\n", "unit last"),
        ("# TYPE x_runtime_ms histogram\nx_runtime_ms_count 1\nx_runtime_ms_sum 1\n", "base"),
        ("# TYPE x_queue_total gauge\nx_queue_total 1\n", "`total`"),
        ("# TYPE x_Rate gauge\nx_Rate 1\n", "snake"),
    ],
)
def test_naming_faults_are_found(exposition: str, fault: str) -> None:
    found = naming_faults(exposition)
    assert any(fault in f for f in found), found


def test_every_metric_name_follows_the_prometheus_conventions() -> None:
    exposition = _exposition()
    assert naming_faults(exposition) == []
    promtool("check", "metrics", stdin=exposition)


# --- Prometheus ------------------------------------------------------------


def test_prometheus_config_and_rules_pass_promtool() -> None:
    """`check config` checks every rule file it loads, recording and alerting rules alike."""
    output = promtool("check", "config", CONFIG.name)
    assert "SUCCESS: 1 rule files found" in output


def test_alert_rules_pass_their_unit_tests() -> None:
    """alerts_test.yml: each alert fires on its series, with its summary, and not before."""
    config = yaml.safe_load(RULE_TESTS.read_text("utf-8"))
    tested = {case["alertname"] for test in config["tests"] for case in test["alert_rule_test"]}
    assert tested == {rule["alert"] for rule in rules()}
    promtool("test", "rules", RULE_TESTS.name)


def test_prometheus_scrapes_every_worker_on_its_web_port() -> None:
    config = yaml.safe_load((PROMETHEUS / "prometheus.yml").read_text("utf-8"))
    for rule_file in config["rule_files"]:
        assert (PROMETHEUS / rule_file).is_file()
    (job,) = [job for job in config["scrape_configs"] if job["job_name"] == "claimwatch"]
    assert job["metrics_path"] == "/metrics"
    (discovery,) = job["dns_sd_configs"]
    assert discovery["names"] == ["worker"]
    assert discovery["port"] == _settings(_env("worker")).web_port


def test_alert_rules_cover_the_issue_and_are_complete() -> None:
    by_name = {rule["alert"]: rule for rule in rules()}
    assert set(by_name) >= {
        "ClaimwatchDeadletterRate",
        "ClaimwatchWebhookFailures",
        "ClaimwatchConsumerLag",
        "ClaimwatchNoArticles",
    }
    for rule in by_name.values():
        assert rule["labels"]["severity"] in {"warning", "critical"}
        assert rule["annotations"]["summary"]
    assert "faust_topic_partition_end_offset" in metric_names(
        by_name["ClaimwatchConsumerLag"]["expr"]
    )
    jobs = set(re.findall(r'job="([^"]+)"', "\n".join(rule["expr"] for rule in rules())))
    assert jobs == {"claimwatch"}


# --- Grafana ---------------------------------------------------------------


def test_grafana_datasource_is_the_compose_prometheus() -> None:
    provisioning = GRAFANA / "provisioning" / "datasources" / "prometheus.yml"
    (source,) = yaml.safe_load(provisioning.read_text("utf-8"))["datasources"]
    url = urlsplit(source["url"])
    assert url.hostname in SERVICES
    assert f"{url.port}:{url.port}" in SERVICES[url.hostname]["ports"]
    assert source["type"] == "prometheus" and source["isDefault"]


def _datasources(node: object) -> list[dict]:
    """Every `datasource` object in a dashboard: panels', targets', variables'."""
    if isinstance(node, list):
        return [found for item in node for found in _datasources(item)]
    if not isinstance(node, dict):
        return []
    own = [node["datasource"]] if isinstance(node.get("datasource"), dict) else []
    return own + [found for value in node.values() for found in _datasources(value)]


@pytest.mark.parametrize("path", sorted(DASHBOARDS.glob("*.json")), ids=lambda p: p.name)
def test_dashboard_imports_into_any_grafana(path: Path) -> None:
    """No fixed data source uid: a data source variable, and `job`/`instance` variables."""
    dashboard = dashboards()[path]
    variables = {v["name"]: v for v in dashboard["templating"]["list"]}
    assert variables["datasource"]["type"] == "datasource"
    assert variables["datasource"]["query"] == "prometheus"
    assert {"job", "instance"} <= set(variables)
    found = _datasources(dashboard)
    assert len(found) > len(panels(dashboard))
    assert {(d["type"], d["uid"]) for d in found} == {("prometheus", "${datasource}")}
    assert "__inputs" not in dashboard


@pytest.mark.parametrize("path", sorted(DASHBOARDS.glob("*.json")), ids=lambda p: p.name)
def test_every_dashboard_query_is_filtered_by_job_and_instance(path: Path) -> None:
    for panel in panels(dashboards()[path]):
        for target in panel.get("targets", []):
            expr = target["expr"]
            for name in metric_names(expr):
                for selector in re.findall(rf"\b{name}(?:{{([^}}]*)}})?", expr):
                    assert 'job=~"$job"' in selector and 'instance=~"$instance"' in selector, (
                        panel["title"],
                        name,
                    )


def test_grafana_loads_the_dashboards_compose_mounts() -> None:
    provider_file = GRAFANA / "provisioning" / "dashboards" / "claimwatch.yml"
    (provider,) = yaml.safe_load(provider_file.read_text("utf-8"))["providers"]
    mounts = dict(
        volume.rsplit(":", 1)[0].split(":", 1) for volume in SERVICES["grafana"]["volumes"]
    )
    assert mounts["./deploy/grafana/dashboards"] == provider["options"]["path"]
    assert mounts["./deploy/grafana/provisioning"] == "/etc/grafana/provisioning"
    home = _env("grafana")["GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"]
    assert (DASHBOARDS / Path(home).relative_to(provider["options"]["path"])).is_file()


def test_dashboard_shows_latency_quantiles_and_every_target_has_a_query() -> None:
    dashboard = json.loads((DASHBOARDS / "claimwatch.json").read_text("utf-8"))
    every = panels(dashboard)
    assert len({p["id"] for p in every}) == len(every)
    exprs = [t["expr"] for p in every for t in p["targets"]]
    assert all(expr.strip() for expr in exprs)
    latency = [e for e in exprs if "claimwatch_ingest_to_alert_seconds_bucket" in e]
    quantiles = [re.search(r"histogram_quantile\(([\d.]+)", e) for e in latency]
    assert sorted(q[1] for q in quantiles if q) == ["0.5", "0.95", "0.99"]


def test_dashboard_has_a_panel_for_each_thing_operators_watch() -> None:
    dashboard = json.loads((DASHBOARDS / "claimwatch.json").read_text("utf-8"))
    by_type: dict[str, set[str]] = {}
    for panel in panels(dashboard):
        for target in panel["targets"]:
            by_type.setdefault(panel["type"], set()).update(metric_names(target["expr"]))
    assert {
        "claimwatch_articles_total",  # throughput in per stage
        "claimwatch_messages_out_total",  # and out
        "faust_topic_partition_offset_committed",  # lag
        "claimwatch_alerts_total",  # by kind
        "claimwatch_alerts_withdrawn_total",
        "claimwatch_alerts_capped_total",
        "claimwatch_deadletters_total",  # by stage and reason
        "claimwatch_webhook_deliveries_total",  # delivered, retried, failed
        "claimwatch_build_info",
        "process_resident_memory_bytes",
    } <= set().union(*by_type.values())
    assert "claimwatch_ingest_to_alert_seconds_bucket" in by_type["heatmap"]


# --- docker-compose.yml ----------------------------------------------------


def test_compose_files_and_mounts_exist() -> None:
    for name, service in SERVICES.items():
        if "build" in service:
            assert (ROOT / service["build"] / "Dockerfile").is_file(), name
        for volume in service.get("volumes", []):
            if volume.startswith("."):
                assert (ROOT / volume.split(":")[0]).exists(), (name, volume)


def test_compose_claimwatch_services_use_real_settings_and_commands() -> None:
    claimwatch = [
        name for name, service in SERVICES.items() if "build" in service and name != RECEIVER
    ]
    assert set(claimwatch) >= {"topics", "worker"}
    for name in claimwatch:
        _settings(_claimwatch_env(_env(name)))
        argv = _argv(name)
        assert argv[0] == "claimwatch" and argv[1] in main.commands, (name, argv)


def test_compose_runs_kafka_in_kraft_mode_and_workers_reach_it() -> None:
    kafka = SERVICES["kafka"]
    env = {k: str(v) for k, v in kafka["environment"].items()}
    assert kafka["image"].startswith("apache/kafka:")
    assert "controller" in env["KAFKA_PROCESS_ROLES"]
    assert "kafka-broker-api-versions.sh" in " ".join(kafka["healthcheck"]["test"])
    advertised = {url.split("://")[1] for url in env["KAFKA_ADVERTISED_LISTENERS"].split(",")}
    settings = _settings(_env("worker"))
    assert settings.broker is not None
    assert bootstrap_servers(settings.broker) in advertised
    assert "9092:9092" in kafka["ports"] and "localhost:9092" in advertised


def test_compose_creates_topics_once_before_two_workers() -> None:
    assert _argv("topics") == ["claimwatch", "topics"]
    assert SERVICES["topics"]["depends_on"]["kafka"]["condition"] == "service_healthy"
    worker = SERVICES["worker"]
    assert worker["depends_on"]["topics"]["condition"] == "service_completed_successfully"
    assert worker["deploy"]["replicas"] >= 2
    settings = _settings(_env("worker"))
    assert settings.store == "rocksdb://"
    assert str(settings.data_dir) in worker["volumes"], "one state volume per replica"
    assert settings.web_host == "0.0.0.0"


def test_compose_publishes_every_workers_web_port_on_this_machine_only() -> None:
    settings = _settings(_env("worker"))
    ((hosts, container),) = _published("worker")
    assert container == settings.web_port
    assert len(hosts) >= SERVICES["worker"]["deploy"]["replicas"], "one host port per replica"
    assert str(SERVICES["worker"]["ports"][0]).startswith("127.0.0.1:"), "POST /articles is open"


def test_readme_snippets_use_ports_that_are_opened() -> None:
    """Every localhost port the README names is published by compose, or is a worker's
    default web port (a `claimwatch worker` started on this machine)."""
    opened = {port for name in SERVICES for hosts, _ in _published(name) for port in hosts}
    opened.add(Settings().web_port)
    named = {int(port) for port in re.findall(r"localhost:(\d+)", README)}
    assert {6066, 9092, 3000, 9090} <= named
    assert named <= opened
    assert Settings().web_host == "127.0.0.1" and Settings().web_port == 6066


def test_readme_says_which_commands_read_the_broker_setting() -> None:
    text = README.replace("\n", " ")
    (readers, others) = re.findall(
        r"`CLAIMWATCH_BROKER` is read by ([^;]+); ([^.]+) use no broker", text
    )[0]
    named = set(re.findall(r"`([a-z]+)`", readers))
    assert named == {"worker", "demo", "ingest", "tail", "topics", "redeliver"}
    assert named | set(re.findall(r"`([a-z]+)`", others)) == set(main.commands)


@pytest.mark.parametrize(
    "args", [["ingest", "claimwatch/samples"], ["tail", "alerts"], ["topics"], ["redeliver"]]
)
def test_commands_that_need_a_broker_say_so_without_one(
    args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CLAIMWATCH_BROKER", raising=False)
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and "CLAIMWATCH_BROKER" in result.output, result.output


def test_compose_webhook_receiver_gets_the_workers_alerts() -> None:
    worker = _env("worker")
    receiver = _env(RECEIVER)
    (url,) = _settings(worker).webhook_urls
    host, port = urlsplit(url).hostname, urlsplit(url).port
    assert host == RECEIVER
    assert str(port) == receiver["RECEIVER_PORT"]
    assert receiver["WEBHOOK_SECRET"] == worker["CLAIMWATCH_WEBHOOK_SECRET"]
    assert SERVICES[host]["image"] == SERVICES["worker"]["image"], "it has standardwebhooks"
    script = SERVICES[host]["command"][-1]
    mounts = dict(v.rsplit(":", 1)[0].split(":", 1) for v in SERVICES[host]["volumes"])
    (source,) = [src for src, target in mounts.items() if script.startswith(target + "/")]
    assert (ROOT / source / Path(script).name).is_file()


# --- Dockerfile ------------------------------------------------------------


def test_dockerfile_copies_what_exists_and_is_not_ignored() -> None:
    ignored = {
        line.strip()
        for line in (ROOT / ".dockerignore").read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    for word, rest in _dockerfile():
        if word == "COPY" and not rest.startswith("--from"):
            *sources, _ = rest.split()
            for source in sources:
                assert (ROOT / source).exists(), source
                assert source not in ignored, source


def test_dockerfile_is_slim_non_root_and_checks_health() -> None:
    instructions = _dockerfile()
    assert all("-slim" in rest for word, rest in instructions if word == "FROM")
    final = dict(_final_stage())
    assert final["USER"] not in {"root", "0"}
    env = _dockerfile_env()
    settings = _settings(_claimwatch_env(env))
    assert final["EXPOSE"] == str(settings.web_port)
    assert "/healthz" in final["HEALTHCHECK"] and "CLAIMWATCH_WEB_PORT" in final["HEALTHCHECK"]
    assert {"/healthz", "/readyz", "/livez", "/metrics"} <= _web_routes()
    cmd = json.loads(final["CMD"])
    assert cmd[0] == "claimwatch" and cmd[1] in main.commands


def test_image_includes_the_spacy_model() -> None:
    """The image installs the project's dependencies, and the default model is one of them."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    packages = {re.split(r"[\[<>=!~ ]", dep)[0] for dep in pyproject["project"]["dependencies"]}
    assert Settings().spacy_model in {re.sub(r"[-.]", "_", name) for name in packages}
    build = " ".join(rest for word, rest in _dockerfile() if word == "RUN")
    assert "pyproject.toml" in build and "pip install -c constraints.txt ." in build


# --- Kubernetes ------------------------------------------------------------


def _worker() -> dict[str, Any]:
    (worker,) = [doc for (kind, _), doc in _k8s().items() if kind == "StatefulSet"]
    return worker


def _secret_command() -> tuple[str, set[str]]:
    """The Secret's name and keys, from the `kubectl create secret` the README documents."""
    lines = iter(README.splitlines())
    for line in lines:
        if "create secret generic" in line:
            command = [line]
            while command[-1].endswith("\\"):
                command.append(next(lines))
            text = " ".join(command)
            name = re.search(r"create secret generic (\S+)", text)
            assert name
            return name[1], set(re.findall(r"--from-literal=(\w+)=", text))
    raise AssertionError("README documents `kubectl create secret generic`")


def test_k8s_has_every_piece_and_no_secret() -> None:
    kinds = {kind for kind, _ in _k8s()}
    assert kinds >= {"StatefulSet", "ConfigMap", "Service", "ServiceMonitor", "PodDisruptionBudget"}
    committed = [
        doc
        for path in K8S.glob("*.yaml")
        for doc in yaml.safe_load_all(path.read_text("utf-8"))
        if doc and doc.get("kind") == "Secret"
    ]
    assert committed == [], "secrets are created with kubectl or an external store"
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text("utf-8"))
    assert "secretGenerator" not in kustomization


def test_k8s_workers_get_settings_secrets_and_a_state_volume() -> None:
    manifests = _k8s()
    worker = _worker()
    pod = worker["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    (config,) = [s["configMapRef"]["name"] for s in container["envFrom"] if "configMapRef" in s]
    (secret,) = [s["secretRef"]["name"] for s in container["envFrom"] if "secretRef" in s]
    secret_name, secret_keys = _secret_command()
    assert secret == secret_name
    assert secret_keys == {"CLAIMWATCH_WEBHOOK_SECRET", "CLAIMWATCH_SASL_PASSWORD"}
    assert secret_name in (K8S / "kustomization.yaml").read_text("utf-8")
    env = manifests[("ConfigMap", config)]["data"]
    assert not secret_keys & set(env), "secrets stay out of the ConfigMap"
    settings = _settings(env | {key: "whsec_c2VjcmV0" for key in secret_keys})
    assert settings.webhook_secret is not None
    assert settings.store == "rocksdb://"
    mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
    claims = {t["metadata"]["name"] for t in worker["spec"]["volumeClaimTemplates"]}
    assert mounts[str(settings.data_dir)] in claims
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    assert ports["http"] == settings.web_port
    runs = " ".join(rest for word, rest in _final_stage() if word == "RUN")
    uid = re.search(r"--uid (\d+)", runs)
    assert uid and pod["securityContext"]["runAsUser"] == int(uid[1])
    assert container["args"][0] == "claimwatch" and container["args"][1] in main.commands


def test_k8s_probes_ask_routes_the_worker_serves() -> None:
    (container,) = _worker()["spec"]["template"]["spec"]["containers"]
    probes = {"startupProbe": "/livez", "readinessProbe": "/readyz", "livenessProbe": "/livez"}
    for probe, path in probes.items():
        assert container[probe]["httpGet"] == {"path": path, "port": "http"}
        assert path in _web_routes()


def test_k8s_creates_the_topics_before_each_worker_starts() -> None:
    pod = _worker()["spec"]["template"]["spec"]
    (init,) = pod["initContainers"]
    (container,) = pod["containers"]
    assert init["args"] == ["claimwatch", "topics"] and "topics" in main.commands
    assert init["image"] == container["image"]
    assert init["envFrom"] == container["envFrom"], "the same broker, partitions and SASL"
    assert init["securityContext"] == container["securityContext"]


def test_k8s_disruptions_take_one_worker_at_a_time() -> None:
    (budget,) = [doc for (kind, _), doc in _k8s().items() if kind == "PodDisruptionBudget"]
    pod_labels = _worker()["spec"]["template"]["metadata"]["labels"]
    assert budget["spec"]["selector"]["matchLabels"].items() <= pod_labels.items()
    assert budget["spec"]["maxUnavailable"] == 1


def test_k8s_resources_are_requested_and_limited() -> None:
    """Requests and limits set from the benchmark (BENCHMARKS.md, "Resources")."""
    (container,) = _worker()["spec"]["template"]["spec"]["containers"]
    resources = container["resources"]
    assert {"cpu", "memory"} <= set(resources["requests"])
    request, limit = resources["requests"]["memory"], resources["limits"]["memory"]
    assert request.endswith("Mi") and limit.endswith("Mi")
    assert int(limit.removesuffix("Mi")) >= int(request.removesuffix("Mi"))
    assert "BENCHMARKS.md" in (K8S / "statefulset.yaml").read_text("utf-8")
    assert "### Resources" in (ROOT / "BENCHMARKS.md").read_text("utf-8")


def test_k8s_service_and_monitor_reach_the_workers_metrics() -> None:
    manifests = _k8s()
    worker = _worker()
    service = manifests[("Service", worker["spec"]["serviceName"])]
    pod_labels = worker["spec"]["template"]["metadata"]["labels"]
    assert service["spec"]["clusterIP"] == "None"
    assert service["spec"]["selector"].items() <= pod_labels.items()
    container_ports = {
        p["name"] for p in worker["spec"]["template"]["spec"]["containers"][0]["ports"]
    }
    service_ports = {p["name"] for p in service["spec"]["ports"]}
    assert {p["targetPort"] for p in service["spec"]["ports"]} <= container_ports
    (monitor,) = [doc for (kind, _), doc in manifests.items() if kind == "ServiceMonitor"]
    assert (
        monitor["spec"]["selector"]["matchLabels"].items() <= service["metadata"]["labels"].items()
    )
    (endpoint,) = monitor["spec"]["endpoints"]
    assert endpoint["port"] in service_ports and endpoint["path"] == "/metrics"
    # The job label Prometheus gives these targets is the Service's name, as the rules expect.
    assert service["metadata"]["name"] == "claimwatch"


def test_workers_bound_to_every_interface_advertise_their_own_address() -> None:
    """Compose and Kubernetes bind 0.0.0.0; requests routed between workers need each one's URL."""
    settings = _settings(_env("worker"))
    assert settings.web_host == "0.0.0.0"
    url = create_app(settings).conf.canonical_url
    assert url.host not in {"0.0.0.0", "::"} and url.port == settings.web_port
