package org.gongyi.deploy.bench;

import org.gongyi.deploy.LocalRun;
import org.gongyi.infra.DevTokenIssuer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reunion fan-out (issue #11, benchmark 3; issue #34): with {@code devices} registered devices spread over China (six in
 * ten around 26 large cities, the rest anywhere in the populated east), missing-child cases published in Zhengzhou are
 * pushed by reunion-service: one lost minutes ago to the devices within 100 km, one lost five hours ago to those within
 * 500 km, and one lost just under an hour ago, pushed at 100 km and seconds later widened to 200 km (which reaches the
 * ring between the two only). Measured: the service's own timer {@code gongyi.reunion.fanout} (reading the recipients
 * by cell and writing their notification batches to the outbox), and the same read counted alone in PostgreSQL (the
 * raw route {@code /raw/cases/{id}/devices-in-ring}: the platform runs with {@code GONGYI_BENCH_RAW_ROUTES=true}).
 * Against a running local platform; devices are seeded once.
 */
public final class FanOut {

    public static final long TARGET_100_KM_MS = 1000;
    public static final long TARGET_500_KM_MS = 5000;
    static final double ZHENGZHOU_LAT = 34.7466;
    static final double ZHENGZHOU_LON = 113.6254;
    /** How long before the widening (1 h after the loss) the widening case is published: time for its first push. */
    private static final Duration BEFORE_WIDENING = Duration.ofSeconds(6);

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String[] CITIES = {
        "39.90,116.40", "31.23,121.47", "23.13,113.26", "22.54,114.06", "30.57,104.07", "29.56,106.55",
        "30.59,114.31", "34.34,108.94", "30.27,120.16", "32.06,118.80", "39.13,117.20", "34.75,113.63",
        "28.23,112.94", "41.81,123.43", "45.80,126.53", "25.04,102.71", "36.65,117.12", "36.07,120.38",
        "26.07,119.30", "31.82,117.23", "43.83,87.62", "36.06,103.83", "22.82,108.37", "26.65,106.63",
        "38.04,114.51", "37.87,112.55"
    };

    /**
     * One push's figures: the devices farther than {@code fromKm} and within {@code radiusKm} it reached, and how many
     * the same read counted alone ({@code selected}; the same number when the push reached exactly the ring).
     */
    public record Row(
            int fromKm,
            int radiusKm,
            long devices,
            long recipients,
            long selected,
            double fanoutMs,
            double selectOnlyMs,
            long targetMs,
            boolean withinTarget) {

        public String push() {
            return fromKm == 0 ? radiusKm + " km" : fromKm + " → " + radiusKm + " km";
        }
    }

    /** Where the service answers. */
    record Service(String api, String management) {}

    public static void main(String[] args) throws Exception {
        int devices = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Map<String, String> env = System.getenv();
        Service reunion = new Service(
                "http://127.0.0.1:" + env.getOrDefault("REUNION_HTTP_PORT", "8083"),
                "http://127.0.0.1:" + env.getOrDefault("REUNION_MANAGEMENT_PORT", "9083"));
        String db = "jdbc:postgresql://127.0.0.1:" + env.getOrDefault("GONGYI_PG_PORT", "55432") + "/gongyi";
        DevTokenIssuer issuer = LocalRun.issuer();
        List<Row> rows;
        try (Connection c = DriverManager.getConnection(db, "postgres", "")) {
            rows = run(reunion.api(), reunion.management(), c, issuer, devices);
        }
        System.out.printf(
                "%n%-14s %10s %11s %11s %23s  %s%n",
                "push", "devices", "recipients", "fan-out", "select alone", "target");
        for (Row r : rows) {
            System.out.printf(
                    "%-14s %10d %11d %8.0f ms %8.0f ms (%10d)  %s%n",
                    r.push(),
                    r.devices(),
                    r.recipients(),
                    r.fanoutMs(),
                    r.selectOnlyMs(),
                    r.selected(),
                    r.targetMs() == 0
                            ? (r.recipients() == r.selected() ? "the ring only" : "not the ring alone")
                            : "≤ " + r.targetMs() + " ms: " + (r.withinTarget() ? "met" : "missed"));
        }
        System.out.println("\nwritten: " + Results.write(Path.of(""), "fanout", "reunion fan-out", rows));
    }

    /**
     * Seeds the devices (up to {@code devices}), publishes the cases through {@code reunion}'s API and measures their
     * pushes by the service's timer (on its {@code management} interface), each next to its read counted alone.
     */
    public static List<Row> run(
            String reunion, String management, Connection superuser, DevTokenIssuer issuer, int devices)
            throws Exception {
        long total = seed(superuser, devices);
        Service service = new Service(reunion, management);
        String police =
                issuer.token("bench-officer", List.of("police"), Duration.ofHours(1), Map.of("org", "bench-psb"));
        List<Row> rows = new ArrayList<>();
        for (var c : List.of(Map.entry(100, Duration.ofMinutes(10)), Map.entry(500, Duration.ofHours(5)))) {
            int radius = c.getKey();
            double[] before = timer(management, radius);
            String caseId = publish(reunion, police, Instant.now().minus(c.getValue()));
            double fanoutMs = pushed(management, radius, before);
            long recipients = reached(superuser, caseId);
            rows.add(row(service, caseId, 0, radius, total, recipients, fanoutMs));
        }
        // published just before it widens: pushed at 100 km, then at 200 km (the ring between them)
        double[] at100 = timer(management, 100);
        double[] at200 = timer(management, 200);
        String widening = publish(
                reunion, police, Instant.now().minus(Duration.ofHours(1)).plus(BEFORE_WIDENING));
        pushed(management, 100, at100);
        long first = reached(superuser, widening);
        double fanoutMs = pushed(management, 200, at200);
        rows.add(row(service, widening, 100, 200, total, reached(superuser, widening) - first, fanoutMs));
        return rows;
    }

    private static Row row(
            Service service, String caseId, int fromKm, int radiusKm, long devices, long recipients, double fanoutMs)
            throws Exception {
        long t0 = System.nanoTime();
        long selected = devicesInRing(service.api(), caseId, fromKm, radiusKm);
        double selectMs = (System.nanoTime() - t0) / 1e6;
        long target = fromKm > 0 ? 0 : radiusKm == 100 ? TARGET_100_KM_MS : radiusKm == 500 ? TARGET_500_KM_MS : 0;
        return new Row(fromKm, radiusKm, devices, recipients, selected, fanoutMs, selectMs, target, fanoutMs <= target);
    }

    /** Waits until the service has pushed once more at {@code radius} km; how long that push took, in ms. */
    private static double pushed(String management, int radius, double[] before) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        double[] after = before;
        while (after[0] <= before[0] && System.nanoTime() < deadline) {
            Thread.sleep(200);
            after = timer(management, radius);
        }
        if (after[0] <= before[0]) {
            throw new IllegalStateException("no push at " + radius + " km within 3 minutes");
        }
        return (after[1] - before[1]) * 1000;
    }

    private static long reached(Connection superuser, String caseId) throws Exception {
        return Purchases.count(
                superuser, "select devices_reached from reunion.missing_case where id = '" + caseId + "'");
    }

    /** The devices a push of the case reads from {@code fromKm} to {@code toKm}, counted by the service's raw route. */
    private static long devicesInRing(String reunion, String caseId, int fromKm, int toKm) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(reunion + "/raw/cases/" + caseId + "/devices-in-ring?fromKm=" + fromKm
                                + "&toKm=" + toKm))
                        .timeout(Duration.ofMinutes(1))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"devices\"\\s*:\\s*(\\d+)").matcher(r.body());
        if (r.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("the raw route answered " + r.statusCode() + " " + r.body()
                    + " (start the platform with GONGYI_BENCH_RAW_ROUTES=true)");
        }
        return Long.parseLong(m.group(1));
    }

    /** Adds devices (coarse locations, as the service keeps them) until there are {@code devices} bench devices. */
    static long seed(Connection c, int devices) throws Exception {
        long have = Purchases.count(c, "select count(*) from reunion.device where owner_id like 'bench-owner-%'");
        StringBuilder cities = new StringBuilder();
        for (String city : CITIES) {
            cities.append(cities.length() == 0 ? "" : ",")
                    .append("array[")
                    .append(city)
                    .append("]");
        }
        try (Statement s = c.createStatement()) {
            for (long from = have; from < devices; from += 100_000) {
                long to = Math.min(devices, from + 100_000);
                long t0 = System.nanoTime();
                s.executeUpdate(
                        "insert into reunion.device (id, owner_id, platform, push_token, latitude, longitude, pos, "
                                + "registered_at, located_at) select gen_random_uuid(), 'bench-owner-' || g, "
                                + "(array['IOS','ANDROID','ANDROID','WEB'])[1 + g % 4], 'bench:' || g, lat, lon, "
                                + "ll_to_earth(lat, lon), now(), now() from (select g, round(cast(case when g % 10 < 6 "
                                + "then cities[1 + g % " + CITIES.length
                                + "][1] + 0.5 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) "
                                + "else 22 + 20 * random() end as numeric), 2)::float8 as lat, round(cast(case when g % 10 < 6 "
                                + "then cities[1 + g % " + CITIES.length
                                + "][2] + 0.5 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) "
                                + "else 98 + 24 * random() end as numeric), 2)::float8 as lon from generate_series("
                                + from + ", "
                                + (to - 1) + ") g, (select array[" + cities + "] as cities) k) p");
                System.out.printf("seeded devices %d..%d in %.1f s%n", from, to, (System.nanoTime() - t0) / 1e9);
            }
            // what autovacuum does in time on a live table: the visibility map, so the cell index is read alone
            s.execute("vacuum analyze reunion.device");
        }
        return Purchases.count(c, "select count(*) from reunion.device");
    }

    private static String publish(String reunion, String police, Instant lostAt) throws Exception {
        String body = "{\"name\":\"Bench\",\"age\":6,\"sex\":\"MALE\",\"latitude\":" + ZHENGZHOU_LAT + ",\"longitude\":"
                + ZHENGZHOU_LON + ",\"lostAt\":\"" + lostAt + "\",\"contact\":\"Zhengzhou PSB 110\"}";
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(reunion + "/cases"))
                        .header("Authorization", "Bearer " + police)
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("publishing the case failed: " + r.statusCode() + " " + r.body());
        }
        Matcher m = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException("no case id in " + r.body());
        }
        return m.group(1);
    }

    /** {count, sum in seconds} of the service's fan-out timer for a radius. */
    private static double[] timer(String management, int radius) throws Exception {
        String metrics = HTTP.send(
                        HttpRequest.newBuilder(URI.create(management + "/q/metrics"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Map<String, Double> values = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^gongyi_reunion_fanout_seconds_(count|sum)\\{[^}]*radius_km=\"" + radius
                        + "\"[^}]*\\} ([0-9.eE+-]+)")
                .matcher(metrics);
        while (m.find()) {
            values.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return new double[] {values.getOrDefault("count", 0.0), values.getOrDefault("sum", 0.0)};
    }
}
