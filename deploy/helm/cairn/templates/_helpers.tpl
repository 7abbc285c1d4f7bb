{{/*
What the chart knows about each process (kept in step with the code by tests/unit/test_helm_chart.py):
  tokenSecret  its settings class extends TokenSettings: needs CAIRN_AUTH_TOKEN_SECRET
  adminKeys    identity seeds the first admin credentials from CAIRN_ADMIN_ACCESS_KEY/SECRET_KEY
  http         it listens for HTTP (gateway: the API, files: the file server protocol)
*/}}
{{- define "cairn.processes" -}}
identity: {tokenSecret: true, adminKeys: true, http: false}
tasks: {tokenSecret: false, adminKeys: false, http: false}
events: {tokenSecret: true, adminKeys: false, http: false}
queues: {tokenSecret: false, adminKeys: false, http: false}
datasets: {tokenSecret: false, adminKeys: false, http: false}
files: {tokenSecret: true, adminKeys: false, http: true}
gateway: {tokenSecret: true, adminKeys: false, http: true}
{{- end }}

{{- define "cairn.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "cairn.fullname" -}}
{{- if contains .Chart.Name .Release.Name }}
{{- .Release.Name | trunc 50 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 50 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "cairn.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "cairn.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Selector of one process's pods; call with (dict "root" $ "process" "<name>"). */}}
{{- define "cairn.selectorLabels" -}}
app.kubernetes.io/name: {{ include "cairn.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .process }}
{{- end }}

{{- define "cairn.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}

{{- define "cairn.configName" -}}
{{- printf "%s-config" (include "cairn.fullname" .) }}
{{- end }}

{{- define "cairn.secretName" -}}
{{- .Values.auth.existingSecret | default (printf "%s-auth" (include "cairn.fullname" .)) }}
{{- end }}

{{- define "cairn.filesClaimName" -}}
{{- .Values.files.persistence.existingClaim | default (printf "%s-files" (include "cairn.fullname" .)) }}
{{- end }}

{{/* CAIRN_FILES_URL: set, else the Ingress host, else the in-cluster Service. */}}
{{- define "cairn.filesUrl" -}}
{{- if .Values.files.publicUrl }}
{{- .Values.files.publicUrl | trimSuffix "/" }}
{{- else if .Values.ingress.enabled }}
{{- printf "%s://%s" (ternary "https" "http" (gt (len .Values.ingress.tls) 0)) .Values.ingress.files.host }}
{{- else }}
{{- printf "http://%s-files.%s.svc:%v" (include "cairn.fullname" .) .Release.Namespace .Values.files.service.port }}
{{- end }}
{{- end }}

{{/* The files volume must be shareable when several replicas serve it. */}}
{{- define "cairn.filesShared" -}}
{{- if has "ReadWriteMany" .Values.files.persistence.accessModes }}true{{ end }}
{{- end }}

{{/* Secret-backed variables of one process; call with (dict "root" $ "traits" <traits>). */}}
{{- define "cairn.secretEnv" -}}
{{- $root := .root }}
{{- $secret := include "cairn.secretName" $root }}
{{- if .traits.tokenSecret }}
- name: CAIRN_AUTH_TOKEN_SECRET
  valueFrom: {secretKeyRef: {name: {{ $secret }}, key: CAIRN_AUTH_TOKEN_SECRET}}
{{- end }}
{{- if .traits.adminKeys }}
{{- /* optional: without them identity generates the first pair and prints it once */}}
- name: CAIRN_ADMIN_ACCESS_KEY
  valueFrom: {secretKeyRef: {name: {{ $secret }}, key: CAIRN_ADMIN_ACCESS_KEY, optional: true}}
- name: CAIRN_ADMIN_SECRET_KEY
  valueFrom: {secretKeyRef: {name: {{ $secret }}, key: CAIRN_ADMIN_SECRET_KEY, optional: true}}
{{- end }}
{{- include "cairn.kafkaSecretEnv" $root }}
{{- with $root.Values.mongodb.existingSecret }}
- name: CAIRN_MONGO_URI
  valueFrom: {secretKeyRef: {name: {{ . }}, key: {{ $root.Values.mongodb.existingSecretKey }}}}
{{- end }}
{{- with $root.Values.elasticsearch.existingSecret }}
- name: CAIRN_ES_URL
  valueFrom: {secretKeyRef: {name: {{ . }}, key: {{ $root.Values.elasticsearch.existingSecretKey }}}}
{{- end }}
{{- end }}

{{/*
Probes of the HTTP processes. gateway: alive = /_health answers; ready = /_ready (every
service behind it answers a ping over Kafka within CAIRN_GATEWAY_READY_TIMEOUT_S, 3 s, so the
probe's timeout is longer). files: GET / answers "OK" without a token.
*/}}
{{- define "cairn.probes" -}}
{{- $ready := ternary "/_ready" "/" (eq . "gateway") }}
{{- $alive := ternary "/_health" "/" (eq . "gateway") }}
readinessProbe:
  httpGet: {path: {{ $ready }}, port: http}
  initialDelaySeconds: 5
  periodSeconds: 10
  timeoutSeconds: 5
  failureThreshold: 3
livenessProbe:
  httpGet: {path: {{ $alive }}, port: http}
  initialDelaySeconds: 20
  periodSeconds: 20
  timeoutSeconds: 5
  failureThreshold: 3
{{- end }}

{{/* The env entries of one process; call with (dict "root" $ "process" <name> "traits" <traits>). */}}
{{- define "cairn.env" -}}
{{- $p := get .root.Values .process }}
{{- include "cairn.secretEnv" . }}
{{- if eq .process "identity" }}
- {name: CAIRN_FEATURE_SET, value: {{ $p.featureSet | quote }}}
- {name: CAIRN_LOGIN_MODE, value: {{ $p.loginMode | default "password" | quote }}}
{{- end }}
{{- if eq .process "gateway" }}
- {name: CAIRN_GATEWAY_HOST, value: "0.0.0.0"}
- {name: CAIRN_GATEWAY_PORT, value: {{ $p.port | quote }}}
{{- end }}
{{- if eq .process "files" }}
- {name: CAIRN_FILES_HOST, value: "0.0.0.0"}
- {name: CAIRN_FILES_PORT, value: {{ $p.port | quote }}}
- {name: CAIRN_FILES_ROOT, value: "/data/files"}
- {name: CAIRN_FILES_URL, value: {{ include "cairn.filesUrl" .root | quote }}}
- {name: CAIRN_FILES_MAX_UPLOAD_MB, value: {{ $p.maxUploadMb | quote }}}
{{- end }}
{{- range $key, $value := $p.env }}
{{- if not (hasPrefix "CAIRN_" $key) }}
{{- fail (printf "%s.env.%s: only CAIRN_* settings belong here" $.process $key) }}
{{- end }}
- {name: {{ $key }}, value: {{ $value | toString | quote }}}
{{- end }}
{{- end }}

{{/* The Kafka SASL password of every process (and the topics Job), from the Secret named in values. */}}
{{- define "cairn.kafkaSecretEnv" -}}
{{- if hasPrefix "SASL_" .Values.kafka.securityProtocol }}
- name: CAIRN_KAFKA_SASL_PASSWORD
  valueFrom: {secretKeyRef: {name: {{ required "kafka.sasl.existingSecret (a Secret with the SASL password) is required with a SASL security protocol" .Values.kafka.sasl.existingSecret }}, key: {{ .Values.kafka.sasl.existingSecretKey }}}}
{{- end }}
{{- end }}

{{/* CAIRN_KAFKA_SSL_* file settings (YAML map) when a TLS Secret is mounted. */}}
{{- define "cairn.kafkaTlsFiles" -}}
{{- if and (hasSuffix "SSL" .Values.kafka.securityProtocol) .Values.kafka.tls.existingSecret }}
CAIRN_KAFKA_SSL_CAFILE: /etc/cairn/kafka/ca.crt
{{- if .Values.kafka.tls.clientCertificate }}
CAIRN_KAFKA_SSL_CERTFILE: /etc/cairn/kafka/tls.crt
CAIRN_KAFKA_SSL_KEYFILE: /etc/cairn/kafka/tls.key
{{- end }}
{{- end }}
{{- end }}

{{/* Does the Kafka TLS Secret get mounted? */}}
{{- define "cairn.kafkaTlsMounted" -}}
{{- if and (hasSuffix "SSL" .Values.kafka.securityProtocol) .Values.kafka.tls.existingSecret }}true{{ end }}
{{- end }}

{{/* Does a process autoscale? (files never: its volume decides its replicas) */}}
{{- define "cairn.autoscaled" -}}
{{- $p := get .root.Values .process }}
{{- if and (ne .process "files") (($p.autoscaling | default dict).enabled) }}true{{ end }}
{{- end }}

{{/*
Probes of the processes without an HTTP API, on their metrics port: ready = /readyz (their own
Kafka consumers, MongoDB and Elasticsearch answer), alive = /livez (the event loop runs).
*/}}
{{- define "cairn.metricsProbes" -}}
readinessProbe:
  httpGet: {path: /readyz, port: metrics}
  initialDelaySeconds: 5
  periodSeconds: 10
  timeoutSeconds: 5
  failureThreshold: 3
livenessProbe:
  httpGet: {path: /livez, port: metrics}
  initialDelaySeconds: 20
  periodSeconds: 20
  timeoutSeconds: 5
  failureThreshold: 3
{{- end }}
