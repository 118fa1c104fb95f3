package org.gongyi.common.http;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * Parses text query parameters with a 400 that says what was wrong (JAX-RS answers a query parameter it cannot convert
 * with 404, which tells the client nothing).
 */
public final class Params {
    private Params() {}

    /** The enum constant named {@code value} (null when absent); 400 naming the allowed values otherwise. */
    public static <E extends Enum<E>> E enumValue(Class<E> type, String param, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(param + " must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** An ISO instant (2026-11-29T08:00:00Z), null when absent; 400 otherwise. */
    public static Instant instant(String param, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(param + " must be a time like 2026-11-29T08:00:00Z");
        }
    }

    /** An ISO date (2026-11-29), null when absent; 400 otherwise. */
    public static LocalDate date(String param, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(param + " must be a date like 2026-11-29");
        }
    }
}
