{{/* Names, labels and the setting → environment-variable maps shared by the templates. */}}

{{- define "ops.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "ops.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "ops.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "ops.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "ops.selectorLabels" -}}
app.kubernetes.io/name: {{ include "ops.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* The scheduler's selector labels; call with the root context. */}}
{{- define "ops.scheduler.selectorLabels" -}}
{{ include "ops.selectorLabels" . }}
app.kubernetes.io/component: scheduler
{{- end -}}

{{/* A pool's selector labels; call with (dict "root" $ "pool" $pool). */}}
{{- define "ops.worker.selectorLabels" -}}
{{ include "ops.selectorLabels" .root }}
app.kubernetes.io/component: worker
operations.opsframework.org/pool: {{ .pool.name }}
{{- end -}}

{{/*
The name of a pool's objects (Deployment, PodDisruptionBudget, autoscaler, KEDA objects); call with
(dict "root" $ "pool" $pool). Never shortened: cutting it to 63 characters would give two pools
that differ only past the cut the same objects, so a name that does not fit is refused instead.
*/}}
{{- define "ops.worker.name" -}}
{{- $name := printf "%s-worker-%s" (include "ops.fullname" .root) .pool.name -}}
{{- if gt (len $name) 63 -}}
{{- fail (printf "pool %s: the name of its objects, %s, is %d characters long; Kubernetes allows at most 63. Choose a pool name of at most %d characters, or shorten the release name (or set nameOverride or fullnameOverride)" .pool.name $name (len $name) (max 0 (sub 63 (sub (len $name) (len .pool.name))))) -}}
{{- end -}}
{{- $name -}}
{{- end -}}

{{/*
Refuses pool lists that would give two pools the same objects and queue: a name used twice.
*/}}
{{- define "ops.checkPools" -}}
{{- $seen := dict -}}
{{- range $index, $pool := .Values.pools -}}
{{- if hasKey $seen $pool.name -}}
{{- fail (printf "pools: the name %s is given to pools %d and %d; each pool needs its own name, which names its Deployment, PodDisruptionBudget and queue" $pool.name (index $seen $pool.name) $index) -}}
{{- end -}}
{{- $_ := set $seen $pool.name $index -}}
{{- end -}}
{{- end -}}

{{- define "ops.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "ops.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "ops.secretName" -}}
{{- default (include "ops.fullname" .) .Values.credentials.existingSecret -}}
{{- end -}}

{{- define "ops.claimName" -}}
{{- default (printf "%s-storage" (include "ops.fullname" .)) .Values.storage.existingClaim -}}
{{- end -}}

{{- define "ops.image" -}}
{{- printf "%s:%s" .image.repository (default .root.Chart.AppVersion .image.tag) -}}
{{- end -}}

{{/*
Whether a setting is rendered at all: null, "" and empty lists or maps are not, so the application's
default applies. false and 0 are real values and are rendered.
*/}}
{{- define "ops.isSet" -}}
{{- $v := . -}}
{{- if kindIs "invalid" $v -}}
{{- else if and (kindIs "string" $v) (eq $v "") -}}
{{- else if and (kindIs "slice" $v) (eq (len $v) 0) -}}
{{- else if and (kindIs "map" $v) (eq (len $v) 0) -}}
{{- else -}}true{{- end -}}
{{- end -}}

{{/*
A setting as the text of an environment variable. Numbers from a values file arrive as floats and
would print as 1e+06; whole ones are printed as integers. Lists are joined with commas, which is
how Spring binds a list from one variable.
*/}}
{{- define "ops.envValue" -}}
{{- $v := . -}}
{{- if kindIs "slice" $v -}}
{{- join "," $v -}}
{{- else if and (kindIs "float64" $v) (eq $v (floor $v)) -}}
{{- printf "%.0f" $v -}}
{{- else -}}
{{- toString $v -}}
{{- end -}}
{{- end -}}

{{/*
A duration setting in whole seconds (rounded up), for comparing with termination grace periods.
Understands a bare number (milliseconds) and the suffixes ms, s, m, h and d; empty for anything
else (an ISO-8601 duration), which then goes unchecked.
*/}}
{{- define "ops.durationSeconds" -}}
{{- $s := include "ops.envValue" . -}}
{{- if regexMatch "^[0-9]+$" $s -}}
{{- div (add (atoi $s) 999) 1000 -}}
{{- else if regexMatch "^[0-9]+ms$" $s -}}
{{- div (add (atoi (trimSuffix "ms" $s)) 999) 1000 -}}
{{- else if regexMatch "^[0-9]+s$" $s -}}
{{- atoi (trimSuffix "s" $s) -}}
{{- else if regexMatch "^[0-9]+m$" $s -}}
{{- mul (atoi (trimSuffix "m" $s)) 60 -}}
{{- else if regexMatch "^[0-9]+h$" $s -}}
{{- mul (atoi (trimSuffix "h" $s)) 3600 -}}
{{- else if regexMatch "^[0-9]+d$" $s -}}
{{- mul (atoi (trimSuffix "d" $s)) 86400 -}}
{{- end -}}
{{- end -}}

{{/*
configuration.digitalAssetManagement.<value> → the environment variable the scheduler reads: the
operator aliases of OperatorEnvironmentAliases where one exists, otherwise Spring's relaxed-binding
name of the operations.* property. expiredOperationsProcessingExpiryByFunction is not here: it goes
through SPRING_APPLICATION_JSON (see the scheduler ConfigMap).
*/}}
{{- define "ops.scheduler.settings" -}}
apiMaxInputSize: OPERATIONS_API_MAXINPUTSIZE
apiMaxBatchSize: OPERATIONS_API_MAXBATCHSIZE
apiDefaultMaxRetries: OPERATIONS_API_DEFAULTMAXRETRIES
apiMaxPageSize: OPERATIONS_API_MAXPAGESIZE
triggerFunctions: OPERATIONS_TRIGGERFUNCTIONS
messagingPrefix: OPERATIONS_MESSAGING_PREFIX
messagingDeliveryLimit: OPERATIONS_MESSAGING_DELIVERYLIMIT
dispatchBatchSize: OPERATIONS_DISPATCH_BATCHSIZE
dispatchPollInterval: OPERATIONS_DISPATCH_POLLINTERVAL
dispatchConfirmTimeout: OPERATIONS_DISPATCH_CONFIRMTIMEOUT
dispatchExecutionTimeout: OPERATIONS_DISPATCH_EXECUTIONTIMEOUT
dispatchUnroutableDelay: OPERATIONS_DISPATCH_UNROUTABLEDELAY
dispatchFailureBackoff: OPERATIONS_DISPATCH_FAILUREBACKOFF
resultsBatchSize: OPERATIONS_RESULTS_BATCHSIZE
retryBackoffBase: OPERATIONS_RETRY_BACKOFFBASE
retryBackoffFactor: OPERATIONS_RETRY_BACKOFFFACTOR
retryBackoffMax: OPERATIONS_RETRY_BACKOFFMAX
heartbeatEnabled: OPERATIONS_HEARTBEAT_ENABLED
heartbeatLease: OPERATIONS_HEARTBEAT_LEASE
pollFailedOperationsInterval: POLL_FAILED_OPERATIONS_INTERVAL
failedOperationThresholdTimeHours: FAILED_OPERATION_THRESHOLD_TIME_HOURS
failedOperationThresholdLimitRecords: FAILED_OPERATION_THRESHOLD_LIMIT_RECORDS
failedOperationsBatchSize: OPERATIONS_HEARTBEAT_FAILEDOPERATIONS_BATCHSIZE
expiredOperationsInterval: OPERATIONS_HEARTBEAT_EXPIREDOPERATIONS_INTERVAL
expiredOperationsQueuedExpiry: OPERATIONS_HEARTBEAT_EXPIREDOPERATIONS_QUEUEDEXPIRY
expiredOperationsProcessingExpiry: OPERATIONS_HEARTBEAT_EXPIREDOPERATIONS_PROCESSINGEXPIRY
expiredOperationsBatchSize: OPERATIONS_HEARTBEAT_EXPIREDOPERATIONS_BATCHSIZE
waitingInterval: OPERATIONS_HEARTBEAT_WAITING_INTERVAL
operationWaitInterval: OPERATION_WAIT_INTERVAL
waitingMaxWaits: OPERATIONS_HEARTBEAT_WAITING_MAXWAITS
waitingBatchSize: OPERATIONS_HEARTBEAT_WAITING_BATCHSIZE
retentionInterval: OPERATIONS_HEARTBEAT_RETENTION_INTERVAL
retentionMaxAge: OPERATIONS_HEARTBEAT_RETENTION_MAXAGE
retentionBatchSize: OPERATIONS_HEARTBEAT_RETENTION_BATCHSIZE
{{- end -}}

{{/* configuration.worker.<value> → the environment variable every worker reads. */}}
{{- define "ops.worker.settings" -}}
touchInterval: OPERATIONS_EXECUTION_TOUCHINTERVAL
confirmTimeout: OPERATIONS_EXECUTION_CONFIRMTIMEOUT
gracePeriod: OPERATIONS_EXECUTION_GRACEPERIOD
processingReportDelay: OPERATIONS_EXECUTION_PROCESSINGREPORTDELAY
outcomeBatchSize: OPERATIONS_EXECUTION_OUTCOMEBATCHSIZE
shutdownPhaseTimeout: SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE
diagnosticFunctions: OPERATIONS_DIAGNOSTICFUNCTIONS
{{- end -}}

{{/* The messaging settings both sides read; they come from digitalAssetManagement. */}}
{{- define "ops.messaging.settings" -}}
messagingPrefix: OPERATIONS_MESSAGING_PREFIX
messagingDeliveryLimit: OPERATIONS_MESSAGING_DELIVERYLIMIT
{{- end -}}

{{/*
Renders "NAME: value" lines for every set value of a settings map; call with
(dict "values" <map of values> "settings" <name of a settings template>).
*/}}
{{- define "ops.envLines" -}}
{{- $values := .values -}}
{{- range $key, $variable := (include .settings . | fromYaml) }}
{{- $value := index $values $key }}
{{- if include "ops.isSet" $value }}
{{ $variable }}: {{ include "ops.envValue" $value | quote }}
{{- end }}
{{- end }}
{{- end -}}

{{/* The broker connection, for the scheduler's and the workers' ConfigMaps. */}}
{{- define "ops.brokerEnvLines" -}}
{{- with .Values.configuration.rabbitmq }}
{{- if include "ops.isSet" .host }}
RABBITMQ_HOST: {{ include "ops.envValue" .host | quote }}
{{- end }}
{{- if include "ops.isSet" .port }}
RABBITMQ_PORT: {{ include "ops.envValue" .port | quote }}
{{- end }}
{{- end }}
{{- end -}}

{{/*
A credential from the Secret; call with (dict "root" $ "name" "DATABASE_PASSWORD" "key"
"database-password" "optional" true).
*/}}
{{- define "ops.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ include "ops.secretName" .root }}
      key: {{ .key }}
      optional: {{ .optional }}
{{- end -}}

{{/* Pod and container security settings shared by every Deployment. */}}
{{- define "ops.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
fsGroupChangePolicy: OnRootMismatch
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "ops.containerSecurityContext" -}}
runAsNonRoot: true
readOnlyRootFilesystem: true
allowPrivilegeEscalation: false
capabilities:
  drop:
    - ALL
{{- end -}}

{{/* Probes on the actuator health groups, through the container port named http. */}}
{{- define "ops.probes" -}}
startupProbe:
  httpGet:
    path: /actuator/health/liveness
    port: http
  periodSeconds: 5
  failureThreshold: 36
livenessProbe:
  httpGet:
    path: /actuator/health/liveness
    port: http
  periodSeconds: 10
  timeoutSeconds: 3
  failureThreshold: 3
readinessProbe:
  httpGet:
    path: /actuator/health/readiness
    port: http
  periodSeconds: 5
  timeoutSeconds: 3
  failureThreshold: 3
{{- end -}}

{{- define "ops.volumes" -}}
- name: tmp
  emptyDir: {}
- name: storage
  persistentVolumeClaim:
    claimName: {{ include "ops.claimName" . }}
{{- end -}}

{{- define "ops.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
- name: storage
  mountPath: {{ .Values.storage.mountPath }}
{{- end -}}

{{/*
The messaging prefix the applications use: the value, or the applications' own default when it is
empty. Queue names in KEDA triggers and broker policies need it spelled out.
*/}}
{{- define "ops.messagingPrefix" -}}
{{- default "operations" .Values.configuration.digitalAssetManagement.messagingPrefix -}}
{{- end -}}
