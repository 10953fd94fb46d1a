// Offline check of the Kubernetes manifests: every resource a kustomization
// lists is validated against the Kubernetes (kubernetes-models) or
// Prometheus-Operator schemas, then the references between them and the
// deployment rules the project promises are checked.
//   node validate.mjs DIR      (DIR holds kustomization.yaml)
// Prints one line per problem, naming the file and the field; exit 1 if any.
import fs from "node:fs";
import path from "node:path";
import { parseAllDocuments, parse } from "yaml";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node validate.mjs DIR");
  process.exit(2);
}
const problems = [];
const problem = (where, what) => problems.push(`${where}: ${what}`);

const kustomizationFile = path.join(dir, "kustomization.yaml");
const kustomization = parse(fs.readFileSync(kustomizationFile, "utf8"));
const knownKustomizeKeys = new Set([
  "apiVersion", "kind", "namespace", "labels", "commonLabels", "commonAnnotations", "resources",
  "configMapGenerator", "secretGenerator", "images", "patches", "namePrefix", "nameSuffix",
  "replicas", "generatorOptions", "components",
]);
for (const key of Object.keys(kustomization))
  if (!knownKustomizeKeys.has(key)) problem("kustomization.yaml", `unknown field "${key}"`);
if (kustomization.kind !== "Kustomization") problem("kustomization.yaml", "kind is not Kustomization");

// The model class for an apiVersion/kind, from the schema packages.
async function modelFor(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const module =
    group === "monitoring.coreos.com"
      ? `@kubernetes-models/prometheus-operator/${group}/${version}/${kind}`
      : group === ""
        ? `kubernetes-models/${version}/${kind}`
        : `kubernetes-models/${group}/${version}/${kind}`;
  try {
    return (await import(module))[kind];
  } catch {
    return null;
  }
}

const objects = []; // { file, obj }
for (const file of kustomization.resources ?? []) {
  const full = path.join(dir, file);
  if (!fs.existsSync(full)) {
    problem("kustomization.yaml", `resources lists ${file}, which does not exist`);
    continue;
  }
  const docs = parseAllDocuments(fs.readFileSync(full, "utf8"));
  docs.forEach((doc, i) => {
    if (doc.errors.length) problem(file, `YAML: ${doc.errors[0].message}`);
    const obj = doc.toJS();
    if (obj) objects.push({ file: docs.length > 1 ? `${file}[${i}]` : file, obj });
  });
}
for (const gen of kustomization.configMapGenerator ?? []) {
  for (const f of gen.files ?? []) {
    const full = path.join(dir, f);
    if (!fs.existsSync(full)) problem("kustomization.yaml", `configMapGenerator ${gen.name}: ${f} does not exist`);
    else if (f.endsWith(".json")) {
      try { JSON.parse(fs.readFileSync(full, "utf8")); } catch (e) { problem(f, `not JSON: ${e.message}`); }
    }
  }
}

for (const { file, obj } of objects) {
  const Model = await modelFor(obj.apiVersion ?? "", obj.kind ?? "");
  if (!Model) {
    problem(file, `no schema for apiVersion ${obj.apiVersion} kind ${obj.kind}`);
    continue;
  }
  try {
    new Model(obj).validate();
  } catch (e) {
    for (const err of e.errors ?? [{ instancePath: "", message: e.message }])
      problem(file, `${obj.kind}/${obj.metadata?.name}: ${err.instancePath || "/"} ${err.message}`);
  }
}

// References between the objects, and the deployment's promises.
const byKind = (kind) => objects.filter((o) => o.obj.kind === kind);
const matches = (selector, labels) =>
  Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);
const deployments = byKind("Deployment");
if (deployments.length !== 1) problem("kustomization.yaml", `expected one Deployment, found ${deployments.length}`);
for (const { file, obj: d } of deployments) {
  const pod = d.spec?.template;
  const podLabels = pod?.metadata?.labels ?? {};
  const spec = pod?.spec ?? {};
  const containers = spec.containers ?? [];
  const portNames = new Set(containers.flatMap((c) => (c.ports ?? []).map((p) => p.name)));
  const where = `${file} Deployment/${d.metadata?.name}`;
  if (!matches(d.spec?.selector?.matchLabels, podLabels)) problem(where, "selector does not match the pod labels");
  if (d.spec?.replicas !== 3) problem(where, `replicas is ${d.spec?.replicas}, expected 3`);
  if (!(spec.terminationGracePeriodSeconds > 5))
    problem(where, "terminationGracePeriodSeconds must exceed the proxy's 5 s drain");
  if (spec.securityContext?.runAsNonRoot !== true) problem(where, "securityContext.runAsNonRoot is not true");
  for (const c of containers) {
    const at = `${where} container ${c.name}`;
    const sc = c.securityContext ?? {};
    if (sc.readOnlyRootFilesystem !== true) problem(at, "readOnlyRootFilesystem is not true");
    if (sc.allowPrivilegeEscalation !== false) problem(at, "allowPrivilegeEscalation is not false");
    if (!(sc.capabilities?.drop ?? []).includes("ALL")) problem(at, "capabilities.drop lacks ALL");
    if (!c.resources?.requests?.cpu || !c.resources?.requests?.memory || !c.resources?.limits?.memory)
      problem(at, "resources need cpu and memory requests and a memory limit");
    const probe = (name, p, wantPath) => {
      if (!p?.httpGet) return problem(at, `${name} has no httpGet`);
      if (p.httpGet.path !== wantPath) problem(at, `${name} path is ${p.httpGet.path}, expected ${wantPath}`);
      if (p.httpGet.port !== "admin") problem(at, `${name} must use the admin port`);
    };
    probe("readinessProbe", c.readinessProbe, "/readyz");
    probe("livenessProbe", c.livenessProbe, "/healthz");
    for (const m of c.volumeMounts ?? [])
      if (!(spec.volumes ?? []).some((v) => v.name === m.name)) problem(at, `volumeMount ${m.name} has no volume`);
    if (!(c.args ?? []).some((a) => a.startsWith("--admin-listen=:")))
      problem(at, "--admin-listen must listen on all interfaces for probes and scraping");
  }
  for (const v of spec.volumes ?? []) {
    const cm = v.configMap?.name;
    if (cm && !(kustomization.configMapGenerator ?? []).some((g) => g.name === cm))
      problem(where, `volume ${v.name} mounts ConfigMap ${cm}, which no configMapGenerator makes`);
  }
  for (const { file: f, obj: s } of byKind("Service")) {
    if (!matches(s.spec?.selector, podLabels)) problem(`${f} Service/${s.metadata?.name}`, "selector matches no Deployment pod");
    for (const p of s.spec?.ports ?? [])
      if (typeof p.targetPort === "string" && !portNames.has(p.targetPort))
        problem(`${f} Service/${s.metadata?.name}`, `targetPort ${p.targetPort} is no container port`);
  }
  for (const { file: f, obj: p } of byKind("PodDisruptionBudget"))
    if (!matches(p.spec?.selector?.matchLabels, podLabels)) problem(`${f} PodDisruptionBudget`, "selector matches no pod");
  for (const { file: f, obj: m } of byKind("PodMonitor")) {
    if (!matches(m.spec?.selector?.matchLabels, podLabels)) problem(`${f} PodMonitor`, "selector matches no pod");
    for (const e of m.spec?.podMetricsEndpoints ?? [])
      if (!portNames.has(e.port)) problem(`${f} PodMonitor`, `port ${e.port} is no container port`);
  }
  for (const { file: f, obj: h } of byKind("HorizontalPodAutoscaler")) {
    const t = h.spec?.scaleTargetRef;
    if (t?.kind !== "Deployment" || t?.name !== d.metadata?.name) problem(`${f} HorizontalPodAutoscaler`, "scaleTargetRef is not the Deployment");
    if (!(h.spec?.minReplicas >= 3)) problem(`${f} HorizontalPodAutoscaler`, "minReplicas below 3");
  }
}
for (const kind of ["Service", "PodDisruptionBudget", "HorizontalPodAutoscaler", "PodMonitor"])
  if (byKind(kind).length === 0) problem("kustomization.yaml", `no ${kind} among the resources`);

for (const p of problems) console.log(p);
if (problems.length) process.exit(1);
console.log(`ok: ${objects.length} objects (${objects.map((o) => o.obj.kind).join(", ")}) valid`);
