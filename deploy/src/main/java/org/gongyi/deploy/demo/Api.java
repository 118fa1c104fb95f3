package org.gongyi.deploy.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The platform's public HTTP APIs as a client app calls them, JSON in, JSON out: through the gateway
 * ({@code /api/donations/…}), or straight to each service with its gateway prefix taken off.
 */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Function<String, URI> route;
    private final AtomicLong calls = new AtomicLong();

    Api(Function<String, URI> route) {
        this.route = route;
    }

    /** Paths as the gateway serves them, sent to the gateway. */
    static Function<String, URI> viaGateway(String gateway) {
        return path -> URI.create(gateway + path);
    }

    /**
     * Paths as the gateway serves them ({@code /api/<name>/…}), sent straight to the service listening on the port
     * of {@code <name>} ({@code donations}, {@code forest}, {@code reunion}, {@code volunteer}).
     */
    static Function<String, URI> straightToServices(Map<String, Integer> portsByGatewayName) {
        return path -> {
            String[] parts = path.split("/", 4); // "", "api", name, rest
            Integer port = parts.length > 2 && parts[1].equals("api") ? portsByGatewayName.get(parts[2]) : null;
            if (port == null) {
                throw new IllegalArgumentException("no service for " + path);
            }
            return URI.create("http://127.0.0.1:" + port + "/" + (parts.length > 3 ? parts[3] : ""));
        };
    }

    /** How many calls were made. */
    long calls() {
        return calls.get();
    }

    /** A {@code 429} asking to wait longer than this is the answer, not a rate to wait out. */
    private static final long LONGEST_RETRY_SECONDS = 5;

    /**
     * An answer: its status, body (JSON, or null when empty) and {@code Retry-After} in seconds (0 when it has none).
     */
    record Answer(int status, JsonNode body, long retryAfterSeconds) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    /**
     * The call's answer, whatever its status — after waiting out the gateway's per-client rate as an app does: a
     * {@code 429} that asks for a few seconds at most is tried again a second later (the gateway's {@code Retry-After}
     * says 1), a few times; a longer one (a lucky bag's daily limit: until midnight) is the answer.
     */
    Answer call(String method, String path, String token, Object body) {
        Answer a = once(method, path, token, body);
        for (int retry = 0; retry < 5 && a.status() == 429 && a.retryAfterSeconds() <= LONGEST_RETRY_SECONDS; retry++) {
            try {
                Thread.sleep(Duration.ofSeconds(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            a = once(method, path, token, body);
        }
        return a;
    }

    private Answer once(String method, String path, String token, Object body) {
        try {
            calls.incrementAndGet();
            HttpRequest.Builder b = HttpRequest.newBuilder(route.apply(path))
                    .timeout(Duration.ofSeconds(30))
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (body != null) {
                b.header("Content-Type", "application/json");
            }
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            long retryAfter = r.headers()
                    .firstValue("Retry-After")
                    .filter(v -> v.matches("\\d{1,9}"))
                    .map(Long::parseLong)
                    .orElse(0L);
            return new Answer(r.statusCode(), r.body().isBlank() ? null : JSON.readTree(r.body()), retryAfter);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The body of a 2xx answer; anything else stops the demo with what the platform said. */
    JsonNode expect(String method, String path, String token, Object body) {
        Answer a = call(method, path, token, body);
        if (!a.ok()) {
            throw new IllegalStateException(method + " " + path + " answered " + a.status() + ": " + a.body());
        }
        return a.body();
    }

    JsonNode get(String path) {
        return expect("GET", path, null, null);
    }

    /** Every element of a paged list ({@code path} without {@code page} and {@code size}), read page by page. */
    List<JsonNode> all(String path, String token) {
        int size = 200;
        List<JsonNode> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode rows = expect(
                    "GET", path + (path.contains("?") ? "&" : "?") + "size=" + size + "&page=" + page, token, null);
            rows.forEach(all::add);
            if (rows.size() < size) {
                return all;
            }
        }
    }
}
