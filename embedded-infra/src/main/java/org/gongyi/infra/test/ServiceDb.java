package org.gongyi.infra.test;

import io.restassured.response.ValidatableResponse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

/** Tests read the service's own tables (as the service's role) to assert real outcomes. */
public final class ServiceDb {
    private ServiceDb() {}

    /** Rows of a query; a {@code String[]} parameter binds as a text array. */
    public static List<List<Object>> query(String sql, Object... params) throws SQLException {
        try (Connection c = EmbeddedTestInfrastructure.serviceConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] instanceof String[] array) {
                    ps.setArray(i + 1, c.createArrayOf("text", array));
                } else {
                    ps.setObject(i + 1, params[i]);
                }
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.add(rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    /** The first column of the first row as a number (null as 0). */
    public static long count(String sql, Object... params) throws SQLException {
        Object v = query(sql, params).get(0).get(0);
        return v == null ? 0 : ((Number) v).longValue();
    }

    /** The first column of every row as text. */
    public static List<String> strings(String sql, Object... params) throws SQLException {
        return query(sql, params).stream().map(r -> String.valueOf(r.get(0))).toList();
    }

    /**
     * Waits until the service has processed (or ignored as a duplicate) every event id, or fails after 60 s: its
     * processed-event record, or, for a consumer guarded by natural keys, its partition's next offset past it (for
     * events {@link KafkaTestClient} sent).
     */
    public static void awaitProcessed(Collection<String> eventIds) {
        Set<String> ids = new HashSet<>(eventIds);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try {
            while (processed(ids) < ids.size()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("events not processed within 60 s: " + ids);
                }
                Thread.sleep(100);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long processed(Set<String> ids) throws SQLException {
        long processed = 0;
        for (String id : ids) {
            var sent = KafkaTestClient.sent(id);
            boolean done = count("select count(*) from inbox_processed where cast(event_id as text) = ?", id) > 0
                    || sent.isPresent()
                            && count(
                                            "select count(*) from inbox_offset where topic = ? and partition = ? "
                                                    + "and next_offset > ?",
                                            sent.get().topic(),
                                            sent.get().partition(),
                                            sent.get().offset())
                                    > 0;
            processed += done ? 1 : 0;
        }
        return processed;
    }

    /** The outgoing events for a {@link #snapshot}: the outbox's events without its row ids and write times. */
    public static final String OUTGOING_EVENTS = """
            (select event_id, topic, partition_key, ce_type, ce_source, ce_subject, ce_time, payload from outbox_event)""";

    /** A fingerprint of the tables' contents: equal before and after a rejected request means nothing changed. */
    public static String snapshot(String... tables) throws SQLException {
        StringBuilder b = new StringBuilder();
        try (Connection c = EmbeddedTestInfrastructure.serviceConnection();
                Statement s = c.createStatement()) {
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("select count(*), md5(coalesce(string_agg(t::text, '|' order by "
                        + "t::text), '')) from " + table + " t")) {
                    rs.next();
                    b.append(table)
                            .append('=')
                            .append(rs.getLong(1))
                            .append(':')
                            .append(rs.getString(2))
                            .append(' ');
                }
            }
        }
        return b.toString();
    }

    /** A 4xx problem+json that gives nothing of the server away (no exception, stack trace or SQL). */
    public static ValidatableResponse rejected(ValidatableResponse r) {
        return r.statusCode(allOf(greaterThanOrEqualTo(400), lessThan(500)))
                .contentType("application/problem+json")
                .body("title", not(emptyOrNullString()))
                .body(not(containsString("Exception")))
                .body(not(containsString("at org.")))
                .body(not(containsString("SQL")));
    }
}
