package org.gongyi.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.gongyi.events.Topic;
import org.gongyi.infra.EmbeddedPostgresServer.ServiceAccount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedInfraTest {

    @Test
    void kafkaCreatesCataloguedTopicsWithTheirRetentionAndKeepsDataAcrossRestart(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0)) {
            EmbeddedKafka.createTopics(kafka.bootstrapServers(), (short) 1);
            EmbeddedKafka.createTopics(kafka.bootstrapServers(), (short) 1); // idempotent
            try (Admin admin = EmbeddedKafka.admin(kafka.bootstrapServers())) {
                Map<String, TopicDescription> topics = admin.describeTopics(List.of(Topic.COMMERCE_ORDERS.topicName()))
                        .allTopicNames()
                        .get(10, TimeUnit.SECONDS);
                assertEquals(
                        Topic.COMMERCE_ORDERS.partitions(),
                        topics.get(Topic.COMMERCE_ORDERS.topicName())
                                .partitions()
                                .size());
                // every catalogued topic keeps its full history (positions, push batches and dead letters for the
                // time the platform promises), never compacted
                for (Topic t : Topic.values()) {
                    var resource = new ConfigResource(ConfigResource.Type.TOPIC, t.topicName());
                    var config = admin.describeConfigs(List.of(resource))
                            .all()
                            .get(10, TimeUnit.SECONDS)
                            .get(resource);
                    assertEquals(
                            t.retention().map(r -> String.valueOf(r.toMillis())).orElse("-1"),
                            config.get("retention.ms").value(),
                            t.topicName());
                    assertEquals("-1", config.get("retention.bytes").value(), t.topicName());
                    assertEquals("delete", config.get("cleanup.policy").value(), t.topicName());
                }
            }
        }
        try (EmbeddedKafka again = EmbeddedKafka.start(dir, 0);
                Admin admin = EmbeddedKafka.admin(again.bootstrapServers())) {
            Set<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            assertTrue(names.contains(Topic.FOREST_EVENTS.topicName()), names.toString());
        }
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
