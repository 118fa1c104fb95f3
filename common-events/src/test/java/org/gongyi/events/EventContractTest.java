package org.gongyi.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gongyi.events.contract.EventData;
import org.gongyi.events.contract.PurchaseCompleted;
import org.gongyi.events.contract.TreePlanted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventContractTest {

    private final EventCodec codec = EventCodec.get();

    private static String sample(EventType type) throws IOException {
        try (InputStream in = EventContractTest.class.getResourceAsStream("/samples/" + type.ceType() + ".json")) {
            if (in == null) {
                throw new AssertionError("No sample for " + type.ceType());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void sampleValidatesAgainstItsSchema(EventType type) throws IOException {
        JsonNode json = codec.mapper().readTree(sample(type));
        assertEquals(List.of(), codec.validate(type, json));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void recordRoundTripsThroughJson(EventType type) throws IOException {
        EventData data = codec.decode(type, sample(type));
        assertTrue(type.dataClass().isInstance(data));
        String json = codec.toJson(data);
        assertEquals(data, codec.decode(type, json));
        // what the record writes is itself valid against the schema, and carries every sample field
        assertEquals(List.of(), codec.validate(type, codec.mapper().readTree(json)));
        assertEquals(codec.mapper().readTree(sample(type)), codec.mapper().readTree(json));
        assertEquals(type, EventType.of(data));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void unknownExtraFieldIsTolerated(EventType type) throws IOException {
        ObjectNode json = (ObjectNode) codec.mapper().readTree(sample(type));
        json.put("addedInALaterVersion", "anything");
        assertEquals(List.of(), codec.validate(type, json));
        assertEquals(codec.decode(type, sample(type)), codec.decode(type, json.toString()));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void missingRequiredFieldIsRejected(EventType type) throws IOException {
        ObjectNode json = (ObjectNode) codec.mapper().readTree(sample(type));
        String firstRequired = json.fieldNames().next();
        json.remove(firstRequired);
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> codec.decode(type, json.toString()));
        assertTrue(e.getMessage().contains(firstRequired), e.getMessage());
    }

    @Test
    void aTreePlantedBeforeSharedWithExistedStillReads() throws IOException {
        ObjectNode json = (ObjectNode) codec.mapper().readTree(sample(EventType.TREE_PLANTED));
        json.remove("sharedWith");
        TreePlanted old = (TreePlanted) codec.decode(EventType.TREE_PLANTED, json.toString());
        assertEquals(null, old.sharedWith());
        assertEquals(17900, old.energyGrams());
    }

    @Test
    void everySchemaAndSampleExistsAndEveryTopicIsCatalogued() {
        for (EventType type : EventType.values()) {
            assertTrue(EventCodec.class.getResource(type.schemaResource()) != null, type.schemaResource());
            assertEquals(type.topic(), Topic.byName(type.topic().topicName()));
        }
    }

    @Test
    void wrongTypesAndBadValuesAreRejected() {
        String notJson = "{orderId: oops";
        assertTrue(assertThrows(InvalidEventException.class, () -> codec.decode(EventType.PURCHASE_COMPLETED, notJson))
                .getMessage()
                .startsWith("not JSON"));
        String negative = """
                {"orderId":"o","buyerId":"b","sellerId":"s","province":"P","completedAt":"2018-11-11T00:00:00Z",
                 "lines":[{"itemId":"i","quantity":1,"paidFen":-5}]}""";
        assertThrows(InvalidEventException.class, () -> codec.decode(EventType.PURCHASE_COMPLETED, negative));
        String badTime = """
                {"orderId":"o","buyerId":"b","sellerId":"s","province":"P","completedAt":"yesterday",
                 "lines":[{"itemId":"i","quantity":1,"paidFen":5}]}""";
        assertThrows(InvalidEventException.class, () -> codec.decode(EventType.PURCHASE_COMPLETED, badTime));
        String stringMoney = """
                {"orderId":"o","buyerId":"b","sellerId":"s","province":"P","completedAt":"2018-11-11T00:00:00Z",
                 "lines":[{"itemId":"i","quantity":1,"paidFen":"5"}]}""";
        assertThrows(InvalidEventException.class, () -> codec.decode(EventType.PURCHASE_COMPLETED, stringMoney));
        assertThrows(InvalidEventException.class, () -> codec.decode(EventType.PURCHASE_COMPLETED, "null"));
    }

    @Test
    void decodesCloudEventHeadersInBinaryMode() throws IOException {
        UUID id = UUID.randomUUID();
        Map<String, String> headers = new HashMap<>(Map.of(
                CloudEventHeaders.SPEC_VERSION, "1.0",
                CloudEventHeaders.ID, id.toString(),
                CloudEventHeaders.SOURCE, "commerce",
                CloudEventHeaders.TYPE, "commerce.purchase-completed",
                CloudEventHeaders.TIME, "2018-11-11T00:05:00Z"));
        EventEnvelope e = codec.decodeRecord(headers::get, "o-20181111-000001", sample(EventType.PURCHASE_COMPLETED));
        assertEquals(id, e.id());
        assertEquals(EventType.PURCHASE_COMPLETED, e.type());
        assertEquals(Instant.parse("2018-11-11T00:05:00Z"), e.time());
        assertEquals("o-20181111-000001", e.subject());
        PurchaseCompleted p = e.dataAs(PurchaseCompleted.class);
        assertEquals(19900, p.lines().get(0).paidFen());
        assertNull(e.causationId(), "an event from a command names no cause");

        UUID cause = UUID.randomUUID();
        headers.put(CloudEventHeaders.CAUSATION_ID, cause.toString());
        assertEquals(
                cause,
                codec.decodeRecord(headers::get, "k", sample(EventType.PURCHASE_COMPLETED))
                        .causationId());
        headers.put(CloudEventHeaders.CAUSATION_ID, "not-a-uuid");
        assertThrows(
                InvalidEventException.class,
                () -> codec.decodeRecord(headers::get, "k", sample(EventType.PURCHASE_COMPLETED)));
        headers.remove(CloudEventHeaders.CAUSATION_ID);

        headers.put(CloudEventHeaders.TYPE, "commerce.something-new");
        assertNull(
                codec.decodeRecord(headers::get, "k", "{}"),
                "the codec does not know the type (the inbox dead-letters it)");

        headers.put(CloudEventHeaders.TYPE, "commerce.purchase-completed");
        headers.remove(CloudEventHeaders.ID);
        assertThrows(InvalidEventException.class, () -> codec.decodeRecord(headers::get, "k", "{}"));
        headers.put(CloudEventHeaders.ID, "not-a-uuid");
        assertThrows(InvalidEventException.class, () -> codec.decodeRecord(headers::get, "k", "{}"));
    }

    @Test
    void envelopeTakesKeyAndSubjectFromData() throws IOException {
        EventData data = codec.decode(EventType.DONATION_RECORDED, sample(EventType.DONATION_RECORDED));
        EventEnvelope e = EventEnvelope.of("donation-service", data, Instant.now());
        assertEquals("buyer-42", e.key());
        assertEquals("d-1", e.subject());
        assertEquals(Topic.DONATION_EVENTS, e.type().topic());
        assertFalse(e.id().toString().isEmpty());
    }
}
