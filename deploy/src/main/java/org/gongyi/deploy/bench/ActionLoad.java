package org.gongyi.deploy.bench;

import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Instant;

/** Low-carbon action events as partner apps report them (benchmarks). */
public final class ActionLoad {

    /** Rides per user and day in the benchmarks: the rule table credits five and caps the sixth. */
    public static final int RIDES_PER_USER = 6;
    /** Energy of a credited metro ride under the default rule table. */
    public static final long GRAMS_PER_RIDE = 52;

    private ActionLoad() {}

    /** One metro ride of {@code user} at {@code at}, keyed by user, as a partner app reports it. */
    public static ProducerRecord<String, String> ride(String user, String sourceRef, Instant at) {
        String json = "{\"userId\":\"" + user + "\",\"actionType\":\"METRO_RIDE\",\"quantity\":1,\"occurredAt\":\"" + at
                + "\",\"sourceRef\":\"" + sourceRef + "\"}";
        return PurchaseLoad.cloudEvent("lowcarbon.actions", user, json, "lowcarbon.action-recorded", "bench");
    }
}
