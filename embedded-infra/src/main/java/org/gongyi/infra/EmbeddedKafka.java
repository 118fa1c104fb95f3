package org.gongyi.infra;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker in KRaft combined mode (broker + controller, one node), running in this JVM from the
 * {@code kafka_2.13} artifact. Its log directory is formatted on first start and reused afterwards.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private final Properties props;
    private final String bootstrapServers;
    private KafkaRaftServer server;

    private EmbeddedKafka(Properties props, String bootstrapServers) {
        this.props = props;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts a broker on 127.0.0.1; {@code port} 0 picks free ports. */
    public static EmbeddedKafka start(Path dataDir, int port) {
        int brokerPort = port == 0 ? Ports.free() : port;
        int controllerPort = port == 0 ? Ports.free() : port + 1;
        try {
            Files.createDirectories(dataDir);
            Path logDir = dataDir.resolve("log");
            Properties props = new Properties();
            props.put("process.roles", "broker,controller");
            props.put("node.id", "1");
            props.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
            props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
            props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
            props.put("controller.listener.names", "CONTROLLER");
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("log.dirs", logDir.toAbsolutePath().toString());
            props.put("num.partitions", "1");
            props.put("auto.create.topics.enable", "false");
            props.put("offsets.topic.replication.factor", "1");
            props.put("offsets.topic.num.partitions", "10");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("share.coordinator.state.topic.replication.factor", "1");
            props.put("share.coordinator.state.topic.min.isr", "1");
            props.put("group.initial.rebalance.delay.ms", "0");
            props.put("log.retention.ms", "-1");
            Path configFile = dataDir.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(configFile)) {
                props.store(out, "written by Gongyi embedded-infra");
            }
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                ByteArrayOutputStream formatOut = new ByteArrayOutputStream();
                int rc = StorageTool.execute(
                        new String[] {
                            "format", "--standalone", "-t", Uuid.randomUuid().toString(), "-c", configFile.toString()
                        },
                        new PrintStream(formatOut, true, StandardCharsets.UTF_8));
                if (rc != 0) {
                    throw new IllegalStateException("kafka-storage format failed: " + formatOut);
                }
            }
            EmbeddedKafka kafka = new EmbeddedKafka(props, "127.0.0.1:" + brokerPort);
            kafka.startBroker();
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the broker (again, after {@link #stopBroker()}) on the same ports and data. */
    public synchronized void startBroker() {
        if (server != null) {
            return;
        }
        server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
        server.startup();
        awaitReady(Duration.ofSeconds(60));
    }

    /** Stops the broker, keeping its data: clients see it as down until {@link #startBroker()}. */
    public synchronized void stopBroker() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = admin(bootstrapServers)) {
            while (true) {
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return;
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka did not become ready at " + bootstrapServers, e);
                    }
                    sleep(200);
                }
            }
        }
    }

    /** A topic to create: its name, partitions and topic-level configuration (retention, cleanup policy …). */
    public record TopicSpec(String name, int partitions, Map<String, String> config) {
        public TopicSpec {
            config = Map.copyOf(config);
        }
    }

    /**
     * Creates each of {@code topics} that does not exist yet, with its partitions and configuration; those that existed
     * (an older run, an external cluster) get the configuration too. The caller names the topics: the platform's
     * catalogue ({@code org.gongyi.events.Topic}) lives in common-events, which this module does not depend on.
     */
    public static void createTopics(String bootstrapServers, short replicationFactor, Collection<TopicSpec> topics) {
        try (Admin admin = admin(bootstrapServers)) {
            List<NewTopic> create = new ArrayList<>();
            for (TopicSpec t : topics) {
                create.add(new NewTopic(t.name(), t.partitions(), replicationFactor).configs(t.config()));
            }
            admin.createTopics(create).values().forEach((name, future) -> {
                try {
                    future.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + name, e.getCause());
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("Cannot create topic " + name, e);
                }
            });
            Map<ConfigResource, Collection<AlterConfigOp>> alter = new HashMap<>();
            for (TopicSpec t : topics) {
                alter.put(
                        new ConfigResource(ConfigResource.Type.TOPIC, t.name()),
                        t.config().entrySet().stream()
                                .map(e -> new AlterConfigOp(
                                        new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
                                .toList());
            }
            try {
                admin.incrementalAlterConfigs(alter).all().get(30, TimeUnit.SECONDS);
                awaitConfigured(admin, topics);
            } catch (Exception e) {
                throw new IllegalStateException("Cannot set the topics' configuration", e);
            }
        }
    }

    /**
     * Waits until the broker describes every topic with the configuration given: the controller has committed a change
     * when it answers, the broker applies it a moment later.
     */
    private static void awaitConfigured(Admin admin, Collection<TopicSpec> topics) throws Exception {
        List<ConfigResource> resources = topics.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t.name()))
                .toList();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            Map<ConfigResource, Config> described =
                    admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
            boolean applied = topics.stream()
                    .allMatch(t -> t.config().entrySet().stream().allMatch(e -> {
                        ConfigEntry entry = described
                                .get(new ConfigResource(ConfigResource.Type.TOPIC, t.name()))
                                .get(e.getKey());
                        return entry != null && e.getValue().equals(entry.value());
                    }));
            if (applied) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The broker did not apply the topics' configuration in 30 s");
            }
            sleep(50);
        }
    }

    static Admin admin(String bootstrapServers) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        return Admin.create(p);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stopBroker();
    }
}
