package org.gongyi.events.inbox;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Sends a record that can never be processed to the service's dead-letter topic, unchanged, with the reason in
 * headers named as the Kafka connector's own dead-letter strategy names them. Used by batch consumers, which
 * cannot nack one record of a batch.
 */
@ApplicationScoped
public class DeadLetters {

    private final MutinyEmitter<String> emitter;
    private final Optional<String> topic;

    public DeadLetters(
            @Channel("gongyi-dead-letters") MutinyEmitter<String> emitter,
            @ConfigProperty(name = "gongyi.inbox.dead-letter-topic") Optional<String> topic) {
        this.emitter = emitter;
        this.topic = topic;
    }

    /** Completes once the broker acknowledged the dead letter. */
    public Uni<Void> send(ConsumerRecord<String, String> record, Throwable reason) {
        String target = topic.orElseThrow(() -> new IllegalStateException("gongyi.inbox.dead-letter-topic is not set"));
        RecordHeaders headers = new RecordHeaders();
        for (Header h : record.headers()) {
            headers.add(h);
        }
        add(headers, "dead-letter-reason", String.valueOf(reason.getMessage()));
        add(headers, "dead-letter-cause", reason.getClass().getName());
        add(headers, "dead-letter-topic", record.topic());
        add(headers, "dead-letter-partition", String.valueOf(record.partition()));
        add(headers, "dead-letter-offset", String.valueOf(record.offset()));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(target)
                .withKey(record.key())
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(record.value()).addMetadata(metadata));
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
