# One image for every Cairn process; the command picks the process:
#   docker run IMAGE python -m services.gateway     (the default command)
#   docker run IMAGE python -m services.identity    (tasks, events, queues, files alike)
# Every setting is a CAIRN_* environment variable (README "Configuration", deploy/helm/README.md).
# Build from the repository root:  docker build -t cairn:0.1.0 .

FROM python:3.11-slim AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /src
# Only what the package needs (the project, without the test extras): shared/ and services/
# with their data files (the vendored spec, the handled-endpoint lists), pyproject and README.
COPY pyproject.toml README.md ./
COPY shared ./shared
COPY services ./services
RUN python -m venv /opt/cairn && /opt/cairn/bin/pip install .

FROM python:3.11-slim
RUN groupadd --system --gid 10001 cairn \
 && useradd --system --uid 10001 --gid 10001 --create-home --home-dir /home/cairn \
        --shell /usr/sbin/nologin cairn \
 && mkdir -p /data/files \
 && chown -R 10001:10001 /data
COPY --from=build /opt/cairn /opt/cairn
ENV PATH=/opt/cairn/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    CAIRN_DATA_DIR=/data \
    CAIRN_FILES_ROOT=/data/files \
    CAIRN_GATEWAY_HOST=0.0.0.0 \
    CAIRN_FILES_HOST=0.0.0.0
USER 10001:10001
WORKDIR /home/cairn
# gateway (HTTP API) and files (ClearML file server protocol); the other processes only use Kafka.
EXPOSE 8008 8081
CMD ["python", "-m", "services.gateway"]
