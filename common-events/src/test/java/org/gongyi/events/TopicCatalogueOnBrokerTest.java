package org.gongyi.events;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.gongyi.events.testapp.PlumbingInfrastructure;
import org.gongyi.infra.EmbeddedKafka;
import org.gongyi.infra.EmbeddedKafka.TopicSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The topic catalogue on a real broker, created as the launcher and the tests create it: each topic with its
 * partitions, its full history kept (positions, push batches and dead letters for the time the platform promises),
 * never by size, never compacted.
 */
class TopicCatalogueOnBrokerTest {

    @Test
    void everyCataloguedTopicIsCreatedWithItsPartitionsAndRetention(@TempDir Path dir) throws Exception {
        List<TopicSpec> catalogue = PlumbingInfrastructure.catalogue();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0);
                Admin admin =
                        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            EmbeddedKafka.createTopics(kafka.bootstrapServers(), (short) 1, catalogue);
            List<String> names =
                    Arrays.stream(Topic.values()).map(Topic::topicName).toList();
            Map<String, TopicDescription> topics =
                    admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            List<ConfigResource> resources = names.stream()
                    .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n))
                    .toList();
            Map<ConfigResource, Config> configs =
                    admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
            for (Topic t : Topic.values()) {
                assertEquals(
                        t.partitions(), topics.get(t.topicName()).partitions().size(), t.topicName());
                Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, t.topicName()));
                assertEquals(
                        t.retention().map(r -> String.valueOf(r.toMillis())).orElse("-1"),
                        config.get("retention.ms").value(),
                        t.topicName());
                assertEquals("-1", config.get("retention.bytes").value(), t.topicName());
                assertEquals("delete", config.get("cleanup.policy").value(), t.topicName());
            }
        }
    }
}
