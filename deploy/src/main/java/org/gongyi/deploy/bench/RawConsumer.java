package org.gongyi.deploy.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A benchmark's limit: a bare Kafka consumer and JDBC writing each poll, without the framework, into copies of a
 * service's tables in a scratch schema of its own, from a scratch topic written before it is drained. The raw limit
 * ({@code bench_raw}) does per poll what the service does, into copies of its tables ({@link #copyTables}); the
 * physical limit ({@code bench_phys}) inserts only the one fact row per event, into a copy of the fact table with
 * only its keys ({@link #copyKeysOnly}). {@link #close()} deletes the topic and the schema.
 */
final class RawConsumer implements AutoCloseable {

    /** What the raw consumer does with one poll, inside its transaction; calls {@link #lap} after each stage. */
    interface Writer {
        void write(RawConsumer raw, Connection c, ConsumerRecords<String, String> records) throws Exception;
    }

    /** Drops and creates the scratch schema (its name the one argument). */
    private static final String RECREATE_SCHEMA = """
            drop schema if exists %1$s cascade;
            create schema %1$s
            """;
    /** A copy of a table's columns and defaults, with its primary key and one unique key (no other index). */
    private static final String COPY_KEYS_ONLY = """
            create table %1$s.%2$s (like %3$s.%2$s including defaults);
            alter table %1$s.%2$s add primary key (%4$s), add unique (%5$s)
            """;

    private final String bootstrap;
    private final Connection superuser;
    private final String scratch;
    private final String topic;
    private final Admin admin;
    private String[] stages = {};
    private long[] spent = {};
    private long lap;

    private RawConsumer(String bootstrap, Connection superuser, String scratch, String topic, Admin admin) {
        this.bootstrap = bootstrap;
        this.superuser = superuser;
        this.scratch = scratch;
        this.topic = topic;
        this.admin = admin;
    }

    /**
     * Creates the scratch topic, with as many partitions as {@code like}, well before it is written (a producer
     * writing to a topic created a moment ago can meet out-of-order sequence errors while its partitions settle);
     * the tables go to the scratch schema {@code scratch}, one per consumer.
     */
    static RawConsumer create(String bootstrap, Connection superuser, String scratch, String topic, String like)
            throws Exception {
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        try {
            int partitions = admin.describeTopics(List.of(like))
                    .allTopicNames()
                    .get()
                    .get(like)
                    .partitions()
                    .size();
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                    .all()
                    .get();
            return new RawConsumer(bootstrap, superuser, scratch, topic, admin);
        } catch (Exception e) {
            admin.close();
            throw e;
        }
    }

    String topic() {
        return topic;
    }

    String bootstrap() {
        return bootstrap;
    }

    /**
     * A fresh scratch schema with copies of {@code schema}'s {@code tables} (columns, defaults, constraints, indexes)
     * and their foreign keys, pointed at the copies where they point at a copied table.
     */
    void copyTables(String schema, List<String> tables) throws SQLException {
        try (Statement s = superuser.createStatement()) {
            s.execute(RECREATE_SCHEMA.formatted(scratch));
            for (String t : tables) {
                s.execute("create table " + scratch + "." + t + " (like " + schema + "." + t + " including all)");
            }
            List<String> foreignKeys = new ArrayList<>();
            for (String t : tables) {
                try (ResultSet rs =
                        s.executeQuery("select pg_get_constraintdef(oid) from pg_constraint where contype = 'f' "
                                + "and conrelid = '" + schema + "." + t + "'::regclass")) {
                    while (rs.next()) {
                        String def = rs.getString(1);
                        for (String target : tables) {
                            def = def.replace(schema + "." + target + "(", scratch + "." + target + "(");
                        }
                        foreignKeys.add("alter table " + scratch + "." + t + " add " + def);
                    }
                }
            }
            for (String fk : foreignKeys) {
                s.execute(fk);
            }
        }
    }

    /**
     * A fresh scratch schema with a copy of {@code schema.table}, same name: its columns (with their defaults and
     * not-null), its primary key {@code primaryKey} and its unique key {@code uniqueKey} (columns, comma-separated);
     * no other index, no check, no foreign key.
     */
    void copyKeysOnly(String schema, String table, String primaryKey, String uniqueKey) throws SQLException {
        try (Statement s = superuser.createStatement()) {
            s.execute(RECREATE_SCHEMA.formatted(scratch));
            s.execute(COPY_KEYS_ONLY.formatted(scratch, table, schema, primaryKey, uniqueKey));
        }
    }

    /**
     * Drains {@code events} records of the scratch topic through {@code writer}, one transaction and one offset
     * commit per poll; records per second from the first poll with records to the last commit. Prints where the
     * time went, per stage ({@code poll}, {@code commit}, {@code offsets} and the writer's {@code stages}), after
     * {@code label} ("raw limit", "physical limit").
     */
    double drain(String label, int events, Writer writer, String... writerStages) throws Exception {
        List<String> names = new ArrayList<>(List.of("poll"));
        names.addAll(List.of(writerStages));
        names.addAll(List.of("commit", "offsets"));
        stages = names.toArray(new String[0]);
        spent = new long[stages.length];
        int commit = stages.length - 2;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, topic);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        superuser.setAutoCommit(false);
        long done = 0;
        long t0 = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (done < events) {
                lap = System.nanoTime();
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                lap(0);
                if (records.isEmpty()) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(label + ": " + done + " of " + events + ", no more");
                    }
                    continue;
                }
                deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(t0 == 0 ? 60 : 10);
                if (t0 == 0) {
                    t0 = System.nanoTime();
                }
                writer.write(this, superuser, records);
                done += records.count();
                superuser.commit();
                lap(commit);
                consumer.commitSync();
                lap(commit + 1);
            }
        } finally {
            superuser.setAutoCommit(true);
        }
        double rate = done / ((System.nanoTime() - t0) / 1e9);
        StringBuilder where = new StringBuilder(label + ", ms per 1,000 events:");
        for (int i = 0; i < stages.length; i++) {
            where.append(String.format(" %s %.1f", stages[i], spent[i] / 1e6 / (done / 1000.0)));
        }
        System.out.println(where);
        return rate;
    }

    /** Adds the time since the last lap to {@code stage}. */
    private void lap(int stage) {
        long now = System.nanoTime();
        spent[stage] += now - lap;
        lap = now;
    }

    /** Adds the time since the last lap to the writer's stage {@code writerStage} (0 = its first). */
    void writerLap(int writerStage) {
        lap(writerStage + 1);
    }

    /** Binds one text array per column to the statement's parameters, in order from the first. */
    static void bind(Connection c, PreparedStatement statement, String[][] columns) throws SQLException {
        for (int i = 0; i < columns.length; i++) {
            statement.setArray(i + 1, c.createArrayOf("text", columns[i]));
        }
    }

    static String header(ConsumerRecord<String, String> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /** Deletes the scratch topic and schema; returns once the broker no longer lists the topic (deletion is async). */
    @Override
    public void close() throws Exception {
        try (admin;
                Statement s = superuser.createStatement()) {
            admin.deleteTopics(List.of(topic)).all().get();
            s.execute("drop schema if exists " + scratch + " cascade");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (admin.listTopics().names().get().contains(topic)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(topic + " still listed 30 s after its deletion");
                }
                Thread.sleep(100);
            }
        }
    }
}
