package org.gongyi.infra.test;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.gongyi.infra.DevTokenIssuer;
import org.gongyi.infra.EmbeddedKafka;
import org.gongyi.infra.EmbeddedKafka.TopicSpec;
import org.gongyi.infra.EmbeddedPostgresServer;
import org.gongyi.infra.EmbeddedPostgresServer.ServiceAccount;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Test resource for a {@code @QuarkusTest}: starts a real PostgreSQL server and a real Kafka broker in the test JVM
 * (fresh data, free ports), provisions the role and schema, creates the topics {@link #topics()} names, and points the
 * application at them. Argument {@code service}: the role/schema name, e.g. {@code donation}. The services' tests use
 * {@code GongyiTestInfrastructure} (service-test-support), which creates the platform's topic catalogue; this module
 * knows no catalogue of its own.
 */
public abstract class EmbeddedTestInfrastructure implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedPostgresServer postgres;
    private static EmbeddedKafka kafka;
    private static Path dataDir;
    private static final DevTokenIssuer TOKENS = DevTokenIssuer.generate();
    private static String service;

    @Override
    public void init(Map<String, String> initArgs) {
        service = initArgs.getOrDefault("service", "app");
    }

    @Override
    public synchronized Map<String, String> start() {
        if (kafka == null) {
            try {
                dataDir = Files.createTempDirectory("gongyi-test-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            long t0 = System.nanoTime();
            postgres = EmbeddedPostgresServer.start(dataDir.resolve("postgres"), 0, true);
            long t1 = System.nanoTime();
            kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), 0);
            EmbeddedKafka.createTopics(kafka.bootstrapServers(), (short) 1, topics());
            long t2 = System.nanoTime();
            System.out.printf(
                    "[gongyi-test-infra] real PostgreSQL at 127.0.0.1:%d (%d ms), real Kafka broker (KRaft) at %s (%d ms)%n",
                    postgres.port(), (t1 - t0) / 1_000_000, kafka.bootstrapServers(), (t2 - t1) / 1_000_000);
        }
        postgres.provision(List.of(new ServiceAccount(service, service)));
        return Map.of(
                "kafka.bootstrap.servers",
                kafka.bootstrapServers(),
                "quarkus.datasource.reactive.url",
                "postgresql://" + postgres.hostPortDatabase(),
                "quarkus.datasource.jdbc.url",
                "jdbc:postgresql://" + postgres.hostPortDatabase(),
                "quarkus.datasource.username",
                service,
                "quarkus.datasource.password",
                service,
                "mp.jwt.verify.publickey",
                TOKENS.publicKeyPem());
    }

    /** The topics the broker starts with (the broker creates no topic on its own). */
    protected abstract Collection<TopicSpec> topics();

    @Override
    public synchronized void stop() {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
        if (dataDir != null) {
            deleteQuietly(dataDir);
        }
    }

    public static String bootstrapServers() {
        if (kafka == null) {
            throw new IllegalStateException("Kafka not started");
        }
        return kafka.bootstrapServers();
    }

    /** The dev issuer whose key the application under test trusts. */
    public static DevTokenIssuer tokens() {
        return TOKENS;
    }

    /** A valid one-hour token for {@code subject} with {@code roles}. */
    public static String bearer(String subject, String... roles) {
        return TOKENS.token(subject, List.of(roles), Duration.ofHours(1));
    }

    /** Takes the broker down (data kept) to test what happens while Kafka is unreachable. */
    public static void stopKafka() {
        kafka.stopBroker();
    }

    /** Brings the broker back on the same address. */
    public static void startKafka() {
        kafka.startBroker();
    }

    /** A JDBC connection as the service's own role, to assert on rows. */
    public static Connection serviceConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + postgres.hostPortDatabase(), service, service);
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp dir: best effort
        }
    }
}
