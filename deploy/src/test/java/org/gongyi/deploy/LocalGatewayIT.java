package org.gongyi.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.gongyi.infra.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local gateway's per-client rates, with low ones (a caller 5 a second, an address 50; bursts of twice as many)
 * in front of a stand-in for the services that answers every request: a caller beyond its rate gets a 429 problem
 * with Retry-After while another caller and requests without a token pass; an address beyond its rate is refused too.
 * And the services see the client's address as nginx saw it, never an X-Forwarded-For the client wrote.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalGatewayIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final AtomicReference<String> FORWARDED_FOR = new AtomicReference<>();

    private static HttpServer services;
    private static LocalGateway gateway;
    private static Path home;

    /** nginx from the machine, or Debian's package unpacked without root (deploy/install-nginx.sh). */
    static void ensureNginx() throws Exception {
        if (LocalGateway.nginx(System.getenv()).isEmpty()) {
            Process install = new ProcessBuilder(
                            "bash", Path.of("install-nginx.sh").toAbsolutePath().toString())
                    .inheritIO()
                    .start();
            assertTrue(
                    install.waitFor(5, TimeUnit.MINUTES) && install.exitValue() == 0, "deploy/install-nginx.sh failed");
        }
    }

    @BeforeAll
    static void start() throws Exception {
        ensureNginx();
        services = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        services.createContext("/", exchange -> {
            FORWARDED_FOR.set(exchange.getRequestHeaders().getFirst("X-Forwarded-For"));
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        services.setExecutor(Executors.newFixedThreadPool(8));
        services.start();
        int port = services.getAddress().getPort();
        home = Files.createTempDirectory("gongyi-gateway-it-");
        gateway = LocalGateway.start(
                Path.of("..").toAbsolutePath().normalize(),
                home,
                LocalGateway.nginx(System.getenv()).orElseThrow(),
                Ports.free(),
                Map.of("donation", port, "forest", port, "reunion", port, "volunteer", port),
                new LocalGateway.Limits(5, 50));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (services != null) {
            services.stop(0);
        }
    }

    /** A bearer token shaped like a JWT whose claims name {@code subject} (the stand-in checks no signature). */
    private static String token(String subject) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"sub\":\"" + subject + "\"}").getBytes(StandardCharsets.UTF_8)) + ".sig";
    }

    private static CompletableFuture<HttpResponse<String>> get(String token) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/api/forest/energy/me"));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code n} requests at once; their answers. */
    private static List<HttpResponse<String>> burst(String token, int n) {
        List<CompletableFuture<HttpResponse<String>>> sent =
                IntStream.range(0, n).mapToObj(i -> get(token)).toList();
        return sent.stream().map(CompletableFuture::join).toList();
    }

    private static long count(List<HttpResponse<String>> answers, int status) {
        return answers.stream().filter(r -> r.statusCode() == status).count();
    }

    @Test
    @Order(1)
    void theServicesSeeTheClientsAddressNotOneItWrote() throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/api/donations/projects"))
                        .header("X-Forwarded-For", "203.0.113.7")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals("127.0.0.1", FORWARDED_FOR.get());
    }

    @Test
    @Order(2)
    void aCallerBeyondItsRateIsToldToRetryWhileOthersPass() throws Exception {
        List<HttpResponse<String>> busy = burst(token("busy-" + System.nanoTime()), 40);
        assertEquals(40, count(busy, 200) + count(busy, 429), "only passed or refused");
        assertTrue(count(busy, 200) >= 10, "the burst passes at once: " + count(busy, 200));
        assertTrue(count(busy, 429) >= 10, "beyond it, refused: " + count(busy, 429));
        HttpResponse<String> refused =
                busy.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
        assertEquals(
                "application/problem+json",
                refused.headers().firstValue("Content-Type").orElse(""));
        assertEquals("1", refused.headers().firstValue("Retry-After").orElse(""));
        assertTrue(refused.headers().firstValue("X-Request-Id").isPresent(), "refusals carry a request id too");
        JsonNode problem = JSON.readTree(refused.body());
        assertEquals(429, problem.get("status").asInt());
        assertEquals("Too Many Requests", problem.get("title").asText());

        // another caller at the same moment, from the same address, has its own allowance
        assertEquals(200, get(token("calm-" + System.nanoTime())).join().statusCode());
        // requests without a token count only for their address
        assertEquals(
                List.of(200, 200, 200),
                burst(null, 3).stream().map(HttpResponse::statusCode).toList());
        // and the busy caller is served again once its rate allows
        String again = busy.getFirst()
                .request()
                .headers()
                .firstValue("Authorization")
                .orElseThrow()
                .substring("Bearer ".length());
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int status;
        while ((status = get(again).join().statusCode()) != 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(200, status);
    }

    @Test
    @Order(3) // after the others: it spends the address's allowance
    void anAddressBeyondItsRateIsRefusedWhateverTokensItSends() {
        // callers inventing a new token for each request still share their address's allowance (50 a second, 100 at
        // once)
        List<CompletableFuture<HttpResponse<String>>> sent = IntStream.range(0, 300)
                .mapToObj(i -> get(token("invented-" + i + "-" + System.nanoTime())))
                .toList();
        List<HttpResponse<String>> answers =
                sent.stream().map(CompletableFuture::join).toList();
        assertEquals(300, count(answers, 200) + count(answers, 429), "only passed or refused");
        assertTrue(count(answers, 429) >= 50, "refused: " + count(answers, 429));
    }

    /**
     * Issue #29: the gateway serves the live report from a checkout nginx's workers cannot read (a private home, mode
     * 700, when nginx starts as root and its workers run as another user): a world-readable copy of the report.
     */
    @Test
    @Order(4)
    void theReportIsServedFromACheckoutInAPrivateFolder() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path home = Files.createTempDirectory("gongyi-private-home-");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        Path checkout = home.resolve("gongyi");
        for (String file : List.of(
                "deploy/gateway/nginx.conf.template",
                "deploy/gateway/proxy-headers.conf",
                "deploy/report/index.html",
                "deploy/report/report.js",
                "deploy/report/report.css",
                "deploy/report/alert.html",
                "deploy/report/alert.js",
                "deploy/report/alert.css",
                "deploy/report/certificate.html",
                "deploy/report/certificate.js",
                "deploy/report/certificate.css",
                "deploy/report/node_modules/chart.js/dist/chart.umd.min.js")) {
            Files.createDirectories(checkout.resolve(file).getParent());
            Files.copy(root.resolve(file), checkout.resolve(file));
        }
        int port = services.getAddress().getPort();
        LocalGateway privateGateway = LocalGateway.start(
                checkout,
                home,
                LocalGateway.nginx(System.getenv()).orElseThrow(),
                Ports.free(),
                Map.of("donation", port, "forest", port, "reunion", port, "volunteer", port),
                new LocalGateway.Limits(5, 50));
        try {
            for (String path : List.of("/report/", "/report/report.js", "/report/vendor/chart.umd.min.js")) {
                HttpResponse<String> r = HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + privateGateway.port() + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), path + ": " + r.body());
            }
            HttpResponse<String> index = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + privateGateway.port() + "/report/"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(Files.readString(root.resolve("deploy/report/index.html")), index.body());
            // a case's public alert page (issue #33), its script and styles; only for a case's id
            String alertPage = "/alerts/" + UUID.randomUUID();
            for (String path : List.of(alertPage, "/report/alert.js", "/report/alert.css")) {
                HttpResponse<String> r = HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + privateGateway.port() + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), path + ": " + r.body());
            }
            HttpResponse<String> page = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + privateGateway.port() + alertPage))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(Files.readString(root.resolve("deploy/report/alert.html")), page.body());
            assertEquals(
                    "text/html; charset=utf-8",
                    page.headers().firstValue("content-type").orElseThrow());
            HttpResponse<String> notAnId = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + privateGateway.port() + "/alerts/x"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, notAnId.statusCode(), notAnId.body());
            // a certificate's check page (issue #33): for a tree's or a 3-hour certificate's number only
            for (String path : List.of(
                    "/certificates/GF-T-2026-0000000042",
                    "/certificates/GY-3H-2026-00000042",
                    "/report/certificate.js",
                    "/report/certificate.css")) {
                HttpResponse<String> r = HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + privateGateway.port() + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), path + ": " + r.body());
            }
            HttpResponse<String> certificatePage = HTTP.send(
                    HttpRequest.newBuilder(URI.create(
                                    "http://127.0.0.1:" + privateGateway.port() + "/certificates/GF-T-2026-0000000042"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(Files.readString(root.resolve("deploy/report/certificate.html")), certificatePage.body());
            for (String path : List.of("/certificates/GF-A-2026-0000000042", "/certificates/x", "/certificates/")) {
                HttpResponse<String> r = HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + privateGateway.port() + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(404, r.statusCode(), path + ": " + r.body());
            }
        } finally {
            privateGateway.close();
        }
    }
}
