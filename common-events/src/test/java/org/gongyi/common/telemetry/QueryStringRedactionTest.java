package org.gongyi.common.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

class QueryStringRedactionTest {

    private final List<SpanData> exported = new CopyOnWriteArrayList<>();

    private SpanData span(String name, String... attributes) {
        SpanExporter collect = new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                exported.addAll(spans);
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
        try (SdkTracerProvider tracing = SdkTracerProvider.builder()
                .addSpanProcessor(new QueryStringRedaction())
                .addSpanProcessor(SimpleSpanProcessor.create(collect))
                .build()) {
            var builder = tracing.get("test").spanBuilder(name);
            for (int i = 0; i < attributes.length; i += 2) {
                builder.setAttribute(attributes[i], attributes[i + 1]);
            }
            builder.startSpan().end();
        }
        return exported.get(exported.size() - 1);
    }

    @Test
    void aServerSpanOfAlertsNearAPointKeepsItsPathNotItsCoordinates() {
        SpanData s = span("GET /alerts", "url.path", "/alerts", "url.query", "lat=22.543217&lon=114.057868");
        assertEquals("/alerts", s.getAttributes().get(AttributeKey.stringKey("url.path")));
        assertEquals("[redacted]", s.getAttributes().get(AttributeKey.stringKey("url.query")));
        assertEquals(2, s.getAttributes().size());
    }

    @Test
    void fullUrlsAndTargetsLoseTheirQueries() {
        SpanData s = span(
                "GET",
                "url.full",
                "http://reunion:8083/alerts?lat=22.5&lon=114.0",
                "http.target",
                "/alerts?lat=22.5&lon=114.0",
                "http.url",
                "http://x/y");
        assertEquals(
                "http://reunion:8083/alerts?[redacted]", s.getAttributes().get(AttributeKey.stringKey("url.full")));
        assertEquals("/alerts?[redacted]", s.getAttributes().get(AttributeKey.stringKey("http.target")));
        assertEquals("http://x/y", s.getAttributes().get(AttributeKey.stringKey("http.url")));
    }
}
