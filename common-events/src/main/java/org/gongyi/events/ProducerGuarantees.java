package org.gongyi.events;

import io.quarkus.arc.Unremovable;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.util.Map;
import java.util.TreeMap;

/**
 * The delivery guarantees of every Kafka producer channel of the service, as the Kafka client resolves them from the
 * channel's configuration and its own defaults: nothing the platform publishes may be acknowledged by fewer than all
 * in-sync replicas or duplicated by the producer's own retries.
 */
@ApplicationScoped
@Unremovable // looked up by the services' contract tests and by operators' tooling, never injected
public class ProducerGuarantees {

    private final KafkaClientService kafka;

    public ProducerGuarantees(KafkaClientService kafka) {
        this.kafka = kafka;
    }

    /** Effective settings per producer channel. */
    public Map<String, Settings> effective() {
        Map<String, Settings> out = new TreeMap<>();
        for (String channel : kafka.getProducerChannels()) {
            ProducerConfig config =
                    new ProducerConfig(Map.copyOf(kafka.getProducer(channel).configuration()));
            out.put(
                    channel,
                    new Settings(
                            config.getString(ProducerConfig.ACKS_CONFIG),
                            config.getBoolean(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)));
        }
        return out;
    }

    public record Settings(String acks, boolean idempotent) {
        /** acks=all (-1) and idempotence on. */
        public boolean safe() {
            return ("all".equals(acks) || "-1".equals(acks)) && idempotent;
        }
    }
}
