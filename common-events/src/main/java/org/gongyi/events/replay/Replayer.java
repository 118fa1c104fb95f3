package org.gongyi.events.replay;

import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gongyi.common.http.ProblemException;
import org.gongyi.events.replay.ReplayReport.PartitionRange;
import org.gongyi.events.replay.ReplayReport.ProjectionResult;
import org.gongyi.events.replay.ReplayReport.Status;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An auditor's replay of this service (issue #9): reads a range of its input topics again with its own consumer
 * group ({@code <service>-audit}: assigned partitions, never committed, so the live group's offsets are untouched),
 * applies every record with the live consumers' own effects inside transactions whose search path is the shadow
 * schema, merged across partitions (and topics) in timestamp order, as a consumer keeping up with them applied them,
 * then compares the plan's projections, live against replayed. One replay at a time per database (an
 * advisory lock held for the run); progress is visible while it runs and it can be cancelled.
 */
@ApplicationScoped
public class Replayer {

    private static final Logger LOG = Logger.getLogger(Replayer.class);
    /** The advisory lock of a service's replays: one per schema (the services may share a database). */
    static final String LOCK = "hashtextextended('gongyi.replay:' || current_schema(), 0)";
    private static final int FIRST_DIFFERENCES = 10;

    private final Instance<ReplayPlan> plans;
    private final org.gongyi.events.inbox.Inbox inbox;
    private final Pool pool;
    private final org.gongyi.common.persistence.Db db;
    private final Clock clock;
    private final Config config;
    private final String service;
    private final String bootstrap;
    private final Map<String, Object> kafkaClient;
    private final Duration liveCatchUp;
    private final AtomicReference<Run> latest = new AtomicReference<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "gongyi-replay");
        t.setDaemon(true);
        return t;
    });

    public Replayer(Instance<ReplayPlan> plans, org.gongyi.events.inbox.Inbox inbox, Pool pool,
                    org.gongyi.common.persistence.Db db, Clock clock,
                    Config config,
                    @ConfigProperty(name = "quarkus.application.name") String service,
                    @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
                    @ConfigProperty(name = "gongyi.replay.live-catch-up", defaultValue = "30S") Duration liveCatchUp,
                    @io.smallrye.common.annotation.Identifier("default-kafka-broker")
                    Instance<Map<String, Object>> kafkaClient,
                    io.micrometer.core.instrument.MeterRegistry registry) {
        this.plans = plans;
        this.inbox = inbox;
        this.pool = pool;
        this.db = db;
        this.clock = clock;
        this.config = config;
        this.service = service;
        this.bootstrap = bootstrap;
        this.liveCatchUp = liveCatchUp;
        // the latest replay's progress, for dashboards: events read of the range, 1 while one runs
        io.micrometer.core.instrument.Gauge.builder("gongyi.replay.events.read", latest,
                r -> r.get() == null ? 0 : r.get().read).register(registry);
        io.micrometer.core.instrument.Gauge.builder("gongyi.replay.events.total", latest,
                r -> r.get() == null ? 0 : r.get().total).register(registry);
        io.micrometer.core.instrument.Gauge.builder("gongyi.replay.running", latest,
                r -> r.get() == null || r.get().status.finished() ? 0 : 1).register(registry);
        // the service's own kafka.* settings (security protocol, SASL credentials, TLS), as its channels use them
        this.kafkaClient = kafkaClient.isResolvable() ? Map.copyOf(kafkaClient.get()) : Map.of();
        if (!this.kafkaClient.containsKey("bootstrap.servers")) {
            LOG.warnf("no default Kafka client settings found: replays connect with kafka.bootstrap.servers only");
        }
    }

    /** Starts a replay; 409 while another one runs (here or on another instance of the service). */
    public synchronized ReplayReport start(ReplayRequest request) {
        if (plans.isUnsatisfied()) {
            throw ProblemException.notFound(service + " has no replay plan");
        }
        request.validated();
        Run previous = latest.get();
        if (previous != null && !previous.status.finished()) {
            throw ProblemException.conflict("Replay " + previous.id + " is running (" + previous.status
                    + "); wait for it or cancel it");
        }
        SqlConnection lock = pool.getConnection().await().atMost(Duration.ofSeconds(30));
        boolean locked = lock.query("select pg_try_advisory_lock(" + LOCK + ")").execute().await()
                .atMost(Duration.ofSeconds(30)).iterator().next().getBoolean(0);
        if (!locked) {
            lock.close().await().indefinitely();
            throw ProblemException.conflict("A replay of " + service + " is running on another instance");
        }
        Run run = new Run(plans.get(), request, lock);
        latest.set(run);
        worker.submit(run::execute);
        return run.report();
    }

    /** The latest replay's report; 404 when there was none since the service started. */
    public ReplayReport latest() {
        Run run = latest.get();
        if (run == null) {
            throw ProblemException.notFound("No replay since " + service + " started");
        }
        return run.report();
    }

    /** Asks the latest replay to stop if it still runs (it ends as CANCELLED without comparing); its report. */
    public ReplayReport cancel() {
        Run run = latest.get();
        if (run == null) {
            throw ProblemException.notFound("No replay since " + service + " started");
        }
        run.cancelled = true;
        return run.report();
    }

    @PreDestroy
    void stop() {
        Run run = latest.get();
        if (run != null) {
            run.cancelled = true;
        }
        worker.shutdownNow();
    }

    private final class Run {
        final String id = UUID.randomUUID().toString();
        final ReplayPlan plan;
        final ReplayRequest request;
        final SqlConnection lock;
        final Instant startedAt = clock.instant();
        final List<String> notes = new ArrayList<>();
        volatile Status status = Status.PREPARING;
        volatile boolean cancelled;
        volatile List<PartitionRange> partitions = List.of();
        volatile long total;
        volatile long read;
        volatile long skipped;
        volatile long replayStartedNanos;
        volatile long replayNanos;
        volatile Instant finishedAt;
        volatile List<ProjectionResult> projections = List.of();
        volatile String error;

        Run(ReplayPlan plan, ReplayRequest request, SqlConnection lock) {
            this.plan = plan;
            this.request = request;
            this.lock = lock;
        }

        void execute() {
            ShadowSchema shadow = null;
            // published once the shadow schema is empty again
            Status outcome = Status.FAILED;
            // where a replay's time goes, logged at its end
            StringBuilder phases = new StringBuilder();
            long[] lap = {System.nanoTime()};
            java.util.function.Consumer<String> phase = name -> {
                long now = System.nanoTime();
                phases.append(phases.isEmpty() ? "" : ", ").append(name)
                        .append(String.format(java.util.Locale.ROOT, " %.1f s", (now - lap[0]) / 1e9));
                lap[0] = now;
            };
            try {
                shadow = ShadowSchema.of(pool).await().indefinitely();
                shadow.prepare(plan).await().indefinitely();
                phase.accept("prepare");
                Map<TopicPartition, Long> stop;
                try (KafkaConsumer<String, String> consumer = consumer()) {
                    stop = replay(consumer, shadow);
                }
                phase.accept("replay");
                if (cancelled) {
                    outcome = Status.CANCELLED;
                    return;
                }
                status = Status.COMPARING;
                awaitLive(stop);
                phase.accept("live caught up");
                if (plan.projections().stream().anyMatch(p -> p.eventsQuery() != null)) {
                    ledger(shadow);
                    phase.accept("published events read");
                }
                List<ProjectionResult> results = new ArrayList<>();
                for (ReplayPlan.Projection p : plan.projections()) {
                    results.add(shadow.compare(p, FIRST_DIFFERENCES).await().indefinitely());
                    projections = List.copyOf(results);
                    phase.accept("'" + p.name() + "'");
                }
                outcome = Status.DONE;
            } catch (Throwable t) {
                LOG.errorf(t, "Replay %s of %s failed", id, service);
                error = t.toString();
            } finally {
                if (shadow != null) {
                    try {
                        shadow.clear().await().indefinitely();
                    } catch (RuntimeException e) {
                        LOG.errorf(e, "Replay %s of %s: emptying the shadow schema failed", id, service);
                    }
                }
                finishedAt = clock.instant();
                status = outcome;
                lock.query("select pg_advisory_unlock(" + LOCK + ")").execute()
                        .onTermination().call(lock::close).subscribe().with(x -> { }, t -> { });
                LOG.infof("%s", report().text());
                LOG.infof("Replay %s of %s took: %s", id, service, phases);
            }
        }

        /** Reads the range and applies it in the shadow schema; returns the end offsets (exclusive). */
        private Map<TopicPartition, Long> replay(KafkaConsumer<String, String> consumer, ShadowSchema shadow)
                throws Throwable {
            Map<String, ReplayPlan.Feed> feeds = new LinkedHashMap<>();
            for (ReplayPlan.Feed f : plan.feeds()) {
                feeds.put(channel(f.channel(), "topic", f.channel()), f);
            }
            List<TopicPartition> assigned = new ArrayList<>();
            for (String topic : feeds.keySet()) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(p -> assigned.add(new TopicPartition(topic, p.partition())));
            }
            assigned.sort(java.util.Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
            consumer.assign(assigned);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(assigned, Duration.ofSeconds(30));
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned, Duration.ofSeconds(30));
            Map<TopicPartition, Long> start = new HashMap<>();
            Map<TopicPartition, Long> stop = new HashMap<>(end);
            Map<TopicPartition, OffsetAndTimestamp> fromTime = request.fromTime() == null ? Map.of()
                    : times(consumer, assigned, request.fromTime());
            Map<TopicPartition, OffsetAndTimestamp> toTime = request.toTime() == null ? Map.of()
                    : times(consumer, assigned, request.toTime());
            List<PartitionRange> ranges = new ArrayList<>();
            long sum = 0;
            for (TopicPartition tp : assigned) {
                long from = request.fromOffset() != null ? Math.max(begin.get(tp), request.fromOffset())
                        : request.fromTime() != null ? offset(fromTime.get(tp), end.get(tp)) : begin.get(tp);
                if (request.toTime() != null) {
                    stop.put(tp, offset(toTime.get(tp), end.get(tp)));
                }
                from = Math.min(from, stop.get(tp));
                start.put(tp, from);
                ranges.add(new PartitionRange(tp.topic(), tp.partition(), from, stop.get(tp)));
                sum += stop.get(tp) - from;
                consumer.seek(tp, from);
            }
            partitions = List.copyOf(ranges);
            total = sum;
            status = Status.REPLAYING;
            replayStartedNanos = System.nanoTime();
            // partitions still being fetched; records wait in per-partition queues and are applied merged by
            // timestamp: the order a consumer keeping up with the topics applied them (it read each as it arrived)
            List<TopicPartition> open = new ArrayList<>(assigned);
            open.removeIf(tp -> start.get(tp) >= stop.get(tp));
            consumer.pause(assigned.stream().filter(tp -> !open.contains(tp)).toList());
            Map<TopicPartition, java.util.ArrayDeque<ConsumerRecord<String, String>>> queues = new HashMap<>();
            assigned.forEach(tp -> queues.put(tp, new java.util.ArrayDeque<>()));
            while ((!open.isEmpty() || queues.values().stream().anyMatch(q -> !q.isEmpty())) && !cancelled) {
                if (!open.isEmpty()) {
                    ConsumerRecords<String, String> polled = consumer.poll(Duration.ofMillis(500));
                    for (TopicPartition tp : polled.partitions()) {
                        for (ConsumerRecord<String, String> r : polled.records(tp)) {
                            if (r.offset() < stop.get(tp)) {
                                queues.get(tp).add(r);
                            }
                        }
                    }
                    List<TopicPartition> reached = open.stream()
                            .filter(tp -> consumer.position(tp) >= stop.get(tp)).toList();
                    if (!reached.isEmpty()) {
                        open.removeAll(reached);
                        consumer.pause(reached);
                    }
                }
                List<ConsumerRecord<String, String>> merged = new ArrayList<>();
                // a partition still being fetched with nothing queued could hold an earlier record: wait for it
                while (open.stream().noneMatch(tp -> queues.get(tp).isEmpty())) {
                    TopicPartition next = null;
                    for (TopicPartition tp : assigned) {
                        ConsumerRecord<String, String> head = queues.get(tp).peek();
                        if (head != null && (next == null || head.timestamp() < queues.get(next).peek().timestamp())) {
                            next = tp;
                        }
                    }
                    if (next == null) {
                        break;
                    }
                    merged.add(queues.get(next).poll());
                    if (merged.size() == 2000) {
                        apply(merged, feeds, shadow);
                        merged.clear();
                    }
                }
                apply(merged, feeds, shadow);
                replayNanos = System.nanoTime() - replayStartedNanos;
            }
            return stop;
        }

        /** Applies records in the shadow schema, in one transaction: runs of one feed at a time, in the given order. */
        private void apply(List<ConsumerRecord<String, String>> records, Map<String, ReplayPlan.Feed> feeds,
                           ShadowSchema shadow) throws Throwable {
            if (records.isEmpty()) {
                return;
            }
            List<List<ConsumerRecord<String, String>>> runs = new ArrayList<>();
            for (ConsumerRecord<String, String> r : records) {
                List<ConsumerRecord<String, String>> last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
                if (last != null && last.get(0).topic().equals(r.topic())) {
                    last.add(r);
                } else {
                    runs.add(new ArrayList<>(List.of(r)));
                }
            }
            int skippedNow = VertxContextSupport.subscribeAndAwait(() -> db.transaction(() ->
                    db.first("select set_config('search_path', $1, true) as search_path",
                                    row -> row.getString("search_path"), shadow.shadow + ", public")
                            .chain(() -> io.smallrye.mutiny.Multi.createFrom().iterable(runs)
                                    .onItem().transformToUniAndConcatenate(run -> {
                                        ReplayPlan.Feed feed = feeds.get(run.get(0).topic());
                                        return inbox.replay(feed.consumer() + ".replay", feed.guard(), run, feed.effect(),
                                                feed.runEffect());
                                    })
                                    .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue)))));
            skipped += skippedNow;
            read += records.size();
        }

        /**
         * Reads every event on the topics this service produces (once its outbox is drained) into the shadow's
         * ledger, for the projections compared with the published events.
         */
        private void ledger(ShadowSchema shadow) throws Exception {
            long deadline = System.nanoTime() + liveCatchUp.toNanos();
            long unsent;
            while ((unsent = pool.query("select count(*) from outbox_pending").execute()
                    .await().indefinitely().iterator().next().getLong(0)) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            if (unsent > 0) {
                notes.add(unsent + " events were still in the outbox: the published events lack them");
            }
            List<String> topics = java.util.Arrays.stream(org.gongyi.events.Topic.values())
                    .filter(t -> t.producer().equals(service)).map(org.gongyi.events.Topic::topicName).toList();
            long[] count = {0};
            try (KafkaConsumer<String, String> consumer = consumer()) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (String topic : topics) {
                    consumer.partitionsFor(topic, Duration.ofSeconds(30))
                            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
                List<TopicPartition> open = new ArrayList<>(partitions);
                open.removeIf(tp -> consumer.position(tp) >= end.get(tp));
                while (!open.isEmpty() && !cancelled) {
                    List<ConsumerRecord<String, String>> batch = new ArrayList<>();
                    consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                        if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                            batch.add(r);
                        }
                    });
                    shadow.ledger(batch).await().indefinitely();
                    count[0] += batch.size();
                    open.removeIf(tp -> consumer.position(tp) >= end.get(tp));
                }
            }
            notes.add("published events compared: " + count[0] + " on " + String.join(", ", topics));
        }

        /** Waits (a while) until each live group has committed at least as far as the replay read. */
        private void awaitLive(Map<TopicPartition, Long> stop) throws Exception {
            Map<String, List<TopicPartition>> byGroup = new LinkedHashMap<>();
            for (ReplayPlan.Feed f : plan.feeds()) {
                String topic = channel(f.channel(), "topic", f.channel());
                String group = channel(f.channel(), "group.id", service);
                stop.keySet().stream().filter(tp -> tp.topic().equals(topic))
                        .forEach(tp -> byGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(tp));
            }
            try (Admin admin = Admin.create(clientProperties())) {
                long deadline = System.nanoTime() + liveCatchUp.toNanos();
                List<String> behind;
                do {
                    behind = new ArrayList<>();
                    for (var g : byGroup.entrySet()) {
                        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(g.getKey())
                                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                        for (TopicPartition tp : g.getValue()) {
                            OffsetAndMetadata o = committed.get(tp);
                            long at = o == null ? 0 : o.offset();
                            if (at < stop.get(tp)) {
                                behind.add(g.getKey() + " on " + tp + " (committed " + at + ", replay read to "
                                        + stop.get(tp) + ")");
                            }
                        }
                    }
                    if (!behind.isEmpty()) {
                        Thread.sleep(500);
                    }
                } while (!behind.isEmpty() && System.nanoTime() < deadline && !cancelled);
                if (!behind.isEmpty()) {
                    notes.add("the live consumer had not caught up with the replay after " + liveCatchUp.toSeconds()
                            + " s: " + String.join("; ", behind) + "; differences may be events it had not applied yet");
                }
            }
        }

        private KafkaConsumer<String, String> consumer() {
            Properties p = clientProperties();
            p.put(ConsumerConfig.GROUP_ID_CONFIG, service + "-audit");
            p.put(ConsumerConfig.CLIENT_ID_CONFIG, service + "-audit-" + id);
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
            return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        }

        private Properties clientProperties() {
            Properties p = new Properties();
            for (String key : List.of("security.protocol", "sasl.mechanism", "sasl.jaas.config", "ssl.truststore.location",
                    "ssl.truststore.password", "ssl.truststore.type", "ssl.truststore.certificates",
                    "ssl.keystore.location", "ssl.keystore.password", "ssl.keystore.type",
                    "ssl.endpoint.identification.algorithm")) {
                Object v = kafkaClient.get(key);
                if (v != null) {
                    p.put(key, v.toString());
                }
            }
            p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            return p;
        }

        ReplayReport report() {
            long r = read;
            long t = total;
            double seconds = replayNanos / 1e9;
            Long differences = status == Status.DONE
                    ? projections.stream().mapToLong(ProjectionResult::differences).sum() : null;
            return new ReplayReport(id, service, status, startedAt, finishedAt,
                    new ReplayReport.Range(request.describeFrom(), request.describeTo(), partitions), t, r, skipped,
                    t == 0 ? (status.ordinal() >= Status.COMPARING.ordinal() ? 100.0 : 0.0) : Math.round(r * 1000.0 / t) / 10.0,
                    seconds > 0 ? Math.round(r / seconds * 10) / 10.0 : 0.0, projections, differences,
                    differences == null ? null : differences == 0, List.copyOf(notes), error);
        }
    }

    private Map<TopicPartition, OffsetAndTimestamp> times(KafkaConsumer<String, String> consumer,
                                                          Collection<TopicPartition> partitions, Instant at) {
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, at.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, Duration.ofSeconds(30));
        return found == null ? Map.of() : new HashMap<>(found);
    }

    /** The first offset at or after a time, or the end when no record is that late. */
    private static long offset(OffsetAndTimestamp found, long end) {
        return found == null ? end : found.offset();
    }

    private String channel(String channel, String property, String fallback) {
        return config.getOptionalValue("mp.messaging.incoming." + channel + "." + property, String.class)
                .orElse(fallback);
    }
}
