package org.gongyi.deploy;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import org.gongyi.infra.Ports;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The local trace collector takes OTLP/HTTP protobuf as the services' exporter sends it and shows the tree. */
class TraceCollectorTest {

    private static final HexFormat HEX = HexFormat.of();

    private static Span span(String trace, String id, String parent, String name, Span.SpanKind kind, long start) {
        return Span.newBuilder()
                .setTraceId(ByteString.copyFrom(HEX.parseHex(trace)))
                .setSpanId(ByteString.copyFrom(HEX.parseHex(id)))
                .setParentSpanId(parent == null ? ByteString.EMPTY : ByteString.copyFrom(HEX.parseHex(parent)))
                .setName(name)
                .setKind(kind)
                .setStartTimeUnixNano(start)
                .setEndTimeUnixNano(start + 2_000_000)
                .addAttributes(KeyValue.newBuilder()
                        .setKey("messaging.system")
                        .setValue(AnyValue.newBuilder().setStringValue("kafka")))
                .build();
    }

    private static ResourceSpans service(String name, Span... spans) {
        return ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder()
                        .addAttributes(KeyValue.newBuilder()
                                .setKey("service.name")
                                .setValue(AnyValue.newBuilder().setStringValue(name))))
                .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(List.of(spans)))
                .build();
    }

    @Test
    void receivesSpansOverOtlpHttpAndShowsATraceAsATree() throws Exception {
        String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(service(
                        "forest-service",
                        span(trace, "0000000000000001", null, "POST /trees", Span.SpanKind.SPAN_KIND_SERVER, 1_000),
                        span(
                                trace,
                                "0000000000000002",
                                "0000000000000001",
                                "forest.events publish",
                                Span.SpanKind.SPAN_KIND_PRODUCER,
                                2_000)))
                .addResourceSpans(service(
                        "volunteer-service",
                        span(
                                trace,
                                "0000000000000003",
                                "0000000000000002",
                                "forest.events process",
                                Span.SpanKind.SPAN_KIND_CONSUMER,
                                3_000)))
                .build();
        try (TraceCollector collector = new TraceCollector(Ports.free())) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<byte[]> posted = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + collector.port() + "/v1/traces"))
                            .header("Content-Type", "application/x-protobuf")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(request.toByteArray()))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, posted.statusCode());
            List<TraceCollector.SpanView> spans = collector.trace(trace);
            assertEquals(
                    List.of("forest-service", "forest-service", "volunteer-service"),
                    spans.stream().map(TraceCollector.SpanView::service).toList());
            assertEquals("0000000000000002", spans.get(2).parentSpanId());
            assertEquals("kafka", spans.get(2).attributes().get("messaging.system"));
            String text = http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + collector.port() + "/traces/"
                                            + trace + "?format=text"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            assertEquals("""
                    SERVER    forest-service     POST /trees  0.0 ms
                      PRODUCER  forest-service     forest.events publish  0.0 ms
                        CONSUMER  volunteer-service  forest.events process  0.0 ms
                    """.replace("0.0 ms", "2.0 ms"), text);
        }
    }
}
