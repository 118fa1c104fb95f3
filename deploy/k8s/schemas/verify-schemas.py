#!/usr/bin/env python3
"""Sanity checks for the schemas in this directory.

For every <kind>-<group>-<version>.json: valid JSON, `$schema` is draft-04, no `$ref`
left, the schema itself is a valid draft-04 schema, a minimal correct manifest
validates, and manifests with a misspelled field (in spec or another nested object,
and in metadata) are rejected.

Usage: python3 verify-schemas.py [--dump-examples DIR]
Requires python3-jsonschema (Debian package). --dump-examples writes the example
manifests as JSON (<file>.valid.json, <file>.invalid-N.json) so that another
validator (e.g. com.networknt json-schema-validator) can be run on the same cases.
"""

import argparse
import copy
import glob
import json
import os
import sys

import jsonschema

HERE = os.path.dirname(os.path.abspath(__file__))


def meta(name, **extra):
    m = {"name": name, "namespace": "demo", "labels": {"app.kubernetes.io/name": name}}
    m.update(extra)
    return m


EXAMPLES = {
    "deployment-apps-v1.json": {
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": meta("api", creationTimestamp=None),
        "spec": {
            "replicas": 2,
            "selector": {"matchLabels": {"app.kubernetes.io/name": "api"}},
            "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": 0}},
            "template": {
                "metadata": {"labels": {"app.kubernetes.io/name": "api"}},
                "spec": {
                    "serviceAccountName": "api",
                    "securityContext": {"runAsNonRoot": True, "seccompProfile": {"type": "RuntimeDefault"}},
                    "containers": [{
                        "name": "api", "image": "example/api:1.0.0",
                        "ports": [{"name": "http", "containerPort": 8080}],
                        "env": [{"name": "A", "value": "b"},
                                {"name": "PW", "valueFrom": {"secretKeyRef": {"name": "s", "key": "k"}}}],
                        "resources": {"requests": {"cpu": "100m", "memory": "256Mi"}, "limits": {"cpu": 1, "memory": "512Mi"}},
                        "readinessProbe": {"httpGet": {"path": "/q/health/ready", "port": "http"}, "periodSeconds": 5},
                        "livenessProbe": {"httpGet": {"path": "/q/health/live", "port": 8080}},
                        "securityContext": {"allowPrivilegeEscalation": False, "capabilities": {"drop": ["ALL"]}},
                    }],
                },
            },
        },
    },
    "service-core-v1.json": {
        "apiVersion": "v1", "kind": "Service", "metadata": meta("api"),
        "spec": {"type": "ClusterIP", "selector": {"app.kubernetes.io/name": "api"},
                 "ports": [{"name": "http", "port": 80, "targetPort": "http", "protocol": "TCP"}]},
    },
    "configmap-core-v1.json": {
        "apiVersion": "v1", "kind": "ConfigMap", "metadata": meta("cfg"),
        "data": {"application.properties": "a=b\n"},
    },
    "secret-core-v1.json": {
        "apiVersion": "v1", "kind": "Secret", "metadata": meta("sec"), "type": "Opaque",
        "data": {"password": "c2VjcmV0"}, "stringData": {"user": "app"},
    },
    "serviceaccount-core-v1.json": {
        "apiVersion": "v1", "kind": "ServiceAccount", "metadata": meta("api"),
        "automountServiceAccountToken": False,
    },
    "namespace-core-v1.json": {
        "apiVersion": "v1", "kind": "Namespace",
        "metadata": {"name": "demo", "labels": {"pod-security.kubernetes.io/enforce": "restricted"}},
        "spec": {"finalizers": ["kubernetes"]},
    },
    "horizontalpodautoscaler-autoscaling-v2.json": {
        "apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "metadata": meta("api"),
        "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "api"},
                 "minReplicas": 2, "maxReplicas": 10,
                 "metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 70}}}],
                 "behavior": {"scaleDown": {"stabilizationWindowSeconds": 300}}},
    },
    "poddisruptionbudget-policy-v1.json": {
        "apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": meta("api"),
        "spec": {"minAvailable": 1, "selector": {"matchLabels": {"app.kubernetes.io/name": "api"}}},
    },
    "networkpolicy-networking-k8s-io-v1.json": {
        "apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": meta("api"),
        "spec": {"podSelector": {"matchLabels": {"app.kubernetes.io/name": "api"}},
                 "policyTypes": ["Ingress"],
                 "ingress": [{"from": [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "envoy-gateway-system"}}}],
                              "ports": [{"port": 8080, "protocol": "TCP"}]}]},
    },
    "kafka-kafka-strimzi-io-v1beta2.json": {
        "apiVersion": "kafka.strimzi.io/v1beta2", "kind": "Kafka",
        "metadata": meta("events", annotations={"strimzi.io/node-pools": "enabled", "strimzi.io/kraft": "enabled"}),
        "spec": {
            "kafka": {
                "version": "4.1.0", "metadataVersion": "4.1-IV1",
                "listeners": [{"name": "plain", "port": 9092, "type": "internal", "tls": False},
                              {"name": "tls", "port": 9093, "type": "internal", "tls": True}],
                "config": {"offsets.topic.replication.factor": 3, "min.insync.replicas": 2},
            },
            "entityOperator": {"topicOperator": {}, "userOperator": {}},
        },
    },
    "kafkanodepool-kafka-strimzi-io-v1beta2.json": {
        "apiVersion": "kafka.strimzi.io/v1beta2", "kind": "KafkaNodePool",
        "metadata": meta("dual-role", labels={"strimzi.io/cluster": "events"}),
        "spec": {"replicas": 3, "roles": ["controller", "broker"],
                 "storage": {"type": "jbod", "volumes": [{"id": 0, "type": "persistent-claim", "size": "10Gi",
                                                           "deleteClaim": False, "kraftMetadata": "shared"}]},
                 "resources": {"requests": {"memory": "2Gi", "cpu": "500m"}}},
    },
    "kafkatopic-kafka-strimzi-io-v1beta2.json": {
        "apiVersion": "kafka.strimzi.io/v1beta2", "kind": "KafkaTopic",
        "metadata": meta("donations", labels={"strimzi.io/cluster": "events"}),
        "spec": {"partitions": 6, "replicas": 3, "config": {"retention.ms": 604800000, "cleanup.policy": "delete"}},
    },
    "kafkauser-kafka-strimzi-io-v1beta2.json": {
        "apiVersion": "kafka.strimzi.io/v1beta2", "kind": "KafkaUser",
        "metadata": meta("donation-service", labels={"strimzi.io/cluster": "events"}),
        "spec": {"authentication": {"type": "scram-sha-512"},
                 "authorization": {"type": "simple", "acls": [
                     {"resource": {"type": "topic", "name": "donations", "patternType": "literal"},
                      "operations": ["Read", "Describe", "Write"]}]}},
    },
    "cluster-postgresql-cnpg-io-v1.json": {
        "apiVersion": "postgresql.cnpg.io/v1", "kind": "Cluster", "metadata": meta("pg"),
        "spec": {"instances": 3, "storage": {"size": "1Gi"},
                 "bootstrap": {"initdb": {"database": "app", "owner": "app"}},
                 "resources": {"requests": {"memory": "512Mi"}},
                 "monitoring": {"enablePodMonitor": False}},
    },
    "database-postgresql-cnpg-io-v1.json": {
        "apiVersion": "postgresql.cnpg.io/v1", "kind": "Database", "metadata": meta("forest"),
        "spec": {"name": "forest", "owner": "app", "cluster": {"name": "pg"}},
    },
    "gatewayclass-gateway-networking-k8s-io-v1.json": {
        "apiVersion": "gateway.networking.k8s.io/v1", "kind": "GatewayClass", "metadata": {"name": "eg"},
        "spec": {"controllerName": "gateway.envoyproxy.io/gatewayclass-controller"},
    },
    "gateway-gateway-networking-k8s-io-v1.json": {
        "apiVersion": "gateway.networking.k8s.io/v1", "kind": "Gateway", "metadata": meta("eg"),
        "spec": {"gatewayClassName": "eg",
                 "listeners": [{"name": "http", "protocol": "HTTP", "port": 80,
                                "allowedRoutes": {"namespaces": {"from": "Same"}}}]},
    },
    "httproute-gateway-networking-k8s-io-v1.json": {
        "apiVersion": "gateway.networking.k8s.io/v1", "kind": "HTTPRoute", "metadata": meta("api"),
        "spec": {"parentRefs": [{"name": "eg"}], "hostnames": ["api.example.com"],
                 "rules": [{"matches": [{"path": {"type": "PathPrefix", "value": "/api"}}],
                            "backendRefs": [{"name": "api", "port": 80}]}]},
    },
    "securitypolicy-gateway-envoyproxy-io-v1alpha1.json": {
        "apiVersion": "gateway.envoyproxy.io/v1alpha1", "kind": "SecurityPolicy", "metadata": meta("jwt"),
        "spec": {"targetRefs": [{"group": "gateway.networking.k8s.io", "kind": "HTTPRoute", "name": "api"}],
                 "jwt": {"providers": [{"name": "keycloak", "issuer": "https://idp.example.com/realms/demo",
                                        "remoteJWKS": {"uri": "https://idp.example.com/realms/demo/protocol/openid-connect/certs"}}]}},
    },
    "backendtrafficpolicy-gateway-envoyproxy-io-v1alpha1.json": {
        "apiVersion": "gateway.envoyproxy.io/v1alpha1", "kind": "BackendTrafficPolicy", "metadata": meta("api"),
        "spec": {"targetRefs": [{"group": "gateway.networking.k8s.io", "kind": "HTTPRoute", "name": "api"}],
                 "loadBalancer": {"type": "RoundRobin"},
                 "timeout": {"http": {"requestTimeout": "10s"}}},
    },
    "servicemonitor-monitoring-coreos-com-v1.json": {
        "apiVersion": "monitoring.coreos.com/v1", "kind": "ServiceMonitor", "metadata": meta("api"),
        "spec": {"selector": {"matchLabels": {"app.kubernetes.io/name": "api"}},
                 "endpoints": [{"port": "http", "path": "/q/metrics", "interval": "30s"}]},
    },
    "prometheusrule-monitoring-coreos-com-v1.json": {
        "apiVersion": "monitoring.coreos.com/v1", "kind": "PrometheusRule", "metadata": meta("api"),
        "spec": {"groups": [{"name": "api", "rules": [
            {"alert": "ApiDown", "expr": "up{job=\"api\"} == 0", "for": "5m",
             "labels": {"severity": "critical"}, "annotations": {"summary": "API down"}}]}]},
    },
}

# misspelled field per file: (path to an object in the valid example, bogus key)
TYPOS = {
    "deployment-apps-v1.json": [("spec", "replica"), ("spec.template.spec.containers.0", "imagePullPolicyy")],
    "service-core-v1.json": [("spec", "selectors"), ("spec.ports.0", "targetport")],
    "configmap-core-v1.json": [("", "datas")],
    "secret-core-v1.json": [("", "stringdata")],
    "serviceaccount-core-v1.json": [("", "automountServiceAccountTokens")],
    "namespace-core-v1.json": [("spec", "finalizer")],
    "horizontalpodautoscaler-autoscaling-v2.json": [("spec", "maxReplica"), ("spec.scaleTargetRef", "nam")],
    "poddisruptionbudget-policy-v1.json": [("spec", "minAvailabe")],
    "networkpolicy-networking-k8s-io-v1.json": [("spec", "podselector"), ("spec.ingress.0", "form")],
    "kafka-kafka-strimzi-io-v1beta2.json": [("spec", "kafkaa"), ("spec.kafka.listeners.0", "tlss")],
    "kafkanodepool-kafka-strimzi-io-v1beta2.json": [("spec", "role"), ("spec.storage.volumes.0", "sizee")],
    "kafkatopic-kafka-strimzi-io-v1beta2.json": [("spec", "partition")],
    "kafkauser-kafka-strimzi-io-v1beta2.json": [("spec", "authentification"), ("spec.authorization.acls.0.resource", "patterntype")],
    "cluster-postgresql-cnpg-io-v1.json": [("spec", "instance"), ("spec.storage", "sizes")],
    "database-postgresql-cnpg-io-v1.json": [("spec", "ownr"), ("spec.cluster", "nmae")],
    "gatewayclass-gateway-networking-k8s-io-v1.json": [("spec", "controller")],
    "gateway-gateway-networking-k8s-io-v1.json": [("spec", "gatewayClass"), ("spec.listeners.0", "hostnames")],
    "httproute-gateway-networking-k8s-io-v1.json": [("spec", "parentRef"), ("spec.rules.0.backendRefs.0", "ports")],
    "securitypolicy-gateway-envoyproxy-io-v1alpha1.json": [("spec", "jwtt"), ("spec.jwt.providers.0", "remoteJwks")],
    "backendtrafficpolicy-gateway-envoyproxy-io-v1alpha1.json": [("spec", "loadbalancer"), ("spec.timeout.http", "requesttimeout")],
    "servicemonitor-monitoring-coreos-com-v1.json": [("spec", "endpoint"), ("spec.endpoints.0", "intervall")],
    "prometheusrule-monitoring-coreos-com-v1.json": [("spec", "group"), ("spec.groups.0.rules.0", "exp")],
}

# wrong value (type, enum, minimum, ...) per file: (path to an object, key, bad value)
BAD_VALUES = {
    "deployment-apps-v1.json": [("spec", "replicas", "two")],
    "service-core-v1.json": [("spec.ports.0", "port", "eighty")],
    "horizontalpodautoscaler-autoscaling-v2.json": [("spec.metrics.0", "resource", "cpu")],
    "kafka-kafka-strimzi-io-v1beta2.json": [("spec.kafka.listeners.0", "type", "bogus")],
    "kafkanodepool-kafka-strimzi-io-v1beta2.json": [("spec", "roles", ["bogus"])],
    "kafkatopic-kafka-strimzi-io-v1beta2.json": [("spec", "partitions", 0)],
    "kafkauser-kafka-strimzi-io-v1beta2.json": [("spec.authentication", "type", "plain")],
    "cluster-postgresql-cnpg-io-v1.json": [("spec", "instances", 0)],
    "gateway-gateway-networking-k8s-io-v1.json": [("spec.listeners.0", "port", 70000)],
    "httproute-gateway-networking-k8s-io-v1.json": [("spec.rules.0.matches.0.path", "type", "Bogus")],
    "backendtrafficpolicy-gateway-envoyproxy-io-v1alpha1.json": [("spec.loadBalancer", "type", "Random1")],
    "servicemonitor-monitoring-coreos-com-v1.json": [("spec.endpoints.0", "interval", "30 seconds")],
    "prometheusrule-monitoring-coreos-com-v1.json": [("spec.groups.0", "name", "")],
}


def at(obj, path):
    for part in [p for p in path.split(".") if p]:
        obj = obj[int(part)] if isinstance(obj, list) else obj[part]
    return obj


def invalid_cases(name, valid):
    cases = []
    for path, key in TYPOS[name]:
        bad = copy.deepcopy(valid)
        at(bad, path)[key] = "x"
        cases.append(("%s.%s" % (path or "<root>", key), bad))
    for path, key, value in BAD_VALUES.get(name, []):
        bad = copy.deepcopy(valid)
        at(bad, path)[key] = value
        cases.append(("%s.%s=%r" % (path, key, value), bad))
    bad = copy.deepcopy(valid)
    bad["metadata"]["label"] = {"a": "b"}
    cases.append(("metadata.label", bad))
    bad = copy.deepcopy(valid)
    bad["kind"] = "Wrong"
    cases.append(("kind=Wrong", bad))
    return cases


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dump-examples", default=None)
    args = ap.parse_args()
    failures = 0
    files = sorted(f for f in glob.glob(os.path.join(HERE, "*.json")))
    names = {os.path.basename(f) for f in files}
    for missing in sorted(set(EXAMPLES) - names):
        print("MISSING %s" % missing)
        failures += 1
    for f in files:
        name = os.path.basename(f)
        with open(f, encoding="utf-8") as fh:
            schema = json.load(fh)
        problems = []
        if schema.get("$schema") != "http://json-schema.org/draft-04/schema#":
            problems.append("$schema is not draft-04")
        if not schema.get("description"):
            problems.append("no description")
        if '"$ref"' in json.dumps(schema):
            problems.append("contains $ref")
        try:
            jsonschema.Draft4Validator.check_schema(schema)
        except jsonschema.SchemaError as e:
            problems.append("not a valid draft-04 schema: %s" % e.message)
        if name not in EXAMPLES:
            problems.append("no example")
        else:
            v = jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
            valid = EXAMPLES[name]
            errs = sorted(v.iter_errors(valid), key=lambda e: list(e.path))
            for e in errs[:5]:
                problems.append("valid example rejected at %s: %s" % ("/".join(map(str, e.path)), e.message[:200]))
            cases = invalid_cases(name, valid)
            for label, bad in cases:
                if v.is_valid(bad):
                    problems.append("accepted invalid example (%s)" % label)
            if args.dump_examples:
                os.makedirs(args.dump_examples, exist_ok=True)
                with open(os.path.join(args.dump_examples, name + ".valid.json"), "w") as fh:
                    json.dump(valid, fh)
                for i, (label, bad) in enumerate(cases):
                    with open(os.path.join(args.dump_examples, "%s.invalid-%d.json" % (name, i)), "w") as fh:
                        json.dump(bad, fh)
        status = "ok  " if not problems else "FAIL"
        print("%s %-58s %8d bytes" % (status, name, os.path.getsize(f)))
        for p in problems:
            print("       - " + p)
        failures += bool(problems)
    print("%d passed, %d failed" % (len(files) - failures, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
