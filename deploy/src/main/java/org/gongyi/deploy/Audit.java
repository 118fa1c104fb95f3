package org.gongyi.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The platform-wide audit (issue #9): starts an auditor's replay in every service at once (from the beginning, or
 * from the time given as the first argument), shows their progress, then prints each service's reconciliation
 * report and one summary. Exit status 0 when every service is consistent, 1 when any differs or fails.
 * Services are reached on 127.0.0.1 at the launcher's ports ({@code DONATION_HTTP_PORT} … override them); the
 * auditor's token comes from the local run's dev issuer ({@code GONGYI_HOME}), or {@code AUDITOR_TOKEN}.
 */
public final class Audit {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Audit() {}

    public static void main(String[] args) throws Exception {
        String body = args.length > 0 ? "{\"fromTime\":\"" + args[0] + "\"}" : "{}";
        String token = System.getenv("AUDITOR_TOKEN");
        if (token == null) {
            token = LocalRun.issuer().token("platform-auditor", List.of("auditor"), Duration.ofHours(2));
        }
        Map<String, String> bases = new LinkedHashMap<>();
        for (LocalPlatform.Service s : LocalPlatform.SERVICES) {
            bases.put(
                    s.name(),
                    "http://127.0.0.1:"
                            + System.getenv().getOrDefault(s.envPrefix() + "_HTTP_PORT", String.valueOf(s.port())));
        }
        System.exit(run(bases, token, body, System.out) ? 0 : 1);
    }

    /**
     * Runs the audit against these services, printing the progress and the reports to {@code out}; true when all of
     * them are consistent.
     */
    public static boolean run(Map<String, String> bases, String token, String body, PrintStream out) throws Exception {
        for (var e : bases.entrySet()) {
            HttpResponse<String> r = send(
                    HttpRequest.newBuilder(URI.create(e.getValue() + "/audit/replays"))
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .header("content-type", "application/json"),
                    token);
            if (r.statusCode() != 202) {
                throw new IllegalStateException(e.getKey() + " refused the replay: " + r.statusCode() + " " + r.body());
            }
        }
        Map<String, JsonNode> reports = new LinkedHashMap<>();
        long deadline = System.nanoTime() + TimeUnit.HOURS.toNanos(2);
        while (reports.size() < bases.size()) {
            StringBuilder line = new StringBuilder("\r");
            for (var e : bases.entrySet()) {
                JsonNode report = latest(e.getValue(), token);
                String status = report.path("status").asText();
                if (List.of("DONE", "CANCELLED", "FAILED").contains(status)) {
                    reports.put(e.getKey(), report);
                }
                line.append(String.format(
                        "%s %s %.0f%% (%d ev/s)   ",
                        e.getKey().replace("-service", ""),
                        status,
                        report.path("percent").asDouble(),
                        report.path("eventsPerSecond").asLong()));
            }
            out.print(line);
            out.flush();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the replays did not finish within 2 hours");
            }
            if (reports.size() < bases.size()) {
                Thread.sleep(500);
            }
        }
        out.println();
        for (var e : bases.entrySet()) {
            out.println();
            out.print(send(
                            HttpRequest.newBuilder(URI.create(e.getValue() + "/audit/replays/latest"))
                                    .header("accept", "text/plain"),
                            token)
                    .body());
        }
        out.println();
        out.println(String.format(
                "%-18s %10s %10s %12s %14s %12s  %s",
                "service", "events", "events/s", "projections", "rows compared", "differences", "result"));
        boolean consistent = true;
        long events = 0;
        long differences = 0;
        for (String service : bases.keySet()) {
            JsonNode r = reports.get(service);
            long compared = 0;
            for (JsonNode p : r.path("projections")) {
                compared += p.path("compared").asLong();
            }
            boolean ok = r.path("consistent").asBoolean(false);
            consistent &= ok;
            events += r.path("eventsRead").asLong();
            differences += r.path("differences").asLong();
            out.println(String.format(
                    "%-18s %10d %10d %12d %14d %12s  %s",
                    service,
                    r.path("eventsRead").asLong(),
                    r.path("eventsPerSecond").asLong(),
                    r.path("projections").size(),
                    compared,
                    r.path("differences").isNull() ? "-" : r.path("differences").asText(),
                    ok
                            ? "consistent"
                            : r.path("status").asText().equals("DONE")
                                    ? "DIFFERENT"
                                    : r.path("status").asText()));
        }
        out.println(String.format(
                "platform: %d services, %d events replayed, %d differences: %s",
                reports.size(), events, differences, consistent ? "consistent" : "NOT consistent"));
        return consistent;
    }

    /** The latest replay's report of the service at {@code base}. */
    public static JsonNode latest(String base, String token) throws IOException, InterruptedException {
        return JSON.readTree(send(
                        HttpRequest.newBuilder(URI.create(base + "/audit/replays/latest"))
                                .header("accept", "application/json"),
                        token)
                .body());
    }

    /** Sends {@code request} with the auditor's {@code token}. */
    public static HttpResponse<String> send(HttpRequest.Builder request, String token)
            throws IOException, InterruptedException {
        return HTTP.send(
                request.header("authorization", "Bearer " + token)
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
