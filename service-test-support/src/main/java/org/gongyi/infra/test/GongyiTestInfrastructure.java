package org.gongyi.infra.test;

import org.gongyi.events.Topic;
import org.gongyi.infra.EmbeddedKafka.TopicSpec;

import java.util.Arrays;
import java.util.Collection;

/**
 * Test resource for a service's {@code @QuarkusTest}s: a real PostgreSQL server and a real Kafka broker
 * ({@link EmbeddedTestInfrastructure}) with every topic of the platform's catalogue ({@link Topic}), each with its
 * partitions and retention. Argument {@code service}: the role/schema name, e.g. {@code donation}.
 */
public class GongyiTestInfrastructure extends EmbeddedTestInfrastructure {

    @Override
    protected Collection<TopicSpec> topics() {
        return catalogue();
    }

    /** Every topic of the catalogue, as the broker is to create it. */
    public static Collection<TopicSpec> catalogue() {
        return Arrays.stream(Topic.values())
                .map(t -> new TopicSpec(t.topicName(), t.partitions(), t.config()))
                .toList();
    }
}
