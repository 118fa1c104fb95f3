package org.gongyi.events.replay;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.persistence.Db;
import org.gongyi.events.EventEnvelope;
import org.gongyi.events.Topic;
import org.gongyi.events.inbox.Inbox;
import org.gongyi.events.replay.ReplayReport.PartitionRange;
import org.gongyi.events.replay.ReplayReport.ProjectionResult;
import org.gongyi.events.replay.ReplayReport.Status;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * An auditor's replay of this service (issue #9): reads a range of its input topics again with its own consumer
 * group ({@code <service>-audit}: assigned partitions, never committed, so the live group's offsets are untouched),
 * applies every record with the live consumers' own effects inside transactions whose search path is the shadow
 * schema, merged across partitions (and topics) in timestamp order, as a consumer keeping up with them applied them,
 * runs the plan's rebuild statements, then compares the plan's projections, live against replayed (the events the
 * service published are read meanwhile, for the projections compared with them). One replay at a time per database
 * (an advisory lock held for the run); progress is visible while it runs and it can be cancelled.
 */
@ApplicationScoped
public class Replayer {

    private static final Logger LOG = Logger.getLogger(Replayer.class);
    /** The advisory lock of a service's replays: one per schema (the services may share a database). */
    static final String LOCK = "hashtextextended('gongyi.replay:' || current_schema(), 0)";

    private static final int FIRST_DIFFERENCES = 10;

    private final Instance<ReplayPlan> plans;
    private final Inbox inbox;
    private final Pool pool;
    private final Db db;
    private final Clock clock;
    private final Config config;
    private final String service;
    private final String bootstrap;
    private final Map<String, Object> kafkaClient;
    private final Duration liveCatchUp;
    private final AtomicReference<Run> latest = new AtomicReference<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> daemon(r, "gongyi-replay"));
    /** Reads the events a service published while its replay runs. */
    private final ExecutorService publishedReader =
            Executors.newSingleThreadExecutor(r -> daemon(r, "gongyi-replay-published"));
    /** Applies a replay's batches while its worker reads and decodes the next. */
    private final ExecutorService applier = Executors.newSingleThreadExecutor(r -> daemon(r, "gongyi-replay-apply"));
    /** Records read again per batch (merged across partitions): what is in the heap at a time. */
    private final int batchSize;

    public Replayer(
            Instance<ReplayPlan> plans,
            Inbox inbox,
            Pool pool,
            Db db,
            Clock clock,
            Config config,
            @ConfigProperty(name = "quarkus.application.name") String service,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
            @ConfigProperty(name = "gongyi.replay.live-catch-up", defaultValue = "30S") Duration liveCatchUp,
            @ConfigProperty(name = "gongyi.replay.batch-size", defaultValue = "1000") int batchSize,
            @Identifier("default-kafka-broker") Instance<Map<String, Object>> kafkaClient,
            MeterRegistry registry) {
        this.plans = plans;
        this.inbox = inbox;
        this.pool = pool;
        this.db = db;
        this.clock = clock;
        this.config = config;
        this.service = service;
        this.bootstrap = bootstrap;
        this.liveCatchUp = liveCatchUp;
        this.batchSize = batchSize;
        // the latest replay's progress, for dashboards: events read of the range, 1 while one runs
        Gauge.builder("gongyi.replay.events.read", latest, r -> r.get() == null ? 0 : r.get().read)
                .register(registry);
        Gauge.builder("gongyi.replay.events.total", latest, r -> r.get() == null ? 0 : r.get().total)
                .register(registry);
        Gauge.builder(
                        "gongyi.replay.running",
                        latest,
                        r -> r.get() == null || r.get().status.finished() ? 0 : 1)
                .register(registry);
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
            throw ProblemException.conflict(
                    "Replay " + previous.id + " is running (" + previous.status + "); wait for it or cancel it");
        }
        SqlConnection lock = pool.getConnection().await().atMost(Duration.ofSeconds(30));
        boolean locked = lock.query("select pg_try_advisory_lock(" + LOCK + ")")
                .execute()
                .await()
                .atMost(Duration.ofSeconds(30))
                .iterator()
                .next()
                .getBoolean(0);
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
        applier.shutdownNow();
        publishedReader.shutdownNow();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * A replay's transaction writes the shadow schema: its tables first on the search path; its commit need not wait
     * for the disk (what it wrote is rebuilt by the next replay, never recovered).
     */
    private static final String SHADOW_TRANSACTION = """
            select set_config('search_path', $1, true) as search_path, set_config('synchronous_commit', 'off', true)""";

    /** A record read again: its topic and time (to merge by), and it as an event (null: invalid, skipped). */
    private record Read(String topic, long timestamp, EventEnvelope event) {}

    /** A run of events of one feed, and how many records in it were skipped as invalid. */
    private record Step(ReplayPlan.Feed feed, List<EventEnvelope> events, int skipped) {}

    /** Waits for work handed to another thread (a batch applied, published events written); its failure as ours. */
    private static void await(CompletableFuture<Void> applied) {
        try {
            applied.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
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
        /** Events applied when the shadow's statistics were last looked at (by the applying thread). */
        private long analyzedAt;

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
            Consumer<String> phase = name -> {
                long now = System.nanoTime();
                phases.append(phases.isEmpty() ? "" : ", ")
                        .append(name)
                        .append(String.format(Locale.ROOT, " %.1f s", (now - lap[0]) / 1e9));
                lap[0] = now;
            };
            PublishedEvents published = null;
            CompletableFuture<Void> publishedSoFar = CompletableFuture.completedFuture(null);
            try {
                shadow = ShadowSchema.of(pool).await().indefinitely();
                shadow.prepare(plan).await().indefinitely();
                phase.accept("prepare");
                if (plan.projections().stream().anyMatch(p -> p.eventsQuery() != null)) {
                    PublishedEvents reader = new PublishedEvents(shadow);
                    published = reader;
                    publishedSoFar = CompletableFuture.runAsync(reader::readToEnd, publishedReader);
                }
                Map<TopicPartition, Long> stop;
                try (KafkaConsumer<String, String> consumer = consumer()) {
                    stop = replay(consumer, shadow);
                }
                phase.accept("replay");
                if (cancelled) {
                    outcome = Status.CANCELLED;
                    return;
                }
                if (!plan.rebuildStatements().isEmpty()) {
                    shadow.rebuild(plan.rebuildStatements()).await().indefinitely();
                    phase.accept("rebuilt");
                }
                status = Status.COMPARING;
                awaitLive(stop);
                phase.accept("live caught up");
                if (published != null) {
                    await(publishedSoFar);
                    published.readRest();
                    phase.accept("published events read (the rest)");
                }
                compare(shadow, phases);
                phase.accept("compared");
                outcome = Status.DONE;
            } catch (Throwable t) {
                LOG.errorf(t, "Replay %s of %s failed", id, service);
                error = t.toString();
            } finally {
                if (published != null) {
                    // a replay that failed or was cancelled stops reading the published events before emptying
                    cancelled |= outcome != Status.DONE;
                    try {
                        await(publishedSoFar);
                    } catch (RuntimeException e) {
                        LOG.errorf(e, "Replay %s of %s: reading the published events failed", id, service);
                    }
                    published.close();
                }
                if (shadow != null) {
                    try {
                        shadow.clear().await().indefinitely();
                    } catch (RuntimeException e) {
                        LOG.errorf(e, "Replay %s of %s: emptying the shadow schema failed", id, service);
                    }
                }
                finishedAt = clock.instant();
                status = outcome;
                lock.query("select pg_advisory_unlock(" + LOCK + ")")
                        .execute()
                        .onTermination()
                        .call(lock::close)
                        .subscribe()
                        .with(x -> {}, t -> {});
                LOG.infof("%s", report().text());
                LOG.infof("Replay %s of %s took: %s", id, service, phases);
            }
        }

        /**
         * Compares the plan's projections two at a time, each on a connection of its own (PostgreSQL runs a query on
         * one core); the report lists them in the plan's order, those compared so far while it runs. Each one's time
         * goes to {@code phases}.
         */
        private void compare(ShadowSchema shadow, StringBuilder phases) {
            List<ReplayPlan.Projection> all = plan.projections();
            ProjectionResult[] results = new ProjectionResult[all.size()];
            String[] took = new String[all.size()];
            Multi.createFrom()
                    .range(0, all.size())
                    .onItem()
                    .transformToUni(i -> {
                        long started = System.nanoTime();
                        return shadow.compare(all.get(i), FIRST_DIFFERENCES).invoke(result -> {
                            synchronized (results) {
                                results[i] = result;
                                took[i] = String.format(
                                        Locale.ROOT,
                                        "'%s' %.1f s",
                                        all.get(i).name(),
                                        (System.nanoTime() - started) / 1e9);
                                projections = Arrays.stream(results)
                                        .filter(Objects::nonNull)
                                        .toList();
                            }
                        });
                    })
                    .merge(2)
                    .collect()
                    .last()
                    .await()
                    .indefinitely();
            for (String t : took) {
                phases.append(", ").append(t);
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
            assigned.sort(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
            consumer.assign(assigned);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(assigned, Duration.ofSeconds(30));
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned, Duration.ofSeconds(30));
            Map<TopicPartition, Long> start = new HashMap<>();
            Map<TopicPartition, Long> stop = new HashMap<>(end);
            Map<TopicPartition, OffsetAndTimestamp> fromTime =
                    request.fromTime() == null ? Map.of() : times(consumer, assigned, request.fromTime());
            Map<TopicPartition, OffsetAndTimestamp> toTime =
                    request.toTime() == null ? Map.of() : times(consumer, assigned, request.toTime());
            List<PartitionRange> ranges = new ArrayList<>();
            long sum = 0;
            for (TopicPartition tp : assigned) {
                long from = request.fromOffset() != null
                        ? Math.max(begin.get(tp), request.fromOffset())
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
            // partitions still being fetched; records wait in per-partition queues (decoded: a Kafka record holds on to
            // its whole fetch buffer, an event only to itself) and are applied merged by
            // timestamp: the order a consumer keeping up with the topics applied them (it read each as it arrived)
            List<TopicPartition> open = new ArrayList<>(assigned);
            open.removeIf(tp -> start.get(tp) >= stop.get(tp));
            consumer.pause(assigned.stream().filter(tp -> !open.contains(tp)).toList());
            Map<TopicPartition, ArrayDeque<Read>> queues = new HashMap<>();
            assigned.forEach(tp -> queues.put(tp, new ArrayDeque<>()));
            // one batch is applied (database work) while the next is read and decoded (Kafka and JSON work); the
            // reader waits only with a whole batch to hand over, and stops fetching a partition far ahead of the others
            CompletableFuture<Void> applying = CompletableFuture.completedFuture(null);
            List<Read> merged = new ArrayList<>(batchSize);
            // about two batches queued in all (what waits in memory outlives the young generation)
            int aheadLimit = Math.max(1, 2 * batchSize / Math.max(1, open.size()));
            Set<TopicPartition> ahead = new HashSet<>();
            try {
                while ((!open.isEmpty() || queues.values().stream().anyMatch(q -> !q.isEmpty())) && !cancelled) {
                    if (!open.isEmpty()) {
                        ConsumerRecords<String, String> polled = consumer.poll(Duration.ofMillis(500));
                        for (TopicPartition tp : polled.partitions()) {
                            for (ConsumerRecord<String, String> r : polled.records(tp)) {
                                if (r.offset() < stop.get(tp)) {
                                    queues.get(tp).add(new Read(r.topic(), r.timestamp(), inbox.replayable(r)));
                                }
                            }
                        }
                        List<TopicPartition> reached = open.stream()
                                .filter(tp -> consumer.position(tp) >= stop.get(tp))
                                .toList();
                        if (!reached.isEmpty()) {
                            open.removeAll(reached);
                            ahead.removeAll(reached);
                            consumer.pause(reached);
                        }
                    }
                    // a partition still being fetched with nothing queued could hold an earlier record: wait for it
                    while (!anyEmpty(open, queues)) {
                        TopicPartition next = null;
                        for (TopicPartition tp : assigned) {
                            Read head = queues.get(tp).peek();
                            if (head != null
                                    && (next == null
                                            || head.timestamp()
                                                    < queues.get(next).peek().timestamp())) {
                                next = tp;
                            }
                        }
                        if (next == null) {
                            break;
                        }
                        merged.add(queues.get(next).poll());
                        if (merged.size() == batchSize) {
                            applying = applyAfter(applying, steps(merged, feeds), shadow);
                            merged = new ArrayList<>(batchSize);
                        }
                    }
                    for (TopicPartition tp : open) {
                        boolean far = queues.get(tp).size() >= aheadLimit;
                        if (far && ahead.add(tp)) {
                            consumer.pause(List.of(tp));
                        } else if (!far && ahead.remove(tp)) {
                            consumer.resume(List.of(tp));
                        }
                    }
                }
                applying = applyAfter(applying, steps(merged, feeds), shadow);
            } finally {
                await(applying);
            }
            return stop;
        }

        private static boolean anyEmpty(List<TopicPartition> open, Map<TopicPartition, ArrayDeque<Read>> queues) {
            for (TopicPartition tp : open) {
                if (queues.get(tp).isEmpty()) {
                    return true;
                }
            }
            return false;
        }

        /** A merged batch as runs of one feed at a time, in order. */
        private List<Step> steps(List<Read> records, Map<String, ReplayPlan.Feed> feeds) {
            List<Step> steps = new ArrayList<>();
            int from = 0;
            for (int i = 1; i <= records.size(); i++) {
                if (i == records.size()
                        || !records.get(i).topic().equals(records.get(from).topic())) {
                    List<EventEnvelope> events = new ArrayList<>(i - from);
                    for (Read r : records.subList(from, i)) {
                        if (r.event() != null) {
                            events.add(r.event());
                        }
                    }
                    steps.add(new Step(feeds.get(records.get(from).topic()), events, i - from - events.size()));
                    from = i;
                }
            }
            return steps;
        }

        /** Applies {@code steps} once {@code previous} has been applied: one batch in the database at a time. */
        private CompletableFuture<Void> applyAfter(
                CompletableFuture<Void> previous, List<Step> steps, ShadowSchema shadow) {
            if (steps.isEmpty() || cancelled) {
                return previous;
            }
            await(previous);
            return CompletableFuture.runAsync(() -> apply(steps, shadow), applier);
        }

        /** Applies decoded runs in the shadow schema, in one transaction, in the given order. */
        private void apply(List<Step> steps, ShadowSchema shadow) {
            try {
                // the shadow's tables grow from empty: their statistics are kept up with them, looked at whenever
                // the events applied have doubled (a natural-key lookup planned for a small table took 5.5 s of a 15 s
                // replay); the transaction's settings go with its first statements, not before them
                boolean grown = read >= 2 * analyzedAt;
                if (grown) {
                    analyzedAt = Math.max(read, 1);
                }
                Uni<Void> statistics =
                        grown ? shadow.analyzeGrown() : Uni.createFrom().voidItem();
                VertxContextSupport.subscribeAndAwait(() ->
                        statistics.chain(() -> db.transaction(() -> db.pipelined(List.of(
                                db.first(
                                        SHADOW_TRANSACTION,
                                        row -> row.getString("search_path"),
                                        shadow.shadow + ", public"),
                                Multi.createFrom()
                                        .iterable(steps)
                                        .onItem()
                                        .transformToUniAndConcatenate(step -> inbox.replay(
                                                step.feed().consumer() + ".replay",
                                                step.feed().guard(),
                                                step.events(),
                                                step.feed().effect(),
                                                step.feed().runEffect()))
                                        .collect()
                                        .last())))));
            } catch (Throwable t) {
                throw t instanceof RuntimeException e ? e : new IllegalStateException(t);
            }
            for (Step step : steps) {
                skipped += step.skipped();
                read += step.events().size() + step.skipped();
            }
            replayNanos = System.nanoTime() - replayStartedNanos;
        }

        /**
         * The events this service published, read into the shadow's ledger for the projections compared with them:
         * from the start of the replay up to the topics' ends at that moment, side by side with the replay (another
         * Kafka reader and other rows, while the replay's transactions wait on each other), then, once the live
         * consumer has caught up and the outbox is drained, up to the ends at that moment.
         */
        private final class PublishedEvents implements AutoCloseable {
            final ShadowSchema shadow;
            // small polls: what waits to be written stays in the heap's young generation
            final KafkaConsumer<String, byte[]> consumer = consumer(new ByteArrayDeserializer(), 500);
            final List<String> topics = Arrays.stream(Topic.values())
                    .filter(t -> t.producer().equals(service))
                    .map(Topic::topicName)
                    .toList();
            final List<TopicPartition> partitions = new ArrayList<>();
            long count;

            PublishedEvents(ShadowSchema shadow) {
                this.shadow = shadow;
                for (String topic : topics) {
                    consumer.partitionsFor(topic, Duration.ofSeconds(30))
                            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
            }

            /** Reads up to the current end of every partition, writing a batch while the next is read. */
            void readToEnd() {
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
                List<TopicPartition> open = new ArrayList<>(partitions);
                open.removeIf(tp -> consumer.position(tp) >= end.get(tp));
                CompletableFuture<Void> writing = CompletableFuture.completedFuture(null);
                try {
                    while (!open.isEmpty() && !cancelled) {
                        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
                        consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                            if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                                batch.add(r);
                            }
                        });
                        await(writing);
                        writing = shadow.ledger(batch).subscribeAsCompletionStage();
                        count += batch.size();
                        open.removeIf(tp -> consumer.position(tp) >= end.get(tp));
                    }
                } finally {
                    await(writing);
                }
            }

            /** Once the outbox is drained (or after the catch-up time, with a note), the rest. */
            void readRest() throws InterruptedException {
                long deadline = System.nanoTime() + liveCatchUp.toNanos();
                long unsent;
                while ((unsent = pool.query("select count(*) from outbox_pending")
                                        .execute()
                                        .await()
                                        .indefinitely()
                                        .iterator()
                                        .next()
                                        .getLong(0))
                                > 0
                        && System.nanoTime() < deadline) {
                    Thread.sleep(500);
                }
                if (unsent > 0) {
                    notes.add(unsent + " events were still in the outbox: the published events lack them");
                }
                readToEnd();
                notes.add("published events compared: " + count + " on " + String.join(", ", topics));
            }

            @Override
            public void close() {
                consumer.close();
            }
        }

        /** Waits (a while) until each live group has committed at least as far as the replay read. */
        private void awaitLive(Map<TopicPartition, Long> stop) throws Exception {
            Map<String, List<TopicPartition>> byGroup = new LinkedHashMap<>();
            for (ReplayPlan.Feed f : plan.feeds()) {
                String topic = channel(f.channel(), "topic", f.channel());
                String group = channel(f.channel(), "group.id", service);
                stop.keySet().stream()
                        .filter(tp -> tp.topic().equals(topic))
                        .forEach(tp -> byGroup.computeIfAbsent(group, g -> new ArrayList<>())
                                .add(tp));
            }
            try (Admin admin = Admin.create(clientProperties())) {
                long deadline = System.nanoTime() + liveCatchUp.toNanos();
                List<String> behind;
                do {
                    behind = new ArrayList<>();
                    for (var g : byGroup.entrySet()) {
                        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(g.getKey())
                                .partitionsToOffsetAndMetadata()
                                .get(30, TimeUnit.SECONDS);
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
                            + " s: " + String.join("; ", behind)
                            + "; differences may be events it had not applied yet");
                }
            }
        }

        private KafkaConsumer<String, String> consumer() {
            return consumer(new StringDeserializer(), 500);
        }

        private <V> KafkaConsumer<String, V> consumer(Deserializer<V> values, int maxPollRecords) {
            Properties p = clientProperties();
            p.put(ConsumerConfig.GROUP_ID_CONFIG, service + "-audit");
            p.put(ConsumerConfig.CLIENT_ID_CONFIG, service + "-audit-" + id);
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(maxPollRecords));
            // fetched bytes wait in the heap until polled: a little per partition keeps young collections cheap
            p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(64 * 1024));
            p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(1024 * 1024));
            return new KafkaConsumer<>(p, new StringDeserializer(), values);
        }

        private Properties clientProperties() {
            Properties p = new Properties();
            for (String key : List.of(
                    "security.protocol",
                    "sasl.mechanism",
                    "sasl.jaas.config",
                    "ssl.truststore.location",
                    "ssl.truststore.password",
                    "ssl.truststore.type",
                    "ssl.truststore.certificates",
                    "ssl.keystore.location",
                    "ssl.keystore.password",
                    "ssl.keystore.type",
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
                    ? projections.stream()
                            .mapToLong(ProjectionResult::differences)
                            .sum()
                    : null;
            return new ReplayReport(
                    id,
                    service,
                    status,
                    startedAt,
                    finishedAt,
                    new ReplayReport.Range(request.describeFrom(), request.describeTo(), partitions),
                    t,
                    r,
                    skipped,
                    t == 0
                            ? (status.ordinal() >= Status.COMPARING.ordinal() ? 100.0 : 0.0)
                            : Math.round(r * 1000.0 / t) / 10.0,
                    seconds > 0 ? Math.round(r / seconds * 10) / 10.0 : 0.0,
                    projections,
                    differences,
                    differences == null ? null : differences == 0,
                    List.copyOf(notes),
                    error);
        }
    }

    private Map<TopicPartition, OffsetAndTimestamp> times(
            KafkaConsumer<String, String> consumer, Collection<TopicPartition> partitions, Instant at) {
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
