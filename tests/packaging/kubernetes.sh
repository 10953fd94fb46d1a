#!/usr/bin/env bash
# The Kubernetes manifests validate offline against the Kubernetes and
# Prometheus-Operator schemas (npm kubernetes-models, pinned by
# packaging/kubernetes/validate/package-lock.json) and keep their promises
# (non-root, read-only root, probes on the admin port, ...). Broken copies
# must be refused, naming the field: the check itself can fail.
set -euo pipefail
src=$1 work=$2
command -v npm >/dev/null && command -v node >/dev/null ||
  { echo "SKIP: node and npm are not installed (scripts/setup.sh installs them)"; exit 77; }
validator="$work/k8s-validate"
mkdir -p "$validator"
cp "$src/packaging/kubernetes/validate/"{package.json,package-lock.json,validate.mjs} "$validator/"
if [ ! -d "$validator/node_modules/kubernetes-models" ]; then
  # Without the npm registry there are no schemas to check against: say so
  # and skip, rather than pass on a check that did not run.
  (cd "$validator" && npm ci --no-audit --no-fund --loglevel=error) ||
    { echo "SKIP: npm ci could not install the schema packages: is https://registry.npmjs.org reachable?"; exit 77; }
fi
node "$validator/validate.mjs" "$src/packaging/kubernetes"

broken=$(mktemp -d)
trap 'rm -rf "$broken"' EXIT
expect_refused() { # name, sed expression on deployment.yaml, text the report must contain
  rm -rf "$broken/k" && cp -r "$src/packaging/kubernetes" "$broken/k"
  sed -i "$2" "$broken/k/deployment.yaml"
  if out=$(node "$validator/validate.mjs" "$broken/k"); then
    echo "FAIL: $1 was accepted"; exit 1
  fi
  grep -qF -- "$3" <<<"$out" || { echo "FAIL: $1: the report does not say \"$3\":"; echo "$out"; exit 1; }
  echo "refused as expected ($1): $(head -1 <<<"$out")"
}
expect_refused "a port given as a string" 's/containerPort: 8080/containerPort: "8080"/' "containerPort must be integer"
expect_refused "a replica count in words" 's/replicas: 3/replicas: three/' "/spec/replicas must be integer"
expect_refused "a writable root filesystem" 's/readOnlyRootFilesystem: true/readOnlyRootFilesystem: false/' "readOnlyRootFilesystem is not true"
expect_refused "liveness on the wrong path" 's|path: /healthz|path: /metrics|' "livenessProbe path is /metrics"
expect_refused "a volume without its ConfigMap" 's/name: oci-proxy-config/name: other-config/' "which no configMapGenerator makes"
