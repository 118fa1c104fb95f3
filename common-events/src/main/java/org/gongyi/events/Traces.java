package org.gongyi.events;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

import java.util.List;
import java.util.regex.Pattern;

/**
 * W3C trace context as text ({@code traceparent}: {@code 00-<trace id>-<span id>-<flags>}), the form it takes in the
 * outbox and in Kafka headers, so one trace follows a request or an event across services.
 */
public final class Traces {

    private static final Pattern TRACEPARENT =
            Pattern.compile("00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}");

    private static final TextMapGetter<String> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(CloudEventHeaders.TRACEPARENT);
        }

        @Override
        public String get(String carrier, String key) {
            return CloudEventHeaders.TRACEPARENT.equals(key) ? carrier : null;
        }
    };

    private Traces() {}

    /** {@code value} when it is a valid version-00 traceparent, else null (a bad one starts a new trace). */
    public static String usable(String value) {
        return value != null && TRACEPARENT.matcher(value).matches() ? value : null;
    }

    /** The traceparent of {@code span}, or null when it has no valid context. */
    public static String of(SpanContext span) {
        return span.isValid()
                ? "00-" + span.getTraceId() + "-" + span.getSpanId() + "-"
                        + span.getTraceFlags().asHex()
                : null;
    }

    /** The traceparent of the current span (an HTTP request's, a consumer's), or null. */
    public static String current() {
        return of(Span.current().getSpanContext());
    }

    /** A parent context for a new span: the one {@code traceparent} names, or none (a new trace). */
    public static Context parent(String traceparent) {
        return traceparent == null
                ? Context.root()
                : W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, GETTER);
    }

    /** The trace id of a traceparent. */
    public static String traceId(String traceparent) {
        return traceparent.substring(3, 35);
    }
}
