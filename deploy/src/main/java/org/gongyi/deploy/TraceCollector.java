package org.gongyi.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * A trace collector for the local run ({@code deploy/trace-collector.sh}): receives the services' spans over OTLP/HTTP
 * (protobuf, {@code POST /v1/traces}) and keeps the latest traces in memory, so one request or event can be followed
 * across the services without installing a tracing backend. {@code GET /traces} lists the recent traces,
 * {@code GET /traces/<trace id>} gives one as JSON, {@code ?format=text} as an indented tree.
 */
public final class TraceCollector implements AutoCloseable {

    /** One span as the collector keeps it. */
    public record SpanView(
            String traceId,
            String spanId,
            String parentSpanId,
            String service,
            String name,
            String kind,
            long startNanos,
            long endNanos,
            Map<String, String> attributes) {
        public double durationMs() {
            return (endNanos - startNanos) / 1e6;
        }
    }

    private static final int MAX_TRACES = 10_000;
    private static final HexFormat HEX = HexFormat.of();

    private final HttpServer server;
    private final Map<String, List<SpanView>> traces =
            Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, List<SpanView>> eldest) {
                    return size() > MAX_TRACES;
                }
            });
    private final ObjectMapper json = new ObjectMapper();

    public TraceCollector(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/", this::receive); // POST /v1/traces (or the endpoint as configured)
        server.createContext("/traces", this::show);
        server.start();
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 4318;
        TraceCollector collector = new TraceCollector(port);
        System.out.printf(
                "Collecting traces on http://127.0.0.1:%d (OTLP/HTTP). Start the platform with%n"
                        + "  GONGYI_OTLP_ENDPOINT=http://127.0.0.1:%d GONGYI_OTLP_PROTOCOL=http/protobuf deploy/run-local.sh%n"
                        + "then: curl http://127.0.0.1:%d/traces  ·  curl 'http://127.0.0.1:%d/traces/<trace id>?format=text'%n",
                port, port, port, port);
        Runtime.getRuntime().addShutdownHook(new Thread(collector::close));
        Thread.currentThread().join();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The spans of a trace, by start time (empty when none arrived). */
    public List<SpanView> trace(String traceId) {
        List<SpanView> spans = traces.get(traceId);
        if (spans == null) {
            return List.of();
        }
        synchronized (spans) {
            List<SpanView> sorted = new ArrayList<>(spans);
            sorted.sort(Comparator.comparingLong(SpanView::startNanos));
            return sorted;
        }
    }

    private void receive(HttpExchange ex) throws IOException {
        try (ex) {
            if (!"POST".equals(ex.getRequestMethod())) {
                ex.sendResponseHeaders(405, -1);
                return;
            }
            InputStream in = ex.getRequestBody();
            if ("gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding"))) {
                in = new GZIPInputStream(in);
            }
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(in.readAllBytes());
            for (ResourceSpans rs : request.getResourceSpansList()) {
                String service = rs.getResource().getAttributesList().stream()
                        .filter(a -> a.getKey().equals("service.name"))
                        .map(a -> a.getValue().getStringValue())
                        .findFirst()
                        .orElse("unknown");
                for (ScopeSpans ss : rs.getScopeSpansList()) {
                    for (Span s : ss.getSpansList()) {
                        Map<String, String> attributes = new LinkedHashMap<>();
                        for (KeyValue kv : s.getAttributesList()) {
                            attributes.put(kv.getKey(), text(kv.getValue()));
                        }
                        SpanView view = new SpanView(
                                hex(s.getTraceId()),
                                hex(s.getSpanId()),
                                hex(s.getParentSpanId()),
                                service,
                                s.getName(),
                                s.getKind().name().replace("SPAN_KIND_", ""),
                                s.getStartTimeUnixNano(),
                                s.getEndTimeUnixNano(),
                                attributes);
                        List<SpanView> spans = traces.computeIfAbsent(
                                view.traceId(), k -> Collections.synchronizedList(new ArrayList<>()));
                        spans.add(view);
                    }
                }
            }
            byte[] body = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            ex.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            ex.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                ex.getResponseBody().write(body);
            }
        }
    }

    private void show(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String id = path.length() > "/traces/".length() ? path.substring("/traces/".length()) : null;
            byte[] body;
            String type = "application/json";
            if (id == null) {
                List<Map<String, Object>> recent = new ArrayList<>();
                synchronized (traces) {
                    traces.forEach((traceId, spans) -> {
                        Map<String, Object> t = new LinkedHashMap<>();
                        t.put("traceId", traceId);
                        t.put("spans", spans.size());
                        recent.add(t);
                    });
                }
                Collections.reverse(recent);
                body = json.writeValueAsBytes(recent.subList(0, Math.min(100, recent.size())));
            } else if ("format=text".equals(ex.getRequestURI().getQuery())) {
                body = tree(trace(id)).getBytes(StandardCharsets.UTF_8);
                type = "text/plain; charset=utf-8";
            } else {
                body = json.writeValueAsBytes(trace(id));
            }
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
        }
    }

    /** The spans as an indented tree (children under their parent, by start time), with services and durations. */
    static String tree(List<SpanView> spans) {
        StringBuilder out = new StringBuilder();
        Map<String, List<SpanView>> children = new LinkedHashMap<>();
        Set<String> ids = new HashSet<>();
        spans.forEach(s -> ids.add(s.spanId()));
        for (SpanView s : spans) {
            String parent = ids.contains(s.parentSpanId()) ? s.parentSpanId() : "";
            children.computeIfAbsent(parent, k -> new ArrayList<>()).add(s);
        }
        print(children, "", 0, out);
        return out.toString();
    }

    private static void print(Map<String, List<SpanView>> children, String parent, int depth, StringBuilder out) {
        for (SpanView s : children.getOrDefault(parent, List.of())) {
            out.append("  ".repeat(depth))
                    .append(String.format("%-9s %-18s %s  %.1f ms%n", s.kind(), s.service(), s.name(), s.durationMs()));
            print(children, s.spanId(), depth + 1, out);
        }
    }

    private static String hex(ByteString bytes) {
        return bytes.isEmpty() ? "" : HEX.formatHex(bytes.toByteArray());
    }

    private static String text(AnyValue v) {
        return switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue();
            case INT_VALUE -> Long.toString(v.getIntValue());
            case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
            case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
            default -> v.toString();
        };
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
