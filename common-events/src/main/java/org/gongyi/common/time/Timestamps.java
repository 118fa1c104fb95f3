package org.gongyi.common.time;

import com.ethlo.time.ITU;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * RFC 3339 timestamps read the way events carry them. {@link Instant#parse} goes through the general formatter, whose
 * JIT compilation alone took 2 s of a core in the first audit replay after a start; ITU (the parser the JSON Schema
 * validator checks {@code date-time} with) reads the same text directly. Whatever it refuses is left to
 * {@link Instant#parse}, so a leap second is read as before and bad text fails as before.
 */
public final class Timestamps {

    private Timestamps() {}

    /** The instant {@code text} names; {@link DateTimeParseException} when it names none. */
    public static Instant parse(String text) {
        Instant read = itu(text);
        return read != null ? read : Instant.parse(text);
    }

    /** What ITU reads {@code text} as; null when it reads nothing. */
    private static Instant itu(String text) {
        try {
            return ITU.parseDateTime(text).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Jackson reads {@link Instant} strings with {@link #parse}, anything else as the JavaTimeModule does. */
    public static SimpleModule jacksonModule() {
        return new SimpleModule("gongyi-timestamps").addDeserializer(Instant.class, new InstantReader());
    }

    private static final class InstantReader extends StdScalarDeserializer<Instant> {

        InstantReader() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Instant read = p.hasToken(JsonToken.VALUE_STRING) ? itu(p.getText().trim()) : null;
            // anything else: the module's own reading and errors
            return read != null ? read : InstantDeserializer.INSTANT.deserialize(p, ctxt);
        }
    }
}
