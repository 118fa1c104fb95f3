package org.gongyi.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.gongyi.infra.EmbeddedKafka.TopicSpec;
import org.gongyi.infra.EmbeddedPostgresServer.ServiceAccount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedInfraTest {

    private static final TopicSpec HISTORY =
            new TopicSpec("test.history", 6, Map.of("retention.ms", "-1", "retention.bytes", "-1"));
    private static final TopicSpec POSITIONS = new TopicSpec(
            "test.positions",
            3,
            Map.of("retention.ms", String.valueOf(Duration.ofDays(30).toMillis())));

    @Test
    void kafkaCreatesTheTopicsItIsGivenWithTheirConfigurationAndKeepsDataAcrossRestart(@TempDir Path dir)
            throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0)) {
            EmbeddedKafka.createTopics(kafka.bootstrapServers(), (short) 1, List.of(HISTORY, POSITIONS));
            // idempotent; a topic that exists gets the configuration it is given now
            TopicSpec shorter = new TopicSpec(
                    POSITIONS.name(),
                    3,
                    Map.of("retention.ms", String.valueOf(Duration.ofDays(7).toMillis())));
            EmbeddedKafka.createTopics(kafka.bootstrapServers(), (short) 1, List.of(HISTORY, shorter));
            try (Admin admin = EmbeddedKafka.admin(kafka.bootstrapServers())) {
                Map<String, TopicDescription> topics = admin.describeTopics(List.of(HISTORY.name(), POSITIONS.name()))
                        .allTopicNames()
                        .get(10, TimeUnit.SECONDS);
                assertEquals(6, topics.get(HISTORY.name()).partitions().size());
                assertEquals(3, topics.get(POSITIONS.name()).partitions().size());
                assertEquals(
                        "-1", config(admin, HISTORY.name()).get("retention.ms").value());
                assertEquals(
                        "-1",
                        config(admin, HISTORY.name()).get("retention.bytes").value());
                assertEquals(
                        String.valueOf(Duration.ofDays(7).toMillis()),
                        config(admin, POSITIONS.name()).get("retention.ms").value());
                // the broker itself creates nothing
                assertEquals(
                        Set.of(HISTORY.name(), POSITIONS.name()),
                        admin.listTopics().names().get(10, TimeUnit.SECONDS));
            }
        }
        try (EmbeddedKafka again = EmbeddedKafka.start(dir, 0);
                Admin admin = EmbeddedKafka.admin(again.bootstrapServers())) {
            Set<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            assertTrue(names.contains(HISTORY.name()), names.toString());
        }
    }

    private static Config config(Admin admin, String topic) throws Exception {
        var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource))
                .all()
                .get(10, TimeUnit.SECONDS)
                .get(resource);
    }

    @Test
    void postgresGivesEachServiceItsOwnRoleAndSchema(@TempDir Path dir) throws SQLException {
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir.resolve("pg"), 0, true)) {
            pg.provision(List.of(new ServiceAccount("donation", "d-secret"), new ServiceAccount("forest", "f-secret")));
            pg.provision(List.of(new ServiceAccount("donation", "d-secret"))); // idempotent
            String url = "jdbc:postgresql://" + pg.hostPortDatabase();
            try (Connection c = DriverManager.getConnection(url, "donation", "d-secret");
                    Statement s = c.createStatement()) {
                s.execute("create table t (x int)");
                try (ResultSet rs =
                        s.executeQuery("select table_schema from information_schema.tables where table_name = 't'")) {
                    rs.next();
                    assertEquals("donation", rs.getString(1));
                }
            }
            try (Connection c = DriverManager.getConnection(url, "forest", "f-secret");
                    Statement s = c.createStatement()) {
                assertThrows(SQLException.class, () -> s.executeQuery("select * from donation.t"));
            }
        }
    }
}
