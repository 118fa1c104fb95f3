package org.gongyi.events;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class TracesTest {

    static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void onlyAWellFormedVersion00TraceparentIsUsed() {
        assertEquals(TRACEPARENT, Traces.usable(TRACEPARENT));
        for (String bad : new String[] {
            null,
            "",
            "garbage",
            TRACEPARENT.toUpperCase(),
            "01" + TRACEPARENT.substring(2),
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            TRACEPARENT + "-extra"
        }) {
            assertNull(Traces.usable(bad), bad);
        }
    }

    @Test
    void aTraceparentIsTheParentOfTheNextSpanAndComesBackAsText() {
        SpanContext parent = Span.fromContext(Traces.parent(TRACEPARENT)).getSpanContext();
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", parent.getTraceId());
        assertEquals("00f067aa0ba902b7", parent.getSpanId());
        assertEquals(TRACEPARENT, Traces.of(parent));
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", Traces.traceId(TRACEPARENT));
        assertEquals(
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00",
                Traces.of(SpanContext.create(
                        "4bf92f3577b34da6a3ce929d0e0e4736",
                        "00f067aa0ba902b7",
                        TraceFlags.getDefault(),
                        TraceState.getDefault())));
    }

    @Test
    void noTraceparentStartsANewTrace() {
        assertFalse(Span.fromContext(Traces.parent(null)).getSpanContext().isValid());
        assertNull(Traces.of(SpanContext.getInvalid()));
        assertNull(Traces.current(), "no span outside a request or a consumer");
    }
}
