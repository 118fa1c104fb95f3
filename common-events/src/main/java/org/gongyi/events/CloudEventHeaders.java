package org.gongyi.events;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;

/** CloudEvents 1.0 Kafka protocol binding, binary content mode: attributes travel as {@code ce_} headers. */
public final class CloudEventHeaders {
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";
    /**
     * Extension attribute {@code causationid}: the {@code ce_id} of the event whose processing emitted this one
     * (absent for events a command emitted). Auditors follow it from an effect back to its cause.
     */
    public static final String CAUSATION_ID = "ce_causationid";
    /**
     * Extension attribute {@code requestid}: the {@code X-Request-Id} of the HTTP request that led to this event,
     * directly or through the events it caused (absent when none did).
     */
    public static final String REQUEST_ID = "ce_requestid";
    /** W3C trace context of the span that published the event (not a CloudEvents attribute). */
    public static final String TRACEPARENT = "traceparent";

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {}

    /** The last header called {@code name} as UTF-8 text; null when absent. */
    public static String text(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
