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
 * Reunion fan-out (issue #11, benchmark 3): with {@code devices} registered devices spread over China (six in ten
 * around 26 large cities, the rest anywhere in the populated east), a missing-child case published in Zhengzhou is
 * pushed by reunion-service to the devices within 100 km (a case lost minutes ago), and another to those within
 * 500 km (a case lost five hours ago). Measured: the service's own timer {@code gongyi.reunion.fanout} (reading the
 * devices in the radius by cell and writing their notification batches to the outbox), and the bare selection in
 * PostgreSQL for comparison. Against a running local platform; devices are seeded once.
 */
public final class FanOut {

    public static final long TARGET_100_KM_MS = 1000;
    static final double ZHENGZHOU_LAT = 34.7466;
    static final double ZHENGZHOU_LON = 113.6254;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String[] CITIES = {
        "39.90,116.40", "31.23,121.47", "23.13,113.26", "22.54,114.06", "30.57,104.07", "29.56,106.55",
        "30.59,114.31", "34.34,108.94", "30.27,120.16", "32.06,118.80", "39.13,117.20", "34.75,113.63",
        "28.23,112.94", "41.81,123.43", "45.80,126.53", "25.04,102.71", "36.65,117.12", "36.07,120.38",
        "26.07,119.30", "31.82,117.23", "43.83,87.62", "36.06,103.83", "22.82,108.37", "26.65,106.63",
        "38.04,114.51", "37.87,112.55"
    };

    /** One radius's figures. */
    public record Row(
            int radiusKm, long devices, long recipients, double fanoutMs, double selectOnlyMs, boolean withinTarget) {}

    public static void main(String[] args) throws Exception {
        int devices = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Map<String, String> env = System.getenv();
        String reunion = "http://127.0.0.1:" + env.getOrDefault("REUNION_HTTP_PORT", "8083");
        String management = "http://127.0.0.1:" + env.getOrDefault("REUNION_MANAGEMENT_PORT", "9083");
        String db = "jdbc:postgresql://127.0.0.1:" + env.getOrDefault("GONGYI_PG_PORT", "55432") + "/gongyi";
        DevTokenIssuer issuer = LocalRun.issuer();
        List<Row> rows;
        try (Connection c = DriverManager.getConnection(db, "postgres", "")) {
            rows = run(reunion, management, c, issuer, devices);
        }
        System.out.printf(
                "%n%8s %10s %11s %14s %14s  %s%n",
                "radius",
                "devices",
                "recipients",
                "fan-out",
                "select alone",
                "target (100 km ≤ " + TARGET_100_KM_MS + " ms)");
        for (Row r : rows) {
            System.out.printf(
                    "%5d km %10d %11d %11.0f ms %11.0f ms  %s%n",
                    r.radiusKm(),
                    r.devices(),
                    r.recipients(),
                    r.fanoutMs(),
                    r.selectOnlyMs(),
                    r.radiusKm() == 100 ? (r.withinTarget() ? "met" : "missed") : "-");
        }
        System.out.println("\nwritten: " + Results.write(Path.of(""), "fanout", "reunion fan-out", rows));
    }

    /**
     * Seeds the devices (up to {@code devices}), publishes the two cases through {@code reunion}'s API and measures
     * their pushes by the service's timer (on its {@code management} interface).
     */
    public static List<Row> run(
            String reunion, String management, Connection superuser, DevTokenIssuer issuer, int devices)
            throws Exception {
        long total = seed(superuser, devices);
        String police =
                issuer.token("bench-officer", List.of("police"), Duration.ofHours(1), Map.of("org", "bench-psb"));
        List<Row> rows = new ArrayList<>();
        for (var c : List.of(Map.entry(100, Duration.ofMinutes(10)), Map.entry(500, Duration.ofHours(5)))) {
            int radius = c.getKey();
            double[] before = timer(management, radius);
            String caseId = publish(reunion, police, Instant.now().minus(c.getValue()));
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            double[] after = before;
            while (after[0] <= before[0] && System.nanoTime() < deadline) {
                Thread.sleep(200);
                after = timer(management, radius);
            }
            if (after[0] <= before[0]) {
                throw new IllegalStateException("the case in " + radius + " km was not pushed within 3 minutes");
            }
            double fanoutMs = (after[1] - before[1]) * 1000;
            long recipients = Purchases.count(
                    superuser, "select devices_reached from reunion.missing_case where id = '" + caseId + "'");
            long t0 = System.nanoTime();
            Purchases.count(superuser, selectAlone(radius));
            double selectMs = (System.nanoTime() - t0) / 1e6;
            rows.add(new Row(
                    radius, total, recipients, fanoutMs, selectMs, radius != 100 || fanoutMs <= TARGET_100_KM_MS));
        }
        return rows;
    }

    /**
     * The devices within the radius counted by PostgreSQL alone, from the same index the service reads (by latitude
     * cell, then longitude cell; the cells of the bounding box, each device's exact distance checked).
     */
    static String selectAlone(int radiusKm) {
        double latDeg = radiusKm / 111.0 + 0.02;
        double lonDeg = latDeg / Math.cos(Math.toRadians(ZHENGZHOU_LAT + latDeg));
        return """
                select count(*) from reunion.device d
                where d.lat_cell between %d and %d and d.lon_cell between %d and %d
                  and earth_distance(ll_to_earth(%s, %s), ll_to_earth(d.latitude, d.longitude)) <= %s""".formatted(
                        (int) Math.floor((ZHENGZHOU_LAT - latDeg) * 100),
                        (int) Math.ceil((ZHENGZHOU_LAT + latDeg) * 100),
                        (int) Math.floor((ZHENGZHOU_LON - lonDeg) * 100),
                        (int) Math.ceil((ZHENGZHOU_LON + lonDeg) * 100),
                        ZHENGZHOU_LAT,
                        ZHENGZHOU_LON,
                        radiusKm * 1000.0);
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
