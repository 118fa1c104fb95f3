#!/usr/bin/env python3
"""Build standalone, strict JSON Schema (draft-04) files for the Kubernetes kinds
this project deploys, for offline validation with com.networknt:json-schema-validator.

Inputs (all Apache-2.0, pinned by commit below):
  * Kubernetes 1.33 OpenAPI v3 documents (kubernetes/kubernetes
    api/openapi-spec/v3/*, branch release-1.33) as vendored by
    kubernetes-sigs/kubectl-validate in pkg/openapiclient/builtins/1.33/.
  * CustomResourceDefinition YAMLs from the operator/API projects; the schema is
    spec.versions[name==<version>].schema.openAPIV3Schema.

Conversion ("standalone-strict", in the spirit of kubeconform's
openapi2jsonschema / yannh/kubernetes-json-schema *-standalone-strict):
  * every $ref (and the Kubernetes `allOf: [{$ref}]` wrapper) is inlined; sibling
    description/default override the referenced schema's;
  * every schema object that declares `properties` gets
    `additionalProperties: false`, unless it already says something about
    additionalProperties or carries `x-kubernetes-preserve-unknown-fields: true`.
    Sub-schemas inside allOf/anyOf/oneOf/not are partial constraints and are
    left open (closing them would reject valid objects);
  * typed fields below the root also accept `null` (type widened to
    [T, "null"], null added to enums), as kubeconform's schemas do: the API
    server treats null as "unset" (core types) or prunes it (CRDs);
  * OpenAPI/Kubernetes extensions are translated, then dropped:
    nullable -> "null" type; x-kubernetes-int-or-string -> integer|string;
    x-kubernetes-embedded-resource -> apiVersion/kind/metadata allowed;
    x-kubernetes-validations (CEL rules) cannot be expressed and are dropped;
    other non draft-04 keywords (x-*, example, readOnly, ...) are dropped;
  * `format` is kept only where JSON Schema and Kubernetes agree
    (date-time, email, hostname, ipv4, ipv6, uuid); Kubernetes-only formats
    (int32, int64, byte, int-or-string, duration, ...) are dropped so that a
    JSON Schema validator neither warns about nor mis-validates them;
  * the root pins apiVersion/kind with `enum` and requires both;
  * for CRDs, the root `metadata: {type: object}` is replaced by the strict
    Kubernetes 1.33 ObjectMeta schema (what the API server applies to every
    custom resource), so misspelled metadata keys are caught as well.

Usage:
  python3 build-schemas.py [--mirror-root DIR] [--raw-dir DIR] [--out DIR]

Source files are read, in this order, from
  --raw-dir:     DIR/<owner>/<repo>/<commit>/<path>  (e.g. downloaded from
                 https://raw.githubusercontent.com/<owner>/<repo>/<commit>/<path>)
  --mirror-root: bare git repositories DIR/<owner>+<repo>/repo (default
                 /work/.mirror), read with `git show <commit>:<path>`.
Requires python3 and PyYAML (Debian: python3-yaml).
"""

import argparse
import copy
import json
import os
import re
import subprocess
import sys

import yaml

DRAFT = "http://json-schema.org/draft-04/schema#"

K8S_REPO = "kubernetes-sigs/kubectl-validate"
K8S_COMMIT = "a97ccfaca20b164819afdae780392496f6ed6bbd"
K8S_VERSION = "1.33"
K8S_UPSTREAM = ("kubernetes/kubernetes api/openapi-spec/v3 (branch release-1.33), "
                "as vendored by kubernetes-sigs/kubectl-validate@a97ccfac "
                "pkg/openapiclient/builtins/1.33")

CORE = [
    # kind, group, version, vendored file, component name, upstream file
    ("Deployment", "apps", "v1", "apis/apps/v1.json", "io.k8s.api.apps.v1.Deployment",
     "apis__apps__v1_openapi.json"),
    ("Service", "", "v1", "api/v1.json", "io.k8s.api.core.v1.Service", "api__v1_openapi.json"),
    ("ConfigMap", "", "v1", "api/v1.json", "io.k8s.api.core.v1.ConfigMap", "api__v1_openapi.json"),
    ("Secret", "", "v1", "api/v1.json", "io.k8s.api.core.v1.Secret", "api__v1_openapi.json"),
    ("ServiceAccount", "", "v1", "api/v1.json", "io.k8s.api.core.v1.ServiceAccount",
     "api__v1_openapi.json"),
    ("Namespace", "", "v1", "api/v1.json", "io.k8s.api.core.v1.Namespace", "api__v1_openapi.json"),
    ("HorizontalPodAutoscaler", "autoscaling", "v2", "apis/autoscaling/v2.json",
     "io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler", "apis__autoscaling__v2_openapi.json"),
    ("PodDisruptionBudget", "policy", "v1", "apis/policy/v1.json",
     "io.k8s.api.policy.v1.PodDisruptionBudget", "apis__policy__v1_openapi.json"),
    ("NetworkPolicy", "networking.k8s.io", "v1", "apis/networking.k8s.io/v1.json",
     "io.k8s.api.networking.v1.NetworkPolicy", "apis__networking.k8s.io__v1_openapi.json"),
]

STRIMZI = ("strimzi/strimzi-kafka-operator", "0.51.0", "54081abf97d0e5e524de773b88343756934db1a8")
CNPG = ("cloudnative-pg/cloudnative-pg", "v1.30.0", "4b5e244a7d031f67e025c83c1555e7726ecbbfa1")
GWAPI = ("kubernetes-sigs/gateway-api", "v1.6.1", "8bb74df00e56ec8f944d48c25e6c1c9c2f6848e3")
ENVOY = ("envoyproxy/gateway", "v1.9.0", "39763b1c07ec30a5526fe70434a2cfe4181de642")
PROM = ("prometheus-operator/prometheus-operator", "v0.93.0", "f8fafd475f3d132e239432ae6172de60a6cb6516")

CRDS = [
    # kind, group, version, (repo, tag, commit), path
    ("Kafka", "kafka.strimzi.io", "v1beta2", STRIMZI,
     "packaging/install/cluster-operator/040-Crd-kafka.yaml"),
    ("KafkaNodePool", "kafka.strimzi.io", "v1beta2", STRIMZI,
     "packaging/install/cluster-operator/045-Crd-kafkanodepool.yaml"),
    ("KafkaTopic", "kafka.strimzi.io", "v1beta2", STRIMZI,
     "packaging/install/cluster-operator/043-Crd-kafkatopic.yaml"),
    ("KafkaUser", "kafka.strimzi.io", "v1beta2", STRIMZI,
     "packaging/install/cluster-operator/044-Crd-kafkauser.yaml"),
    ("Cluster", "postgresql.cnpg.io", "v1", CNPG, "config/crd/bases/postgresql.cnpg.io_clusters.yaml"),
    ("Database", "postgresql.cnpg.io", "v1", CNPG, "config/crd/bases/postgresql.cnpg.io_databases.yaml"),
    ("GatewayClass", "gateway.networking.k8s.io", "v1", GWAPI,
     "config/crd/standard/gateway.networking.k8s.io_gatewayclasses.yaml"),
    ("Gateway", "gateway.networking.k8s.io", "v1", GWAPI,
     "config/crd/standard/gateway.networking.k8s.io_gateways.yaml"),
    ("HTTPRoute", "gateway.networking.k8s.io", "v1", GWAPI,
     "config/crd/standard/gateway.networking.k8s.io_httproutes.yaml"),
    ("SecurityPolicy", "gateway.envoyproxy.io", "v1alpha1", ENVOY,
     "charts/gateway-helm/charts/crds/crds/generated/gateway.envoyproxy.io_securitypolicies.yaml"),
    ("BackendTrafficPolicy", "gateway.envoyproxy.io", "v1alpha1", ENVOY,
     "charts/gateway-helm/charts/crds/crds/generated/gateway.envoyproxy.io_backendtrafficpolicies.yaml"),
    ("ClientTrafficPolicy", "gateway.envoyproxy.io", "v1alpha1", ENVOY,
     "charts/gateway-helm/charts/crds/crds/generated/gateway.envoyproxy.io_clienttrafficpolicies.yaml"),
    ("HTTPRouteFilter", "gateway.envoyproxy.io", "v1alpha1", ENVOY,
     "charts/gateway-helm/charts/crds/crds/generated/gateway.envoyproxy.io_httproutefilters.yaml"),
    ("ServiceMonitor", "monitoring.coreos.com", "v1", PROM,
     "example/prometheus-operator-crd/monitoring.coreos.com_servicemonitors.yaml"),
    ("PrometheusRule", "monitoring.coreos.com", "v1", PROM,
     "example/prometheus-operator-crd/monitoring.coreos.com_prometheusrules.yaml"),
]

# draft-04 validation/annotation keywords that are kept
SCHEMA_MAPS = {"properties", "patternProperties", "definitions"}
SCHEMA_LISTS = {"allOf", "anyOf", "oneOf"}
PLAIN = {"title", "description", "default", "multipleOf", "maximum", "exclusiveMaximum",
         "minimum", "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems",
         "minItems", "uniqueItems", "maxProperties", "minProperties", "enum", "type",
         "dependencies"}
SAFE_FORMATS = {"date-time", "email", "hostname", "ipv4", "ipv6", "uuid"}


class Sources:
    def __init__(self, mirror_root, raw_dir):
        self.mirror_root = mirror_root
        self.raw_dir = raw_dir

    def read(self, repo, commit, path):
        if self.raw_dir:
            f = os.path.join(self.raw_dir, repo, commit, path)
            if os.path.exists(f):
                with open(f, "rb") as fh:
                    return fh.read()
        gitdir = os.path.join(self.mirror_root, repo.replace("/", "+"), "repo")
        return subprocess.run(["git", "--git-dir=" + gitdir, "show", "%s:%s" % (commit, path)],
                              check=True, capture_output=True).stdout


def portable_pattern(pattern):
    """Go (RE2) allows a case-insensitive flag `(?i)` after `^`, which Python and
    ECMA 262 regexes reject; spell it out as [aA] classes instead."""
    m = re.match(r"^(\^?)\(\?i\)(.*)$", pattern, re.S)
    if not m:
        return pattern
    out, rest, i = [m.group(1)], m.group(2), 0
    while i < len(rest):
        c = rest[i]
        if c == "\\":
            out.append(rest[i:i + 2])
            i += 2
            continue
        if c == "[" or rest[i:i + 2] == "(?":
            raise ValueError("cannot make (?i) pattern portable: %r" % pattern)
        out.append("[%s%s]" % (c.lower(), c.upper()) if c.isalpha() else c)
        i += 1
    return "".join(out)


def convert(node, defs, stack=(), branch=False, top=False):
    """Convert one OpenAPI v3 / CRD structural schema node to draft-04."""
    if not isinstance(node, dict):
        raise TypeError("schema node is not an object: %r" % (node,))
    # inline $ref, and the Kubernetes `allOf: [{$ref: ...}]` wrapper
    ref = None
    if "$ref" in node:
        ref = node["$ref"]
        rest = {k: v for k, v in node.items() if k != "$ref"}
    elif ("allOf" in node and len(node["allOf"]) == 1 and isinstance(node["allOf"][0], dict)
          and "$ref" in node["allOf"][0] and len(node["allOf"][0]) == 1):
        ref = node["allOf"][0]["$ref"]
        rest = {k: v for k, v in node.items() if k != "allOf"}
    if ref is not None:
        if not ref.startswith("#/components/schemas/"):
            raise ValueError("unsupported $ref " + ref)
        name = ref[len("#/components/schemas/"):]
        if name in stack:
            raise ValueError("recursive $ref %s via %s" % (name, " > ".join(stack)))
        merged = dict(defs[name])
        merged.update(rest)
        return convert(merged, defs, stack + (name,), branch, top)

    preserve = node.get("x-kubernetes-preserve-unknown-fields") is True
    int_or_string = node.get("x-kubernetes-int-or-string") is True
    embedded = node.get("x-kubernetes-embedded-resource") is True

    out = {}
    for k, v in node.items():
        if k in SCHEMA_MAPS:
            out[k] = {name: convert(s, defs, stack, branch) for name, s in v.items()}
        elif k in SCHEMA_LISTS:
            out[k] = [convert(s, defs, stack, True) for s in v]
        elif k == "not":
            out[k] = convert(v, defs, stack, True)
        elif k in ("items", "additionalProperties", "additionalItems"):
            if isinstance(v, dict):
                out[k] = convert(v, defs, stack, branch)
            elif isinstance(v, bool):
                out[k] = v
            else:
                raise ValueError("unsupported %s: %r" % (k, v))
        elif k == "format":
            if v in SAFE_FORMATS:
                out[k] = v
        elif k == "pattern":
            out[k] = portable_pattern(v)
        elif k == "required":
            if v:
                out[k] = list(v)
        elif k in PLAIN:
            out[k] = copy.deepcopy(v)
        # everything else (x-kubernetes-*, nullable, example, readOnly, ...) is dropped

    if int_or_string and not any(k in out for k in ("type", "anyOf", "oneOf")):
        out["type"] = ["integer", "string"]
    if embedded and "properties" in out:
        out["properties"].setdefault("apiVersion", {"type": "string"})
        out["properties"].setdefault("kind", {"type": "string"})
        out["properties"].setdefault("metadata", {"type": "object"})
    if not branch and "properties" in out and "additionalProperties" not in out and not preserve:
        out["additionalProperties"] = False
    if not branch and not top and "type" in out:
        t = out["type"]
        types = list(t) if isinstance(t, list) else [t]
        if "null" not in types:
            out["type"] = types + ["null"]
        if "enum" in out and None not in out["enum"]:
            out["enum"] = out["enum"] + [None]
    return out


def finish(schema, kind, group, version, description):
    api_version = "%s/%s" % (group, version) if group else version
    props = schema["properties"]
    for field, value in (("apiVersion", api_version), ("kind", kind)):
        p = props.setdefault(field, {"type": "string"})
        p["type"] = "string"
        p["enum"] = [value]
    schema["required"] = sorted(set(schema.get("required", [])) | {"apiVersion", "kind"})
    schema.pop("description", None)
    ordered = {"$schema": DRAFT, "description": description}
    ordered.update(schema)
    return ordered


def file_name(kind, group, version):
    g = group.replace(".", "-") if group else "core"
    return "%s-%s-%s.json" % (kind.lower(), g, version)


def check_self_contained(schema, name):
    bad = []

    def walk(n):
        if isinstance(n, dict):
            for k, v in n.items():
                if k == "$ref":
                    bad.append(v)
                walk(v)
        elif isinstance(n, list):
            for x in n:
                walk(x)
    walk(schema)
    if bad:
        raise SystemExit("%s still has $ref: %s" % (name, bad[:3]))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mirror-root", default="/work/.mirror")
    ap.add_argument("--raw-dir", default=None)
    ap.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    args = ap.parse_args()
    src = Sources(args.mirror_root, args.raw_dir)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    written = []

    docs = {}

    def k8s_doc(rel):
        if rel not in docs:
            raw = src.read(K8S_REPO, K8S_COMMIT, "pkg/openapiclient/builtins/%s/%s" % (K8S_VERSION, rel))
            docs[rel] = json.loads(raw)["components"]["schemas"]
        return docs[rel]

    for kind, group, version, rel, comp, upstream_file in CORE:
        defs = k8s_doc(rel)
        schema = convert(defs[comp], defs, (comp,), top=True)
        desc = ("%s %s (Kubernetes %s), standalone-strict draft-04 schema generated by build-schemas.py "
                "from component %s of kubernetes/kubernetes api/openapi-spec/v3/%s (branch release-%s), "
                "as vendored in %s@%s pkg/openapiclient/builtins/%s/%s. Licence: Apache-2.0. "
                "Upstream description: %s") % (
            kind, ("%s/%s" % (group, version)) if group else version, K8S_VERSION, comp, upstream_file,
            K8S_VERSION, K8S_REPO, K8S_COMMIT, K8S_VERSION, rel, defs[comp].get("description", ""))
        written.append((file_name(kind, group, version), finish(schema, kind, group, version, desc)))

    meta_defs = k8s_doc("api/v1.json")
    meta_name = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"

    for kind, group, version, (repo, tag, commit), path in CRDS:
        crds = [d for d in yaml.load_all(src.read(repo, commit, path), Loader=loader) if d]
        crd = [d for d in crds if d.get("kind") == "CustomResourceDefinition"
               and d["spec"]["group"] == group and d["spec"]["names"]["kind"] == kind]
        if len(crd) != 1:
            raise SystemExit("CRD %s.%s not found in %s" % (kind, group, path))
        ver = [v for v in crd[0]["spec"]["versions"] if v["name"] == version]
        if len(ver) != 1 or not ver[0].get("served", False):
            raise SystemExit("version %s of %s not served in %s" % (version, kind, path))
        raw = ver[0]["schema"]["openAPIV3Schema"]
        json.dumps(raw)  # fails if YAML produced non-JSON values (dates, ...)
        schema = convert(raw, {}, top=True)
        # strict ObjectMeta instead of the open `metadata: {type: object}`
        meta = convert(meta_defs[meta_name], meta_defs, (meta_name,))
        crd_meta = schema["properties"].get("metadata", {})
        for k, v in crd_meta.items():
            if k == "properties":
                for pn, ps in v.items():
                    meta["properties"].setdefault(pn, {}).update(ps)
            elif k not in ("type", "additionalProperties"):
                meta[k] = v
        schema["properties"]["metadata"] = meta
        desc = ("%s %s/%s, standalone-strict draft-04 schema generated by build-schemas.py from "
                "spec.versions[%s].schema.openAPIV3Schema of %s %s (tag %s, commit %s); metadata is "
                "the Kubernetes %s ObjectMeta schema. Licence: Apache-2.0.%s") % (
            kind, group, version, version, repo, path, tag, commit, K8S_VERSION,
            (" Upstream description: " + raw["description"]) if raw.get("description") else "")
        written.append((file_name(kind, group, version), finish(schema, kind, group, version, desc)))

    os.makedirs(args.out, exist_ok=True)
    for name, schema in written:
        check_self_contained(schema, name)
        with open(os.path.join(args.out, name), "w", encoding="utf-8") as fh:
            json.dump(schema, fh, indent=1, ensure_ascii=False, sort_keys=False)
            fh.write("\n")
        print("%-60s %9d bytes" % (name, os.path.getsize(os.path.join(args.out, name))))


if __name__ == "__main__":
    sys.exit(main())
