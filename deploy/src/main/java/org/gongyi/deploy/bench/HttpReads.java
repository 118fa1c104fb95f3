package org.gongyi.deploy.bench;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.gongyi.deploy.LocalRun;
import org.gongyi.infra.DevTokenIssuer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP reads through the gateway (issue #11, benchmark 4): {@code wrk} (Debian's package; deploy/install-wrk.sh) on
 * loopback, bounded in time, against three reads users make all day — a project's progress, one's energy balance,
 * the alerts near a point — each after a short unmeasured warm-up. The raw limit, same run: the gateway answering a
 * request itself ({@code /openapi}, no service behind it), so the ratio is what the service adds to nginx + wrk on
 * the same cores. And each read's raw route in the same run ({@code /raw/…}, common-events {@code RawRoutes}: the
 * service's own call on a bare Vert.x route, no REST layer or token check), so the second ratio is what the
 * framework costs. Any non-2xx answer fails the run.
 */
public final class HttpReads {

    public static final double TARGET_PER_SECOND = 5_000;
    public static final double TARGET_P99_MS = 20;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /**
     * One endpoint's figures; with the same read's raw route in the same run (the service's own call on a bare
     * Vert.x route, {@code /raw/…}: what the framework costs), zero for the gateway alone.
     */
    public record Row(
            String read,
            String path,
            double requestsPerSecond,
            double p50Ms,
            double p99Ms,
            long requests,
            double ratioToRaw,
            double rawRoutePerSecond,
            double ratioToRawRoute,
            boolean withinTargets) {}

    /** A read to measure: its path through the gateway, the token it needs, its raw route (null: none). */
    private record Read(String name, String path, String token, String rawRoute) {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        List<Row> rows = run(LocalRun.gateway(), LocalRun.bootstrap(), LocalRun.issuer(), seconds, connections);
        System.out.printf(
                "%n%-22s %-44s %11s %9s %9s %8s %11s %8s  %s%n",
                "read",
                "path",
                "req/s",
                "p50",
                "p99",
                "of raw",
                "raw route",
                "of it",
                "target (≥ " + (int) TARGET_PER_SECOND + "/s, p99 ≤ " + (int) TARGET_P99_MS + " ms)");
        for (Row r : rows) {
            System.out.printf(
                    "%-22s %-44s %,11.0f %6.2f ms %6.2f ms %7.1f%% %,11.0f %7.1f%%  %s%n",
                    r.read(),
                    r.path(),
                    r.requestsPerSecond(),
                    r.p50Ms(),
                    r.p99Ms(),
                    100 * r.ratioToRaw(),
                    r.rawRoutePerSecond(),
                    100 * r.ratioToRawRoute(),
                    r.read().startsWith("raw") ? "-" : r.withinTargets() ? "met" : "missed");
        }
        System.out.println("\nwritten: "
                + Results.write(
                        Path.of(""),
                        "http",
                        "HTTP reads through the gateway",
                        Map.of("seconds", seconds, "connections", connections, "threads", threads()),
                        rows));
    }

    /** Seeds what the reads need, then measures the raw limit and the three reads for {@code seconds} each. */
    public static List<Row> run(String gateway, String bootstrap, DevTokenIssuer issuer, int seconds, int connections)
            throws Exception {
        Path wrk = wrk();
        String admin = issuer.token("bench-admin", List.of("admin"), Duration.ofHours(1));
        String user = issuer.token("bench-reader", List.of("user"), Duration.ofHours(1));
        String police =
                issuer.token("bench-officer", List.of("police"), Duration.ofHours(1), Map.of("org", "bench-psb"));
        send(
                gateway + "/api/donations/organisations/bench-org",
                "PUT",
                admin,
                "{\"name\":\"Bench\",\"verified\":true}");
        String project = id(send(
                gateway + "/api/donations/projects",
                "POST",
                admin,
                "{\"name\":\"Bench reads\",\"charityId\":\"bench-org\",\"kind\":\"ONGOING\"}"));
        send(
                gateway + "/api/reunion/cases",
                "POST",
                police,
                "{\"name\":\"Bench\",\"age\":6,\"sex\":\"MALE\",\"latitude\":"
                        + FanOut.ZHENGZHOU_LAT + ",\"longitude\":" + FanOut.ZHENGZHOU_LON + ",\"lostAt\":\""
                        + Instant.now().minusSeconds(600) + "\",\"contact\":\"Zhengzhou PSB 110\"}");
        try (KafkaProducer<String, String> producer = Purchases.producer(bootstrap)) {
            for (int i = 0; i < 3; i++) {
                producer.send(ActionLoad.ride("bench-reader", "bench-read-" + Instant.now() + "-" + i, Instant.now()));
            }
        }
        List<Read> reads = List.of(
                new Read("raw: gateway alone", "/openapi", null, null),
                new Read(
                        "project progress",
                        "/api/donations/projects/" + project,
                        null,
                        "/api/donations/raw/projects/" + project),
                new Read("energy balance", "/api/forest/me/energy", user, "/api/forest/raw/energy/bench-reader"),
                new Read(
                        "alerts near me",
                        "/api/reunion/alerts?lat=34.80&lon=113.60",
                        null,
                        "/api/reunion/raw/alerts?lat=34.80&lon=113.60"));
        List<Row> rows = new ArrayList<>();
        double raw = 0;
        for (Read read : reads) {
            wrk(wrk, gateway + read.path(), read.token(), 2, connections);
            double[] m = wrk(wrk, gateway + read.path(), read.token(), seconds, connections);
            if (raw == 0) {
                raw = m[0];
            }
            double rawRoute = 0;
            if (read.rawRoute() != null) {
                wrk(wrk, gateway + read.rawRoute(), null, 2, connections);
                rawRoute = wrk(wrk, gateway + read.rawRoute(), null, seconds, connections)[0];
            }
            rows.add(new Row(
                    read.name(),
                    read.path().replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "{id}"),
                    m[0],
                    m[1],
                    m[2],
                    (long) m[3],
                    m[0] / raw,
                    rawRoute,
                    rawRoute == 0 ? 0 : m[0] / rawRoute,
                    m[0] >= TARGET_PER_SECOND && m[2] <= TARGET_P99_MS));
        }
        return rows;
    }

    private static int threads() {
        return Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    }

    /** {requests/s, p50 ms, p99 ms, requests} of one wrk run. */
    private static double[] wrk(Path wrk, String url, String token, int seconds, int connections) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                wrk.toString(),
                "-t" + threads(),
                "-c" + connections,
                "-d" + seconds + "s",
                "--latency",
                "--timeout",
                "5s"));
        if (token != null) {
            cmd.addAll(List.of("-H", "Authorization: Bearer " + token));
        }
        cmd.add(url);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Path lib = wrk.getParent().getParent().resolve("lib/x86_64-linux-gnu");
        if (Files.isDirectory(lib)) {
            pb.environment().put("LD_LIBRARY_PATH", lib.toString());
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds + 30L, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("wrk failed: " + out);
        }
        if (out.contains("Non-2xx or 3xx responses") || out.contains("Socket errors")) {
            throw new IllegalStateException("errors while reading " + url + " (a 429 is the gateway's per-client "
                    + "rate: this benchmark is one client standing for many, so start the platform with "
                    + "GONGYI_GATEWAY_CALLER_RATE=1000000 GONGYI_GATEWAY_ADDRESS_RATE=1000000; a 404 on /raw/… is a "
                    + "platform started without GONGYI_BENCH_RAW_ROUTES=true):\n" + out);
        }
        return new double[] {
            number(out, "Requests/sec:\\s+([0-9.]+)"),
            millis(out, "50%"),
            millis(out, "99%"),
            number(out, "(\\d+) requests in")
        };
    }

    private static double number(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no " + regex + " in wrk's output:\n" + out);
        }
        return Double.parseDouble(m.group(1));
    }

    /** A latency percentile line of wrk's {@code --latency} output, in ms. */
    private static double millis(String out, String percentile) {
        Matcher m = Pattern.compile(percentile + "\\s+([0-9.]+)(us|ms|s)\\b").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no " + percentile + " latency in wrk's output:\n" + out);
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        };
    }

    /** wrk from {@code WRK}, the PATH, /usr/bin, or where deploy/install-wrk.sh unpacks it. */
    public static Path wrk() {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getenv("WRK");
        if (configured != null) {
            candidates.add(Path.of(configured));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "wrk"));
            }
        }
        candidates.add(Path.of("/usr/bin/wrk"));
        String cache = System.getenv()
                .getOrDefault(
                        "GONGYI_TOOLS",
                        System.getenv().getOrDefault("XDG_CACHE_HOME", System.getProperty("user.home") + "/.cache")
                                + "/gongyi");
        candidates.add(Path.of(cache, "wrk/usr/bin/wrk"));
        return candidates.stream()
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "no wrk: run deploy/install-wrk.sh (unpacks Debian's package without root) or set WRK"));
    }

    private static String send(String url, String method, String token, String json)
            throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .method(method, HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + url + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private static String id(String body) {
        Matcher m = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + body);
        }
        return m.group(1);
    }
}
