package org.gongyi.events.outbox;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

@ConfigMapping(prefix = "gongyi.outbox.relay")
public interface OutboxRelayConfig {
    /** Set false in a pure unit test that has no broker. */
    boolean enabled();

    int batchSize();

    /**
     * At most so many bytes of payload a pass (the row that crosses it included): a pass holds its rows twice (as read,
     * then as records for Kafka), and a reunion push writes batches of 500 recipients (~50 KB each).
     */
    int batchBytes();

    /** Fallback poll when no NOTIFY arrives. */
    Duration pollInterval();

    /** Upper bound of the exponential backoff while Kafka or the database is unreachable. */
    Duration maxBackoff();

    /** How long one batch may wait for the broker's acknowledgements. */
    Duration sendTimeout();
}
