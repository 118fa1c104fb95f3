package org.gongyi.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.gongyi.common.http.RequestIds;
import org.gongyi.common.time.Timestamps;
import org.gongyi.events.contract.EventData;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * JSON encoding of event data and validation against each type's JSON Schema. Thread-safe; one per JVM is enough.
 * Unknown fields are tolerated (consumers must accept fields added by newer producers).
 */
public final class EventCodec {

    private static final EventCodec INSTANCE = new EventCodec();

    private final ObjectMapper mapper;
    private final Map<EventType, JsonSchema> schemas = new EnumMap<>(EventType.class);

    private EventCodec() {
        mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(Timestamps.jacksonModule())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
                .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config =
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        for (EventType type : EventType.values()) {
            try (InputStream in = EventCodec.class.getResourceAsStream(type.schemaResource())) {
                if (in == null) {
                    throw new IllegalStateException("Missing schema " + type.schemaResource());
                }
                schemas.put(type, factory.getSchema(in, config));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static EventCodec get() {
        return INSTANCE;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public String toJson(EventData data) {
        try {
            return mapper.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "Cannot encode " + data.getClass().getSimpleName(), e);
        }
    }

    /** Schema violations of {@code json} for {@code type}; empty when valid. */
    public List<String> validate(EventType type, JsonNode json) {
        Set<ValidationMessage> errors = schemas.get(type).validate(json);
        return errors.stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** Parses and validates event data; throws {@link InvalidEventException} naming what is wrong. */
    public EventData decode(EventType type, String json) {
        JsonNode node;
        try {
            node = json == null ? null : mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not JSON: " + e.getOriginalMessage());
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw new InvalidEventException("empty event data");
        }
        List<String> errors = validate(type, node);
        if (!errors.isEmpty()) {
            throw new InvalidEventException(
                    "does not match schema " + type.ceType() + ": " + String.join("; ", errors));
        }
        try {
            return mapper.treeToValue(node, type.dataClass());
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("cannot read " + type.ceType() + ": " + e.getOriginalMessage());
        }
    }

    /**
     * Builds an envelope from a Kafka record's headers (looked up by {@code header}) and value.
     * Returns {@code null} for a well-formed CloudEvent of a type this platform does not know (ignored by consumers).
     */
    public EventEnvelope decodeRecord(Function<String, String> header, String key, String value) {
        String specVersion = header.apply(CloudEventHeaders.SPEC_VERSION);
        if (specVersion != null && !CloudEventHeaders.SPEC_VERSION_VALUE.equals(specVersion)) {
            throw new InvalidEventException("unsupported CloudEvents specversion " + specVersion);
        }
        String ceType = required(header, CloudEventHeaders.TYPE);
        String ceId = required(header, CloudEventHeaders.ID);
        String source = required(header, CloudEventHeaders.SOURCE);
        UUID id;
        try {
            id = UUID.fromString(ceId);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("ce_id is not a UUID: " + ceId);
        }
        Instant time;
        String ceTime = header.apply(CloudEventHeaders.TIME);
        try {
            time = ceTime == null ? null : Timestamps.parse(ceTime);
        } catch (DateTimeParseException e) {
            throw new InvalidEventException("ce_time is not an RFC 3339 timestamp: " + ceTime);
        }
        var type = EventType.fromCeType(ceType);
        if (type.isEmpty()) {
            return null;
        }
        String cause = header.apply(CloudEventHeaders.CAUSATION_ID);
        UUID causationId;
        try {
            causationId = cause == null ? null : UUID.fromString(cause);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("ce_causationid is not a UUID: " + cause);
        }
        EventData data = decode(type.get(), value);
        String subject = header.apply(CloudEventHeaders.SUBJECT);
        return new EventEnvelope(
                id,
                source,
                type.get(),
                time,
                subject != null ? subject : data.subject(),
                key != null ? key : data.partitionKey(),
                data,
                causationId,
                RequestIds.usable(header.apply(CloudEventHeaders.REQUEST_ID)),
                Traces.usable(header.apply(CloudEventHeaders.TRACEPARENT)));
    }

    private static String required(Function<String, String> header, String name) {
        String v = header.apply(name);
        if (v == null || v.isBlank()) {
            throw new InvalidEventException("missing CloudEvents header " + name);
        }
        return v;
    }
}
