package org.gongyi.deploy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gongyi.deploy.LocalRun;
import org.gongyi.infra.DevTokenIssuer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Purchases → donation ledger (issue #11, benchmark 1), against a running donation-service:
 * <ol>
 * <li>warm-up: as many purchases as measured, through the service (the JIT compiles for the first ~100,000);</li>
 * <li>service: {@code events} purchases of one item with a 0.3 % rule written to commerce.orders as fast as the
 * broker takes them; the figure is the rate at which their donations became visible, from the first purchase sent
 * to the commit of the last donation (PostgreSQL's commit timestamps);</li>
 * <li>raw limit, same run: the same number of purchases, written first to a scratch topic, then drained by a bare
 * Kafka consumer that decodes each poll and writes it in one transaction with the service's multi-row statements
 * (inbox marks, donations, outbox rows, donors, the project's counters) into copies of its tables;</li>
 * <li>physical limit, same run: the same number of purchases through a bare consumer that writes only the donation
 * rows, one multi-row insert per poll, into a copy of the donation table with only its primary and unique keys;</li>
 * <li>latency: purchases at half the service's rate for {@code pacedSeconds}, each stamped with the time it was sent;
 * p50/p99/max of "sent → donation row committed" (or at the rate given).</li>
 * </ol>
 * Only the measured rows are added (a fresh project per phase, scratch schemas {@code bench_raw} and
 * {@code bench_phys} dropped at the end). The ratio target is against the physical limit.
 */
public final class Purchases {

    public static final double TARGET_PER_SECOND = 10_000;
    public static final double TARGET_RATIO = 0.25;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The physical limit's one statement per poll: its donation rows (the raw limit's columns), nothing else. */
    private static final String INSERT_DONATION_FACTS = """
            insert into bench_phys.donation (id, order_id, item_id, buyer_id, seller_id, province, project_id, rule_id,
                rule_type, basis_points, paid_fen, amount_fen, completed_at, recorded_at, source_event_id)
            select cast(a as uuid), b, c, d, e, f, cast('%s' as uuid), cast('%s' as uuid), 'PERCENTAGE', 30,
                cast(g as bigint), cast(h as bigint), cast(i as timestamptz), now(), cast(j as uuid)
            from unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?) as u(a, b, c, d, e, f, g, h, i, j)
            on conflict (order_id, item_id) do nothing
            """;

    /** The figures of one run; {@code ratio} is service / raw limit. */
    public record Result(
            int events,
            double producedPerSecond,
            double servicePerSecond,
            double rawPerSecond,
            double ratio,
            double physicalPerSecond,
            double ratioToPhysical,
            int pacedEvents,
            double pacedPerSecond,
            double p50Ms,
            double p99Ms,
            double maxMs,
            boolean withinTargets) {}

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int pacedSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        double pacedRate = args.length > 2 ? Double.parseDouble(args[2]) : 0;
        Map<String, String> env = System.getenv();
        String donation = "http://127.0.0.1:" + env.getOrDefault("DONATION_HTTP_PORT", "8081");
        String bootstrap = LocalRun.bootstrap();
        String db = "jdbc:postgresql://127.0.0.1:" + env.getOrDefault("GONGYI_PG_PORT", "55432") + "/gongyi";
        DevTokenIssuer issuer = LocalRun.issuer();
        Result r;
        try (Connection c = DriverManager.getConnection(db, "postgres", "")) {
            r = run(donation, bootstrap, c, issuer, events, pacedSeconds, pacedRate);
        }
        System.out.printf("%n%-46s %12s%n", "purchase-completed → donation ledger", "");
        System.out.printf("%-46s %,12d%n", "events", r.events());
        System.out.printf("%-46s %,12.0f /s%n", "produced (acks=all)", r.producedPerSecond());
        System.out.printf("%-46s %,12.0f /s%n", "donation-service, first sent → last committed", r.servicePerSecond());
        System.out.printf("%-46s %,12.0f /s%n", "raw limit (bare consumer, same inserts)", r.rawPerSecond());
        System.out.printf("%-46s %,12.0f /s%n", "physical limit (bare consumer, one fact row)", r.physicalPerSecond());
        System.out.printf("%-46s %11.1f %%%n", "service / raw (design copy)", 100 * r.ratio());
        System.out.printf(
                "%-46s %11.1f %%   target ≥ %.0f %% and ≥ %,.0f/s: %s%n",
                "service / physical (one fact row)",
                100 * r.ratioToPhysical(),
                100 * TARGET_RATIO,
                TARGET_PER_SECOND,
                r.withinTargets() ? "met" : "missed");
        System.out.printf(
                "%-46s %,12d at %,.0f/s%n", "latency run (sent → row committed)", r.pacedEvents(), r.pacedPerSecond());
        System.out.printf("%-46s %9.0f ms / %.0f ms / %.0f ms%n", "p50 / p99 / max", r.p50Ms(), r.p99Ms(), r.maxMs());
        System.out.println("\nwritten: "
                + Results.write(Path.of(""), "donations", "purchase-completed → donation ledger", List.of(r)));
    }

    /** The whole benchmark against the donation-service at {@code donation}; {@code superuser} reads its schema. */
    public static Result run(
            String donation,
            String bootstrap,
            Connection superuser,
            DevTokenIssuer issuer,
            int events,
            int pacedSeconds,
            double pacedRate)
            throws Exception {
        String admin = issuer.token("bench-admin", List.of("admin"), Duration.ofHours(1));
        String seller = issuer.token("bench-seller", List.of("seller"), Duration.ofHours(1));
        String run = UUID.randomUUID().toString().substring(0, 8);
        send(donation, "PUT", "/organisations/bench-org", admin, "{\"name\":\"Bench\",\"verified\":true}", 200);

        try (RawConsumer raw = RawConsumer.create(
                        bootstrap, superuser, "bench_raw", "bench.raw-orders-" + run, "commerce.orders");
                RawConsumer physical = RawConsumer.create(
                        bootstrap, superuser, "bench_phys", "bench.phys-orders-" + run, "commerce.orders")) {
            return run(
                    donation, bootstrap, superuser, admin, seller, run, raw, physical, events, pacedSeconds, pacedRate);
        }
    }

    private static Result run(
            String donation,
            String bootstrap,
            Connection superuser,
            String admin,
            String seller,
            String run,
            RawConsumer raw,
            RawConsumer physical,
            int events,
            int pacedSeconds,
            double pacedRate)
            throws Exception {
        int warmUp = events;
        UUID warm = project(donation, admin, seller, run + "-warm");
        double warmRate = burst(
                bootstrap,
                "commerce.orders",
                warmUp,
                i -> purchase("commerce.orders", run + "-warm", i, Instant.now()));
        awaitDonations(superuser, warm, warmUp);
        awaitOutboxDrained(superuser, "donation");
        analyze(superuser, "donation");
        System.out.printf("warm-up: %,d events at %,.0f/s; %s%n", warmUp, warmRate, plumbing(superuser, "donation"));

        UUID measured = project(donation, admin, seller, run + "-measured");
        Instant sent = Instant.now();
        double produced = burst(
                bootstrap,
                "commerce.orders",
                events,
                i -> purchase("commerce.orders", run + "-measured", i, Instant.now()));
        awaitDonations(superuser, measured, events);
        double service = commitRate(superuser, "donation.donation", "project_id = '" + measured + "'", sent);
        // each phase starts with the service idle: its relay has published the previous phase's donation events
        awaitOutboxDrained(superuser, "donation");
        System.out.printf(
                "service: %,d events at %,.0f/s (produced at %,.0f/s); %s%n",
                events, service, produced, plumbing(superuser, "donation"));

        double rawRate = rawLimit(raw, superuser, measured, events);
        System.out.printf("raw limit: %,d events at %,.0f/s%n", events, rawRate);

        double physicalRate = physicalLimit(physical, superuser, measured, events);
        System.out.printf("physical limit: %,d events at %,.0f/s%n", events, physicalRate);

        UUID paced = project(donation, admin, seller, run + "-paced");
        double rate = pacedRate > 0 ? pacedRate : Math.max(10, Math.floor(service / 2));
        int pacedEvents = (int) Math.max(1, rate * pacedSeconds);
        // each purchase completed (stamped) when it is sent
        pace(
                bootstrap,
                "commerce.orders",
                pacedEvents,
                rate,
                i -> purchase("commerce.orders", run + "-paced", i, Instant.now()));
        awaitDonations(superuser, paced, pacedEvents);
        awaitOutboxDrained(superuser, "donation");
        System.out.printf("latency run: %,d events; %s%n", pacedEvents, plumbing(superuser, "donation"));
        double[] latency = latencyMs(superuser, "donation.donation", "completed_at", "project_id = '" + paced + "'");
        return new Result(
                events,
                produced,
                service,
                rawRate,
                service / rawRate,
                physicalRate,
                service / physicalRate,
                pacedEvents,
                rate,
                latency[0],
                latency[1],
                latency[2],
                service >= TARGET_PER_SECOND && service / physicalRate >= TARGET_RATIO);
    }

    /** A fresh project with a 0.3 % rule on the item {@code bench-<tag>}; returns the project's id. */
    private static UUID project(String donation, String admin, String seller, String tag) throws Exception {
        String body = send(
                donation,
                "POST",
                "/projects",
                admin,
                "{\"name\":\"Bench " + tag + "\",\"charityId\":\"bench-org\",\"kind\":\"ONGOING\"}",
                201);
        Matcher m = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no project id in " + body);
        }
        send(
                donation,
                "PUT",
                "/items/bench-" + tag + "/charity-rule",
                seller,
                "{\"projectId\":\"" + m.group(1) + "\",\"type\":\"PERCENTAGE\",\"percent\":0.3}",
                200);
        return UUID.fromString(m.group(1));
    }

    private static String send(String base, String method, String path, String token, String json, int expected)
            throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .method(method, HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected && !(expected == 200 && r.statusCode() == 201)) {
            throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    public static KafkaProducer<String, String> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /** {@code events} records {@code record(i)} to {@code topic} as fast as the broker takes them; records per second. */
    static double burst(
            String bootstrap, String topic, int events, IntFunction<ProducerRecord<String, String>> record) {
        try (KafkaProducer<String, String> producer = producer(bootstrap)) {
            Sends sends = new Sends(producer, topic);
            long t0 = System.nanoTime();
            for (int i = 0; i < events; i++) {
                sends.send(record.apply(i));
            }
            sends.flush();
            return events / ((System.nanoTime() - t0) / 1e9);
        }
    }

    /** {@code events} records {@code record(i)} to {@code topic} at {@code perSecond}, each built when it is due. */
    static void pace(
            String bootstrap,
            String topic,
            int events,
            double perSecond,
            IntFunction<ProducerRecord<String, String>> record) {
        try (KafkaProducer<String, String> producer = producer(bootstrap)) {
            Sends sends = new Sends(producer, topic);
            long t0 = System.nanoTime();
            for (int i = 0; i < events; i++) {
                long wait = t0 + (long) (i * 1e9 / perSecond) - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                sends.send(record.apply(i));
            }
            sends.flush();
        }
    }

    /** Sends that must all be written: waits for the topic's partition leaders first, fails on the first lost record. */
    static final class Sends {
        private final KafkaProducer<String, String> producer;
        private final AtomicReference<Exception> failed = new AtomicReference<>();

        Sends(KafkaProducer<String, String> producer, String topic) {
            this.producer = producer;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (producer.partitionsFor(topic).stream()
                    .anyMatch(p -> p.leader() == null || p.leader().isEmpty())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no leaders for " + topic + " after 30 s");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }

        void send(ProducerRecord<String, String> record) {
            producer.send(record, (metadata, e) -> {
                if (e != null) {
                    failed.compareAndSet(null, e);
                }
            });
        }

        void flush() {
            producer.flush();
            if (failed.get() != null) {
                throw new IllegalStateException("a record was not written", failed.get());
            }
        }
    }

    /** The {@code i}-th purchase of a phase: one line of {@code bench-<tag>}. */
    static ProducerRecord<String, String> purchase(String topic, String tag, int i, Instant completedAt) {
        return PurchaseLoad.purchase(topic, "bench-" + tag + "-" + i, i, "bench-" + tag, completedAt);
    }

    private static void awaitDonations(Connection c, UUID project, long events) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        long seen;
        while ((seen = count(c, "select donation_count from donation.charity_project where id = '" + project + "'"))
                < events) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + seen + " of " + events + " donations after 10 minutes");
            }
            Thread.sleep(50);
        }
    }

    /**
     * Gathers the planner's statistics of {@code schema}'s tables, as autovacuum does within a minute on a live
     * database: on a fresh benchmark database the warm-up's rows would otherwise be planned for as empty tables.
     */
    static void analyze(Connection c, String schema) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select tablename from pg_tables where schemaname = ?")) {
            s.setString(1, schema);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
        }
        try (Statement s = c.createStatement()) {
            for (String table : tables) {
                s.execute("analyze " + schema + "." + table);
            }
        }
    }

    /**
     * What the event plumbing of {@code schema} holds: outbox rows (published ones are deleted after
     * {@code gongyi.outbox.sent-retention}), processed-event records and partitions' offsets; flat over a long run.
     */
    static String plumbing(Connection c, String schema) throws SQLException {
        return String.format(
                "outbox %,d rows (%,d kB), processed-event records %,d, partition offsets %,d",
                count(c, "select count(*) from " + schema + ".outbox_event"),
                count(c, "select pg_total_relation_size('" + schema + ".outbox_event') / 1024"),
                count(c, "select count(*) from " + schema + ".inbox_processed"),
                count(c, "select count(*) from " + schema + ".inbox_offset"));
    }

    /** Waits until {@code schema}'s outbox relay has published every row. */
    static void awaitOutboxDrained(Connection c, String schema) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (count(c, "select count(*) from " + schema + ".outbox_pending") > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(schema + "'s outbox not drained after 10 minutes");
            }
            Thread.sleep(100);
        }
    }

    /**
     * Rows of {@code table} matching {@code where} per second, from {@code since} (the first event sent) to the
     * commit of the last of them; the time the rows became visible, whatever the number of transactions.
     */
    static double commitRate(Connection c, String table, String where, Instant since) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select count(*), extract(epoch from "
                + "max(pg_xact_commit_timestamp(xmin)) - ?) from " + table + " where " + where)) {
            s.setObject(1, since.atOffset(ZoneOffset.UTC));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                double seconds = rs.getDouble(2);
                if (rs.wasNull() || seconds <= 0) {
                    throw new IllegalStateException("no commit times for " + table + " (track_commit_timestamp off?)");
                }
                return rs.getLong(1) / seconds;
            }
        }
    }

    /** {p50, p99, max} in ms of "{@code sentColumn} → committed" over the rows of {@code table} matching {@code where}. */
    static double[] latencyMs(Connection c, String table, String sentColumn, String where) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select percentile_cont(array[0.5, 0.99]) "
                        + "within group (order by ms), max(ms) from (select extract(epoch from pg_xact_commit_timestamp(xmin) "
                        + "- " + sentColumn + ") * 1000 as ms from " + table + " where " + where + ") d")) {
            rs.next();
            Double[] p = (Double[]) rs.getArray(1).getArray();
            return new double[] {p[0], p[1], rs.getDouble(2)};
        }
    }

    /** The first column of the first row of {@code sql} (0 without rows). */
    public static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /**
     * The raw limit's poll, as donation-service's per poll of purchases: decode, then mark the events processed,
     * insert the donations (skipping deals already recorded), their outbox rows, the project's donors, and update the
     * project's counters.
     */
    private static double rawLimit(RawConsumer raw, Connection superuser, UUID project, int events) throws Exception {
        raw.copyTables(
                "donation", List.of("charity_project", "donation", "inbox_processed", "outbox_event", "project_donor"));
        try (Statement s = superuser.createStatement()) {
            s.execute("insert into bench_raw.charity_project select * from donation.charity_project where id = '"
                    + project + "'");
        }
        UUID rule = rule(superuser, project);
        burst(raw.bootstrap(), raw.topic(), events, i -> purchase(raw.topic(), "raw", i, Instant.now()));
        try (PreparedStatement marks = superuser.prepareStatement("insert into bench_raw.inbox_processed (consumer, "
                        + "event_id, ce_type, ce_source) select 'bench', cast(a as uuid), b, c from unnest(?, ?, ?) as u(a, b, c) "
                        + "on conflict do nothing returning event_id");
                PreparedStatement donations =
                        superuser.prepareStatement("insert into bench_raw.donation (id, order_id, "
                                + "item_id, buyer_id, seller_id, province, project_id, rule_id, rule_type, basis_points, paid_fen, "
                                + "amount_fen, completed_at, recorded_at, source_event_id) select cast(a as uuid), b, c, d, e, f, "
                                + "cast('" + project + "' as uuid), cast('" + rule + "' as uuid), 'PERCENTAGE', 30, "
                                + "cast(g as bigint), cast(h as bigint), cast(i as timestamptz), now(), cast(j as uuid) "
                                + "from unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?) as u(a, b, c, d, e, f, g, h, i, j) "
                                + "on conflict (order_id, item_id) do nothing returning id");
                PreparedStatement outbox =
                        superuser.prepareStatement("insert into bench_raw.outbox_event (event_id, topic, "
                                + "partition_key, ce_type, ce_source, ce_subject, ce_time, payload, caused_by) select "
                                + "cast(a as uuid), 'donation.events', b, 'donation.recorded', 'donation-service', c, now(), d, "
                                + "cast(e as uuid) from unnest(?, ?, ?, ?, ?) as u(a, b, c, d, e)");
                PreparedStatement donors = superuser.prepareStatement(
                        "insert into bench_raw.project_donor (project_id, "
                                + "buyer_id, source_event_id) select distinct on (b) cast(? as uuid), b, cast(e as uuid) "
                                + "from unnest(?, ?) with ordinality as u(b, e, n) order by b, n on conflict do nothing");
                PreparedStatement counters = superuser.prepareStatement("update bench_raw.charity_project set "
                        + "donated_fen = donated_fen + ?, donation_count = donation_count + ?, donor_count = donor_count "
                        + "+ ?, last_event_id = cast(? as uuid) where id = ?")) {
            return raw.drain(
                    "raw limit",
                    events,
                    (r, c, records) -> write(r, c, records, project, marks, donations, outbox, donors, counters),
                    "decode",
                    "marks",
                    "donations",
                    "outbox",
                    "donors+counters");
        }
    }

    /**
     * The physical limit's poll: decode, then the donations alone in one multi-row insert, into a copy of the donation
     * table with only its primary key and its unique key (order, item).
     */
    private static double physicalLimit(RawConsumer physical, Connection superuser, UUID project, int events)
            throws Exception {
        physical.copyKeysOnly("donation", "donation", "id", "order_id, item_id");
        UUID rule = rule(superuser, project);
        burst(
                physical.bootstrap(),
                physical.topic(),
                events,
                i -> purchase(physical.topic(), "phys", i, Instant.now()));
        try (PreparedStatement donations = superuser.prepareStatement(INSERT_DONATION_FACTS.formatted(project, rule))) {
            return physical.drain(
                    "physical limit",
                    events,
                    (r, c, records) -> writeFacts(r, c, records, donations),
                    "decode",
                    "donations");
        }
    }

    /** The id of {@code project}'s current rule. */
    private static UUID rule(Connection superuser, UUID project) throws SQLException {
        try (Statement s = superuser.createStatement();
                ResultSet rs = s.executeQuery("select id from donation.charity_rule where project_id = '" + project
                        + "' and effective_to is null")) {
            rs.next();
            return (UUID) rs.getObject(1);
        }
    }

    private static void writeFacts(
            RawConsumer physical, Connection c, ConsumerRecords<String, String> records, PreparedStatement donations)
            throws Exception {
        List<Donation> rows = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> r : records) {
            rows.add(Donation.decode(r));
        }
        String[][] columns = Donation.columns(rows);
        RawConsumer.bind(c, donations, columns);
        physical.writerLap(0);
        donations.executeUpdate();
        physical.writerLap(1);
    }

    private static void write(
            RawConsumer raw,
            Connection c,
            ConsumerRecords<String, String> records,
            UUID project,
            PreparedStatement marks,
            PreparedStatement donations,
            PreparedStatement outbox,
            PreparedStatement donors,
            PreparedStatement counters)
            throws Exception {
        int n = records.count();
        String[] ids = new String[n];
        String[] types = new String[n];
        String[] sources = new String[n];
        List<Donation> rows = new ArrayList<>(n);
        int k = 0;
        for (ConsumerRecord<String, String> r : records) {
            Donation d = Donation.decode(r);
            ids[k] = d.eventId();
            types[k] = RawConsumer.header(r, "ce_type");
            sources[k] = RawConsumer.header(r, "ce_source");
            rows.add(d);
            k++;
        }
        marks.setArray(1, c.createArrayOf("text", ids));
        marks.setArray(2, c.createArrayOf("text", types));
        marks.setArray(3, c.createArrayOf("text", sources));
        raw.writerLap(0);
        marks.executeQuery().close();
        raw.writerLap(1);
        String[][] columns = Donation.columns(rows);
        RawConsumer.bind(c, donations, columns);
        raw.writerLap(0);
        donations.executeQuery().close();
        raw.writerLap(2);
        String[][] events = new String[5][n];
        long donated = 0;
        for (int i = 0; i < n; i++) {
            Donation d = rows.get(i);
            events[0][i] = UUID.randomUUID().toString();
            events[1][i] = d.buyerId();
            events[2][i] = d.id();
            events[3][i] = JSON.writeValueAsString(Map.of(
                    "donationId",
                    d.id(),
                    "orderId",
                    d.orderId(),
                    "itemId",
                    d.itemId(),
                    "buyerId",
                    d.buyerId(),
                    "sellerId",
                    d.sellerId(),
                    "projectId",
                    project.toString(),
                    "province",
                    d.province(),
                    "paidFen",
                    d.paidFen(),
                    "amountFen",
                    d.amountFen(),
                    "completedAt",
                    d.completedAt()));
            events[4][i] = d.eventId();
            donated += d.amountFen();
        }
        RawConsumer.bind(c, outbox, events);
        raw.writerLap(0);
        outbox.executeUpdate();
        raw.writerLap(3);
        String[] buyers = new String[n];
        for (int i = 0; i < n; i++) {
            buyers[i] = rows.get(i).buyerId();
        }
        donors.setObject(1, project);
        donors.setArray(2, c.createArrayOf("text", buyers));
        donors.setArray(3, c.createArrayOf("text", ids));
        int newDonors = donors.executeUpdate();
        counters.setLong(1, donated);
        counters.setLong(2, n);
        counters.setLong(3, newDonors);
        counters.setString(4, ids[n - 1]);
        counters.setObject(5, project);
        counters.executeUpdate();
        raw.writerLap(4);
    }

    /** A purchase's donation as the bare consumers write it: 0.3 % of its one line, a fresh id. */
    private record Donation(
            String id,
            String orderId,
            String itemId,
            String buyerId,
            String sellerId,
            String province,
            long paidFen,
            long amountFen,
            String completedAt,
            String eventId) {

        static Donation decode(ConsumerRecord<String, String> r) throws IOException {
            JsonNode purchase = JSON.readTree(r.value());
            JsonNode line = purchase.get("lines").get(0);
            long paid = line.get("paidFen").asLong();
            return new Donation(
                    UUID.randomUUID().toString(),
                    purchase.get("orderId").asText(),
                    line.get("itemId").asText(),
                    purchase.get("buyerId").asText(),
                    purchase.get("sellerId").asText(),
                    purchase.get("province").asText(),
                    paid,
                    paid * 30 / 10_000,
                    purchase.get("completedAt").asText(),
                    RawConsumer.header(r, "ce_id"));
        }

        /** {@code rows} as the ten text arrays the donation inserts unnest (id … source event id). */
        static String[][] columns(List<Donation> rows) {
            String[][] columns = new String[10][rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                Donation d = rows.get(i);
                columns[0][i] = d.id();
                columns[1][i] = d.orderId();
                columns[2][i] = d.itemId();
                columns[3][i] = d.buyerId();
                columns[4][i] = d.sellerId();
                columns[5][i] = d.province();
                columns[6][i] = Long.toString(d.paidFen());
                columns[7][i] = Long.toString(d.amountFen());
                columns[8][i] = d.completedAt();
                columns[9][i] = d.eventId();
            }
            return columns;
        }
    }
}
