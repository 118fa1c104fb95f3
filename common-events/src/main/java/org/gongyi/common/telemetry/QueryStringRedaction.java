package org.gongyi.common.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * No query string leaves a service in a span: a query can hold a place ({@code /alerts?lat=…&lon=…}), a code or a
 * token. The HTTP instrumentation records it as it starts a span; this processor (a CDI bean, so Quarkus adds it to the
 * tracer) overwrites it at once: {@code url.query} becomes {@value #REDACTED}, full URLs and targets lose theirs.
 */
@Singleton
public class QueryStringRedaction implements SpanProcessor {

    public static final String REDACTED = "[redacted]";
    private static final AttributeKey<String> QUERY = AttributeKey.stringKey("url.query");
    /** Attributes that may carry a whole URL or target, query included (current and older conventions). */
    private static final List<AttributeKey<String>> WITH_QUERY = List.of(
            AttributeKey.stringKey("url.full"),
            AttributeKey.stringKey("http.url"),
            AttributeKey.stringKey("http.target"));

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        if (span.getAttribute(QUERY) != null) {
            span.setAttribute(QUERY, REDACTED);
        }
        for (AttributeKey<String> key : WITH_QUERY) {
            String value = span.getAttribute(key);
            int query = value == null ? -1 : value.indexOf('?');
            if (query >= 0) {
                span.setAttribute(key, value.substring(0, query) + "?" + REDACTED);
            }
        }
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {}

    @Override
    public boolean isEndRequired() {
        return false;
    }
}
