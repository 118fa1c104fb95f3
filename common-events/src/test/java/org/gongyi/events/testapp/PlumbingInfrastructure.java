package org.gongyi.events.testapp;

import org.gongyi.events.Topic;
import org.gongyi.infra.EmbeddedKafka.TopicSpec;
import org.gongyi.infra.test.EmbeddedTestInfrastructure;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** The real broker (every topic of the catalogue) and database for common-events' own tests; schema {@code plumbing}. */
public class PlumbingInfrastructure extends EmbeddedTestInfrastructure {

    @Override
    protected Collection<TopicSpec> topics() {
        return catalogue();
    }

    /** Every topic of the catalogue, as the broker is asked to create it. */
    public static List<TopicSpec> catalogue() {
        return Arrays.stream(Topic.values())
                .map(t -> new TopicSpec(t.topicName(), t.partitions(), t.config()))
                .toList();
    }
}
