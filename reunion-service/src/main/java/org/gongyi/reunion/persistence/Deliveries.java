package org.gongyi.reunion.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;
import org.gongyi.events.EventCodec;
import org.gongyi.events.contract.NotificationBatch.Recipient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Who an alert reaches: a delivery row per case and device, written once (so no device is notified twice), and the
 * recipients of each push in batches put together by PostgreSQL (one JSON array per batch, not a row per device).
 */
@ApplicationScoped
public class Deliveries {

    public static final int BATCH = 500;

    private static final TypeReference<List<Recipient>> RECIPIENTS = new TypeReference<>() {};

    /**
     * Records a delivery to every device within {@code $4} m of the case's place that has none yet ({@code $2} km
     * reached at {@code $3}); the devices in reach are read once and kept, the recipients are the new deliveries.
     */
    private static final String REACH_NEW_DEVICES = inBatches("""
            with inside as materialized (
                     select d.id, d.platform, d.push_token
                     from device d, missing_case m
                     where m.id = $1 and earth_box(m.pos, $4) @> d.pos and earth_distance(m.pos, d.pos) <= $4),
                 reached as (
                     insert into alert_delivery (case_id, device_id, radius_km, delivered_at)
                     select $1, id, cast($2 as int), cast($3 as timestamptz) from inside
                     on conflict do nothing
                     returning device_id),
                 recipients as (
                     select i.id, i.platform, i.push_token from reached r join inside i on i.id = r.device_id)
            """);
    /** Marks the case's closure told to every device its alert reached (once); they are the recipients. */
    private static final String TELL_CLOSURE = inBatches("""
            with told as (
                     update alert_delivery set closure_delivered_at = $2
                     where case_id = $1 and closure_delivered_at is null
                     returning device_id),
                 recipients as (
                     select d.id, d.platform, d.push_token from told t join device d on d.id = t.device_id)
            """);

    private final Db db;

    /** After CTEs that end in {@code recipients (id, platform, push_token)}: them, {@value #BATCH} to a JSON array. */
    private static String inBatches(String ctes) {
        return ctes + """
                select cast(json_agg(json_build_object('deviceId', cast(id as text), 'platform', platform,
                                                       'pushToken', push_token) order by n) as text) as recipients
                from (select r.*, row_number() over (order by r.id) - 1 as n from recipients r) b
                group by n / %1$d
                order by n / %1$d
                """.formatted(BATCH);
    }

    public Deliveries(Db db) {
        this.db = db;
    }

    /** The devices newly reached by the case's alert at {@code radiusKm}, in batches. */
    public Uni<List<List<Recipient>>> reachNewDevices(UUID caseId, int radiusKm, Instant now) {
        return db.list(
                REACH_NEW_DEVICES,
                row -> recipients(row.getString("recipients")),
                caseId,
                radiusKm,
                now,
                radiusKm * 1000.0);
    }

    /** The devices the case's alert reached, told of its closure now, in batches. */
    public Uni<List<List<Recipient>>> tellClosure(UUID caseId, Instant now) {
        return db.list(TELL_CLOSURE, row -> recipients(row.getString("recipients")), caseId, now);
    }

    private static List<Recipient> recipients(String json) {
        try {
            return new ArrayList<>(EventCodec.get().mapper().readValue(json, RECIPIENTS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable recipients from PostgreSQL", e);
        }
    }
}
