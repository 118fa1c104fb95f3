package org.gongyi.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.gongyi.infra.Ports;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stoplight Prism in proxy mode with {@code --errors} in front of running services, each with an OpenAPI document
 * (the one the service serves): what is sent to {@link #port} goes through Prism to the service, and every violation
 * Prism finds, in the request or in the answer, is kept with the request it was found in. Prism (deploy/contract,
 * from the npm registry by its lock file) says so in its answer, not in its log (which does not say what was wrong
 * with an answer): a request the document does not allow gets its problem 422 listing why (not forwarded), an answer
 * it does not allow becomes its problem 500 listing why, a route the document lacks its 404 or 405, a missing token
 * its 401 (problems of type {@code https://stoplight.io/prism/errors#…}); a warning, such as a status the document
 * does not declare, lets the answer through with the {@code sl-violations} header. So a small forwarder in front of
 * each proxy reads the answers. It speaks HTTP/1.1 to Prism, which never answers a request asking to upgrade to
 * HTTP/2 (as java.net.http's do by default: deploy/audit.sh's). The paths are matched as the document writes them,
 * whatever its servers: in proxy mode Prism looks at them only for a request that names one ({@code ?__server=}).
 */
final class ValidatingProxies implements AutoCloseable {

    static final Path CONTRACT = DocsShell.ROOT.resolve("deploy/contract");
    private static final Path PRISM = CONTRACT.resolve("node_modules/.bin/prism");
    private static final String PRISM_PROBLEM = "https://stoplight.io/prism/errors#";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    /** Not forwarded either way: the client sets them itself (java.net.http refuses them) or they are per hop. */
    private static final Set<String> HOP = Set.of("connection", "content-length", "expect", "host", "upgrade");

    /** One request through a proxy: the service, method and target, the status Prism answered, its violations. */
    record Exchange(String service, String method, String target, int status, List<String> violations) {
        @Override
        public String toString() {
            return service + " " + method + " " + target + " → " + status
                    + (violations.isEmpty() ? "" : ": " + String.join("; ", violations));
        }
    }

    private record Proxy(Process prism, Path log, HttpServer front) {}

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<LocalPlatform.Service, Proxy> proxies = new LinkedHashMap<>();
    private final List<Exchange> exchanges = new ArrayList<>();

    private ValidatingProxies() {}

    /** A proxy in front of each service, with the document it serves. */
    static ValidatingProxies inFrontOf(List<LocalPlatform.Service> services, Path dir) throws Exception {
        Map<LocalPlatform.Service, JsonNode> documents = new LinkedHashMap<>();
        for (LocalPlatform.Service s : services) {
            documents.put(s, document(s));
        }
        return start(documents, dir);
    }

    /**
     * A proxy in front of each service, with the document given for it, written into {@code dir} with Prism's logs.
     */
    static ValidatingProxies start(Map<LocalPlatform.Service, JsonNode> documents, Path dir) throws Exception {
        Files.createDirectories(dir);
        if (!Files.isExecutable(PRISM)) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund"));
        }
        List<Integer> ports = new ArrayList<>();
        try (Ports.Picker picker = new Ports.Picker()) { // held until picked, free again for Prism
            documents.forEach((s, d) -> ports.add(picker.one()));
        }
        ValidatingProxies proxies = new ValidatingProxies();
        try {
            for (var e : documents.entrySet()) {
                LocalPlatform.Service s = e.getKey();
                int port = ports.get(proxies.proxies.size());
                Path document = dir.resolve(s.name() + ".openapi.json");
                Files.writeString(document, e.getValue().toPrettyString());
                Path log = dir.resolve(s.name() + ".prism.log");
                Process prism = new ProcessBuilder(
                                PRISM.toString(),
                                "proxy",
                                document.toString(),
                                "http://127.0.0.1:" + s.port(),
                                "--errors",
                                "--host",
                                "127.0.0.1",
                                "--port",
                                String.valueOf(port))
                        .directory(CONTRACT.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
                HttpServer front = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                front.createContext("/", exchange -> proxies.forward(s, port, exchange));
                proxies.proxies.put(s, new Proxy(prism, log, front));
            }
            for (Proxy p : proxies.proxies.values()) {
                proxies.awaitListening(p);
                p.front().start();
            }
            return proxies;
        } catch (Exception | AssertionError e) {
            proxies.close();
            throw e;
        }
    }

    /** The document a service serves. */
    static JsonNode document(LocalPlatform.Service s) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/q/openapi?format=json"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError(s.name() + "'s document: " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** Where to send a request to {@code s} through its proxy. */
    int port(LocalPlatform.Service s) {
        return proxies.get(s).front().getAddress().getPort();
    }

    /** The requests sent through the proxies since the last call, oldest first. */
    synchronized List<Exchange> drain() {
        List<Exchange> out = List.copyOf(exchanges);
        exchanges.clear();
        return out;
    }

    private synchronized void record(Exchange e) {
        exchanges.add(e);
    }

    private void awaitListening(Proxy p) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Files.readString(p.log()).contains("Prism is listening on")) {
            if (!p.prism().isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("Prism did not start:\n" + Files.readString(p.log()));
            }
            Thread.sleep(100);
        }
    }

    private void forward(LocalPlatform.Service s, int prismPort, HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null
                            ? ""
                            : "?" + exchange.getRequestURI().getRawQuery());
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + prismPort + target))
                    .method(
                            exchange.getRequestMethod(),
                            body.length == 0
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP.contains(name.toLowerCase())) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> answer;
            try {
                answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) { // counted, so that a proxy that is gone fails the test that used it
                record(new Exchange(
                        s.name(), exchange.getRequestMethod(), target, 502, List.of("Prism did not answer: " + e)));
                exchange.sendResponseHeaders(502, -1);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            record(new Exchange(
                    s.name(), exchange.getRequestMethod(), target, answer.statusCode(), violations(answer)));
            answer.headers().map().forEach((name, values) -> {
                if (!HOP.contains(name.toLowerCase()) && !name.equalsIgnoreCase("transfer-encoding")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] out = answer.body();
            exchange.sendResponseHeaders(answer.statusCode(), out.length == 0 ? -1 : out.length);
            exchange.getResponseBody().write(out);
        }
    }

    /**
     * What Prism reported of one exchange: the violations its own answer lists (or its title and detail when it lists
     * none), then those of its header that the answer did not list. Its own answer is a problem of one of its types;
     * an answer of 500 or more is counted too, whoever made it (Prism answers 500 when it cannot read the service's
     * answer, a problem typed by the JavaScript error: FetchError …).
     */
    private static List<String> violations(HttpResponse<byte[]> answer) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        boolean problem = answer.headers().firstValue("content-type").orElse("").startsWith("application/problem+json");
        JsonNode body = problem ? JSON.readTree(answer.body()) : JSON.missingNode();
        boolean prisms = body.path("type").asText().startsWith(PRISM_PROBLEM);
        if (prisms || answer.statusCode() >= 500) {
            body.path("validation").forEach(v -> out.add(violation(v)));
            if (out.isEmpty()) {
                out.add((prisms ? "" : body.path("type").asText(String.valueOf(answer.statusCode())) + ": ")
                        + body.path("title").asText()
                        + (body.path("detail").asText().isEmpty()
                                ? ""
                                : ": " + body.path("detail").asText()));
            }
        }
        String header = answer.headers().firstValue("sl-violations").orElse(null);
        if (header != null && header.startsWith("[")) {
            JSON.readTree(header).forEach(v -> out.add(violation(v)));
        } else if (header != null) { // "Too many violations! " and the beginning of the list
            out.add(header);
        }
        return List.copyOf(out);
    }

    /** One of Prism's violations: where ("request.body.name", "response.body"), what, and how bad. */
    private static String violation(JsonNode v) {
        List<String> location = new ArrayList<>();
        v.path("location").forEach(l -> location.add(l.asText()));
        return String.join(".", location) + ": " + v.path("message").asText() + " ("
                + v.path("severity").asText() + ")";
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command)
                .directory(CONTRACT.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + out);
        }
    }

    @Override
    public void close() {
        for (Proxy p : proxies.values()) {
            p.front().stop(0);
            p.prism().destroy();
        }
        for (Proxy p : proxies.values()) {
            try {
                p.prism().onExit().get();
            } catch (Exception e) {
                p.prism().destroyForcibly();
            }
        }
    }
}
