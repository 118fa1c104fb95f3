package org.gongyi.deploy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.gongyi.deploy.LocalRun;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Low-carbon actions → energy (issue #11, benchmark 2), against a running forest-service: metro rides, six per user
 * on one day, so the rule table credits five (52 g each) and caps the sixth.
 * <ol>
 * <li>warm-up: as many rides as measured (the JIT compiles for the first ~100,000);</li>
 * <li>service: {@code events} rides written as fast as the broker takes them; the rate at which their actions became
 * visible, from the first sent to the commit of the last;</li>
 * <li>raw limit, same run: the same rides from a scratch topic through a bare Kafka consumer that judges each poll in
 * memory (per user, in order) and writes it set-based into copies of forest-service's tables — inbox marks, actions,
 * balls, day and month cap counters, accounts, totals, outbox rows;</li>
 * <li>physical limit, same run: the same rides through a bare consumer that judges them the same way and writes only
 * the action rows, one multi-row insert per poll, into a copy of the action table with only its primary and unique
 * keys;</li>
 * <li>latency: rides at half the service's rate (or the rate given) for {@code pacedSeconds}, each occurring when
 * sent; p50/p99/max of "sent → action row committed".</li>
 * </ol>
 * The ratio target is against the physical limit; scratch schemas {@code bench_raw} and {@code bench_phys} are dropped
 * at the end.
 */
public final class Actions {

    public static final double TARGET_PER_SECOND = 10_000;
    public static final double TARGET_RATIO = 0.25;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** The physical limit's one statement per poll: its action rows (the raw limit's columns), nothing else. */
    private static final String INSERT_ACTION_FACTS = """
            insert into bench_phys.energy_action (id, user_id, action_type, source_ref, quantity, occurred_at,
                rule_version, status, grams, reason, ball_id, recorded_at, source_event_id)
            select cast(a as uuid), b, 'METRO_RIDE', c, 1, cast(d as timestamptz), %d, e, cast(f as bigint), g,
                cast(h as uuid), now(), cast(i as uuid)
            from unnest(?, ?, ?, ?, ?, ?, ?, ?, ?) as u(a, b, c, d, e, f, g, h, i)
            on conflict (action_type, source_ref) do nothing
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
            long credited,
            long capped,
            int pacedEvents,
            double pacedPerSecond,
            double p50Ms,
            double p99Ms,
            double maxMs,
            boolean withinTarget) {}

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int pacedSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        double pacedRate = args.length > 2 ? Double.parseDouble(args[2]) : 0;
        Map<String, String> env = System.getenv();
        String bootstrap = LocalRun.bootstrap();
        String db = "jdbc:postgresql://127.0.0.1:" + env.getOrDefault("GONGYI_PG_PORT", "55432") + "/gongyi";
        Result r;
        try (Connection c = DriverManager.getConnection(db, "postgres", "")) {
            r = run(bootstrap, c, events, pacedSeconds, pacedRate);
        }
        System.out.printf("%n%-46s%n", "low-carbon action → energy");
        System.out.printf("%-46s %,12d (%,d credited, %,d capped)%n", "actions", r.events(), r.credited(), r.capped());
        System.out.printf("%-46s %,12.0f /s%n", "produced (acks=all)", r.producedPerSecond());
        System.out.printf("%-46s %,12.0f /s%n", "forest-service, first sent → last committed", r.servicePerSecond());
        System.out.printf("%-46s %,12.0f /s%n", "raw limit (bare consumer, same writes)", r.rawPerSecond());
        System.out.printf("%-46s %,12.0f /s%n", "physical limit (bare consumer, one fact row)", r.physicalPerSecond());
        System.out.printf("%-46s %11.1f %%%n", "service / raw (design copy)", 100 * r.ratio());
        System.out.printf(
                "%-46s %11.1f %%   target ≥ %.0f %% and ≥ %,.0f/s: %s%n",
                "service / physical (one fact row)",
                100 * r.ratioToPhysical(),
                100 * TARGET_RATIO,
                TARGET_PER_SECOND,
                r.withinTarget() ? "met" : "missed");
        System.out.printf(
                "%-46s %,12d at %,.0f/s%n",
                "latency run (sent → action committed)", r.pacedEvents(), r.pacedPerSecond());
        System.out.printf("%-46s %9.0f ms / %.0f ms / %.0f ms%n", "p50 / p99 / max", r.p50Ms(), r.p99Ms(), r.maxMs());
        System.out.println(
                "\nwritten: " + Results.write(Path.of(""), "energy", "low-carbon action → energy", List.of(r)));
    }

    public static Result run(String bootstrap, Connection superuser, int events, int pacedSeconds, double pacedRate)
            throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (RawConsumer raw = RawConsumer.create(
                        bootstrap, superuser, "bench_raw", "bench.raw-actions-" + run, "lowcarbon.actions");
                RawConsumer physical = RawConsumer.create(
                        bootstrap, superuser, "bench_phys", "bench.phys-actions-" + run, "lowcarbon.actions")) {
            int warmUp = events;
            long grams = creditedGrams(superuser);
            burst(bootstrap, "lowcarbon.actions", run + "-w", warmUp);
            awaitActions(superuser, run + "-w", grams, credited(warmUp), warmUp);
            Purchases.awaitOutboxDrained(superuser, "forest");
            Purchases.analyze(superuser, "forest");
            System.out.printf("warm-up: %,d actions; %s%n", warmUp, Purchases.plumbing(superuser, "forest"));

            grams = creditedGrams(superuser);
            Instant sent = Instant.now();
            double produced = burst(bootstrap, "lowcarbon.actions", run + "-m", events);
            awaitActions(superuser, run + "-m", grams, credited(events), events);
            String measured = "source_ref like 'bench-" + run + "-m-%'";
            double service = Purchases.commitRate(superuser, "forest.energy_action", measured, sent);
            long credited = Purchases.count(
                    superuser,
                    "select count(*) from forest.energy_action where " + measured + " and status = 'CREDITED'");
            long capped = Purchases.count(
                    superuser,
                    "select count(*) from forest.energy_action where " + measured + " and status = 'CAPPED'");
            Purchases.awaitOutboxDrained(superuser, "forest");
            System.out.printf(
                    "service: %,d actions at %,.0f/s (produced at %,.0f/s); %s%n",
                    events, service, produced, Purchases.plumbing(superuser, "forest"));

            double rawRate = rawLimit(raw, superuser, events);
            System.out.printf("raw limit: %,d actions at %,.0f/s%n", events, rawRate);

            double physicalRate = physicalLimit(physical, superuser, events);
            System.out.printf("physical limit: %,d actions at %,.0f/s%n", events, physicalRate);

            double rate = pacedRate > 0 ? pacedRate : Math.max(5, Math.floor(service / 2));
            int pacedEvents = (int) Math.max(6, rate * pacedSeconds);
            grams = creditedGrams(superuser);
            Purchases.pace(
                    bootstrap,
                    "lowcarbon.actions",
                    pacedEvents,
                    rate,
                    i -> ride("lowcarbon.actions", run + "-p", i, Instant.now()));
            awaitActions(superuser, run + "-p", grams, credited(pacedEvents), pacedEvents);
            Purchases.awaitOutboxDrained(superuser, "forest");
            System.out.printf("latency run: %,d actions; %s%n", pacedEvents, Purchases.plumbing(superuser, "forest"));
            double[] latency = Purchases.latencyMs(
                    superuser, "forest.energy_action", "occurred_at", "source_ref like 'bench-" + run + "-p-%'");
            return new Result(
                    events,
                    produced,
                    service,
                    rawRate,
                    service / rawRate,
                    physicalRate,
                    service / physicalRate,
                    credited,
                    capped,
                    pacedEvents,
                    rate,
                    latency[0],
                    latency[1],
                    latency[2],
                    service >= TARGET_PER_SECOND && service / physicalRate >= TARGET_RATIO);
        }
    }

    /** The {@code i}-th ride of a phase: user {@code i / 6} of the phase, occurring at {@code at}. */
    private static ProducerRecord<String, String> ride(String topic, String tag, int i, Instant at) {
        ProducerRecord<String, String> r =
                ActionLoad.ride("bench-" + tag + "-u" + (i / ActionLoad.RIDES_PER_USER), "bench-" + tag + "-" + i, at);
        return new ProducerRecord<>(topic, null, r.key(), r.value(), r.headers());
    }

    /** {@code events} rides of a phase, all a minute ago, as fast as the broker takes them; rides per second. */
    private static double burst(String bootstrap, String topic, String tag, int events) {
        Instant day = Instant.now().minusSeconds(60);
        return Purchases.burst(bootstrap, topic, events, i -> ride(topic, tag, i, day));
    }

    /**
     * Waits until all {@code events} rides of the phase {@code tag} are committed. Polls the forest's credited-energy
     * total (one row per slot, so the poll costs the measured database next to nothing) until the phase's credits ({@code credited} rides) are in, then counts the phase's rows (a scan, done once or twice) for its capped rides.
     */
    private static void awaitActions(Connection c, String tag, long gramsBefore, long credited, long events)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
        long target = gramsBefore + credited * ActionLoad.GRAMS_PER_RIDE;
        long seen;
        while ((seen = creditedGrams(c)) < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + seen + " of " + target + " g credited after 15 minutes");
            }
            Thread.sleep(50);
        }
        while ((seen = Purchases.count(
                        c, "select count(*) from forest.energy_action where source_ref like 'bench-" + tag + "-%'"))
                < events) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + seen + " of " + events + " actions after 15 minutes");
            }
            Thread.sleep(200);
        }
    }

    private static long creditedGrams(Connection c) throws Exception {
        return Purchases.count(c, "select coalesce(sum(energy_credited), 0) from forest.forest_totals");
    }

    /** Rides of {@code events} (six per user, the sixth capped) that are credited. */
    private static long credited(long events) {
        long perUser = ActionLoad.RIDES_PER_USER;
        return (events / perUser) * (perUser - 1) + Math.min(events % perUser, perUser - 1);
    }

    private static double rawLimit(RawConsumer raw, Connection superuser, int events) throws Exception {
        raw.copyTables(
                "forest",
                List.of(
                        "energy_action",
                        "energy_ball",
                        "energy_usage",
                        "energy_account",
                        "forest_totals",
                        "inbox_processed",
                        "outbox_event"));
        try (var s = superuser.createStatement()) {
            s.execute("insert into bench_raw.forest_totals (slot) select generate_series(0, 15)");
        }
        int version = (int) Purchases.count(superuser, "select max(version) from forest.energy_rule_version");
        burst(raw.bootstrap(), raw.topic(), "raw", events);
        try (PreparedStatement marks = superuser.prepareStatement("insert into bench_raw.inbox_processed (consumer, "
                        + "event_id, ce_type, ce_source) select 'bench', cast(a as uuid), b, c from unnest(?, ?, ?) as u(a, b, c) "
                        + "on conflict do nothing");
                PreparedStatement actions =
                        superuser.prepareStatement("insert into bench_raw.energy_action (id, user_id, "
                                + "action_type, source_ref, quantity, occurred_at, rule_version, status, grams, reason, ball_id, "
                                + "recorded_at, source_event_id) select cast(a as uuid), b, 'METRO_RIDE', c, 1, cast(d as timestamptz), "
                                + version + ", e, cast(f as bigint), g, cast(h as uuid), now(), cast(i as uuid) "
                                + "from unnest(?, ?, ?, ?, ?, ?, ?, ?, ?) as u(a, b, c, d, e, f, g, h, i) "
                                + "on conflict (action_type, source_ref) do nothing");
                PreparedStatement balls =
                        superuser.prepareStatement("insert into bench_raw.energy_ball (id, user_id, kind, "
                                + "action_type, action_id, grams, ripens_at, expires_at, created_at, source_event_id) select "
                                + "cast(a as uuid), b, 'ACTION', 'METRO_RIDE', cast(c as uuid), cast(d as bigint), cast(e as timestamptz), "
                                + "cast(e as timestamptz) + interval '72 hours', now(), cast(f as uuid) "
                                + "from unnest(?, ?, ?, ?, ?, ?) as u(a, b, c, d, e, f)");
                PreparedStatement usage = superuser.prepareStatement("insert into bench_raw.energy_usage (user_id, "
                        + "action_type, period, period_start, action_count, grams, last_event_id) select b, 'METRO_RIDE', p, "
                        + "cast(s as date), cast(n as bigint), cast(g as bigint), cast(e as uuid) "
                        + "from unnest(?, ?, ?, ?, ?, ?) as u(b, p, s, n, g, e) "
                        + "on conflict (user_id, action_type, period, period_start) do update set action_count = "
                        + "energy_usage.action_count + excluded.action_count, grams = energy_usage.grams + excluded.grams, "
                        + "last_event_id = excluded.last_event_id");
                PreparedStatement accounts = superuser.prepareStatement(
                        "insert into bench_raw.energy_account (user_id, "
                                + "created_at) select distinct b, now() from unnest(?) as u(b) on conflict do nothing");
                PreparedStatement totals =
                        superuser.prepareStatement("update bench_raw.forest_totals set energy_credited = "
                                + "energy_credited + ?, users = users + ?, last_credit_event_id = coalesce(cast(? as uuid), "
                                + "last_credit_event_id) where slot = 0");
                PreparedStatement outbox =
                        superuser.prepareStatement("insert into bench_raw.outbox_event (event_id, topic, "
                                + "partition_key, ce_type, ce_source, ce_subject, ce_time, payload, caused_by) select "
                                + "cast(a as uuid), 'forest.energy', b, 'forest.energy-credited', 'forest-service', b, now(), c, "
                                + "cast(d as uuid) from unnest(?, ?, ?, ?) as u(a, b, c, d)")) {
            Map<String, Integer> ridesToday = new HashMap<>();
            return raw.drain(
                    "raw limit",
                    events,
                    (r, c, records) ->
                            write(r, c, records, ridesToday, marks, actions, balls, usage, accounts, totals, outbox),
                    "decode+judge",
                    "marks",
                    "actions",
                    "balls",
                    "counters",
                    "outbox");
        }
    }

    /**
     * The physical limit's poll: decode and judge as the raw limit does, then the actions alone in one multi-row
     * insert, into a copy of the action table with only its primary key and its unique key (type, source reference).
     */
    private static double physicalLimit(RawConsumer physical, Connection superuser, int events) throws Exception {
        physical.copyKeysOnly("forest", "energy_action", "id", "action_type, source_ref");
        int version = (int) Purchases.count(superuser, "select max(version) from forest.energy_rule_version");
        burst(physical.bootstrap(), physical.topic(), "phys", events);
        try (PreparedStatement actions = superuser.prepareStatement(INSERT_ACTION_FACTS.formatted(version))) {
            Map<String, Integer> ridesToday = new HashMap<>();
            return physical.drain(
                    "physical limit",
                    events,
                    (r, c, records) -> writeFacts(r, c, records, ridesToday, actions),
                    "decode+judge",
                    "actions");
        }
    }

    private static void writeFacts(
            RawConsumer physical,
            Connection c,
            ConsumerRecords<String, String> records,
            Map<String, Integer> ridesToday,
            PreparedStatement actions)
            throws Exception {
        List<Ride> rides = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> r : records) {
            rides.add(Ride.judge(r, ridesToday));
        }
        String[][] action = Ride.columns(rides);
        RawConsumer.bind(c, actions, action);
        physical.writerLap(0);
        actions.executeUpdate();
        physical.writerLap(1);
    }

    /** One poll: judged in memory per user in order (five rides a day credited, 52 g each), written set-based. */
    private static void write(
            RawConsumer raw,
            Connection c,
            ConsumerRecords<String, String> records,
            Map<String, Integer> ridesToday,
            PreparedStatement marks,
            PreparedStatement actions,
            PreparedStatement balls,
            PreparedStatement usage,
            PreparedStatement accounts,
            PreparedStatement totals,
            PreparedStatement outbox)
            throws Exception {
        int n = records.count();
        String[][] mark = new String[3][n];
        List<Ride> rides = new ArrayList<>(n);
        List<String[]> ball = new ArrayList<>();
        Map<String, long[]> counters = new LinkedHashMap<>();
        Map<String, String> lastCounted = new HashMap<>();
        String lastCredit = null;
        int k = 0;
        long credited = 0;
        for (ConsumerRecord<String, String> r : records) {
            Ride ride = Ride.judge(r, ridesToday);
            rides.add(ride);
            mark[0][k] = ride.eventId();
            mark[1][k] = RawConsumer.header(r, "ce_type");
            mark[2][k] = RawConsumer.header(r, "ce_source");
            String user = ride.user();
            LocalDate day = ride.day();
            if (ride.credited()) {
                Instant ripens = day.plusDays(1).atTime(7, 0).atZone(SHANGHAI).toInstant();
                ball.add(new String[] {ride.ballId(), user, ride.actionId(), "52", ripens.toString(), mark[0][k]});
                counters.computeIfAbsent(user + "\nDAY\n" + day, x -> new long[2])[0]++;
                counters.computeIfAbsent(user + "\nMONTH\n" + day.withDayOfMonth(1), x -> new long[2])[0]++;
                counters.get(user + "\nDAY\n" + day)[1] += 52;
                counters.get(user + "\nMONTH\n" + day.withDayOfMonth(1))[1] += 52;
                lastCounted.put(user + "\nDAY\n" + day, mark[0][k]);
                lastCounted.put(user + "\nMONTH\n" + day.withDayOfMonth(1), mark[0][k]);
                lastCredit = mark[0][k];
                credited += 52;
            }
            k++;
        }
        String[][] action = Ride.columns(rides);
        raw.writerLap(0);
        RawConsumer.bind(c, marks, mark);
        marks.executeUpdate();
        raw.writerLap(1);
        RawConsumer.bind(c, actions, action);
        actions.executeUpdate();
        raw.writerLap(2);
        for (int col = 0; col < 6; col++) {
            String[] column = new String[ball.size()];
            for (int i = 0; i < ball.size(); i++) {
                column[i] = ball.get(i)[col];
            }
            balls.setArray(col + 1, c.createArrayOf("text", column));
        }
        balls.executeUpdate();
        raw.writerLap(3);
        String[][] u = new String[6][counters.size()];
        int j = 0;
        for (Map.Entry<String, long[]> e : counters.entrySet()) {
            String[] key = e.getKey().split("\n");
            u[0][j] = key[0];
            u[1][j] = key[1];
            u[2][j] = key[2];
            u[3][j] = Long.toString(e.getValue()[0]);
            u[4][j] = Long.toString(e.getValue()[1]);
            u[5][j] = lastCounted.get(e.getKey());
            j++;
        }
        RawConsumer.bind(c, usage, u);
        usage.executeUpdate();
        accounts.setArray(1, c.createArrayOf("text", action[1]));
        int newAccounts = accounts.executeUpdate();
        totals.setLong(1, credited);
        totals.setLong(2, newAccounts);
        totals.setString(3, lastCredit);
        totals.executeUpdate();
        raw.writerLap(4);
        String[][] out = new String[4][ball.size()];
        for (int i = 0; i < ball.size(); i++) {
            String[] b = ball.get(i);
            out[0][i] = UUID.randomUUID().toString();
            out[1][i] = b[1];
            out[2][i] = JSON.writeValueAsString(
                    Map.of("userId", b[1], "ballId", b[0], "actionType", "METRO_RIDE", "grams", 52, "ripensAt", b[4]));
            out[3][i] = b[5];
        }
        RawConsumer.bind(c, outbox, out);
        outbox.executeUpdate();
        raw.writerLap(5);
    }

    /**
     * A ride as the bare consumers judge it, in order per user: the first five of a user's day credited (52 g, a ball),
     * the rest capped; fresh action and ball ids.
     */
    private record Ride(
            String eventId,
            String actionId,
            String user,
            String sourceRef,
            Instant at,
            LocalDate day,
            boolean credited,
            String ballId) {

        static Ride judge(ConsumerRecord<String, String> r, Map<String, Integer> ridesToday) throws IOException {
            JsonNode a = JSON.readTree(r.value());
            String user = a.get("userId").asText();
            Instant at = Instant.parse(a.get("occurredAt").asText());
            LocalDate day = at.atZone(SHANGHAI).toLocalDate();
            boolean credited = ridesToday.merge(user + "/" + day, 1, Integer::sum) <= 5;
            return new Ride(
                    RawConsumer.header(r, "ce_id"),
                    UUID.randomUUID().toString(),
                    user,
                    a.get("sourceRef").asText(),
                    at,
                    day,
                    credited,
                    credited ? UUID.randomUUID().toString() : null);
        }

        /** {@code rides} as the nine text arrays the action inserts unnest (id … source event id). */
        static String[][] columns(List<Ride> rides) {
            String[][] columns = new String[9][rides.size()];
            for (int i = 0; i < rides.size(); i++) {
                Ride ride = rides.get(i);
                columns[0][i] = ride.actionId();
                columns[1][i] = ride.user();
                columns[2][i] = ride.sourceRef();
                columns[3][i] = ride.at().toString();
                columns[4][i] = ride.credited() ? "CREDITED" : "CAPPED";
                columns[5][i] = ride.credited() ? "52" : "0";
                columns[6][i] = ride.credited() ? null : "the daily cap of 5 metro rides is reached";
                columns[7][i] = ride.ballId();
                columns[8][i] = ride.eventId();
            }
            return columns;
        }
    }
}
