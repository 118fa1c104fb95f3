package org.gongyi.reunion.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Missing-person cases and the leads the public sends on them. */
@ApplicationScoped
public class Cases {

    /** A case near a point, with its distance. */
    public record Nearby(MissingCase alert, double distanceKm) {
        static Nearby from(Row row) {
            return new Nearby(MissingCase.from(row), row.getDouble("distance_km"));
        }
    }

    private static final String PUBLISH = """
            insert into missing_case (id, agency_id, officer_id, person_name, age, sex, photo_url, description,
                                      latitude, longitude, pos, lost_at, contact, status, published_at, next_push_at,
                                      subject)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, ll_to_earth($9, $10), $11, $12, 'PUBLISHED', $13, $13, $14)
            returning %s
            """.formatted(MissingCase.COLUMNS);
    private static final String BY_ID = "select %s from missing_case where id = $1".formatted(MissingCase.COLUMNS);
    /** Closes a published case of the agency and makes its closure due for pushing. */
    private static final String CLOSE_PUBLISHED = """
            update missing_case
               set status = 'CLOSED', closed_at = $3, closed_by = $4, closure = $5, outcome = $6, next_push_at = $3
             where id = $1 and agency_id = $2 and status = 'PUBLISHED'
            """;

    private static final String OF_AGENCY = """
            select %s from missing_case where agency_id = $1
            order by published_at desc, id limit $2 offset $3
            """.formatted(MissingCase.COLUMNS);
    /**
     * Cases published since {@code $3} whose reach covers the point (the radius pushed so far, or {@code $5} km if
     * none yet), nearest first; the GiST index on the place of loss narrows the search to the box of {@code $4} m.
     */
    private static final String NEAR = """
            select %s, earth_distance(ll_to_earth($1, $2), pos) / 1000 as distance_km
            from missing_case
            where published_at >= $3
              and earth_box(ll_to_earth($1, $2), $4) @> pos
              and earth_distance(ll_to_earth($1, $2), pos) <= coalesce(radius_km, $5) * 1000.0
            order by distance_km limit $6
            """.formatted(MissingCase.COLUMNS);
    /** The case most overdue for pushing, claimed by this transaction (other instances skip it). */
    private static final String NEXT_DUE = """
            select %s from missing_case where next_push_at <= $1
            order by next_push_at limit 1
            for update skip locked
            """.formatted(MissingCase.COLUMNS);

    /** The radius reached, when it is due again, the devices newly reached added to its count, and the snapshot
     * the push read the devices in ({@link Deliveries#snapshot}). */
    private static final String PUSHED = """
            update missing_case set radius_km = $2, next_push_at = $3, devices_reached = devices_reached + $4,
                                    pushed_snapshot = cast($5 as pg_snapshot)
             where id = $1""";

    private static final String CLOSURE_PUSHED = "update missing_case set next_push_at = null where id = $1";
    private static final String ADD_LEAD = """
            insert into lead (id, case_id, author_id, text, latitude, longitude, photo_url, created_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8)
            returning %s
            """.formatted(Lead.COLUMNS);
    private static final String LEADS_OF_CASE = """
            select %s from lead where case_id = $1 order by created_at, id limit 1000
            """.formatted(Lead.COLUMNS);
    private static final String LEAD_OF_CASE = """
            select %s from lead where case_id = $1 and id = $2
            """.formatted(Lead.COLUMNS);
    /** Marks the case's lead handled unless it was already (then nothing changes: the first handling stands). */
    private static final String HANDLE_LEAD = """
            update lead set handled_at = $3, handled_by = $4, handling_outcome = $5, handling_note = $6
             where case_id = $1 and id = $2 and handled_at is null
            returning %s
            """.formatted(Lead.COLUMNS);

    private final Db db;

    public Cases(Db db) {
        this.db = db;
    }

    public Uni<MissingCase> publish(
            UUID id,
            String agency,
            String officer,
            String name,
            int age,
            MissingCase.Sex sex,
            String photoUrl,
            String description,
            double latitude,
            double longitude,
            Instant lostAt,
            String contact,
            Instant now,
            MissingCase.Subject subject) {
        return db.first(
                PUBLISH,
                MissingCase::from,
                id,
                agency,
                officer,
                name,
                age,
                sex,
                photoUrl,
                description,
                latitude,
                longitude,
                lostAt,
                contact,
                now,
                subject);
    }

    /** The case, or null. */
    public Uni<MissingCase> find(UUID id) {
        return db.first(BY_ID, MissingCase::from, id);
    }

    /** 1 when the agency's published case was closed, 0 when it has no such case or it was closed before. */
    public Uni<Integer> closePublished(
            UUID id,
            String agency,
            Instant now,
            String officer,
            MissingCase.Closure closure,
            MissingCase.Outcome outcome) {
        return db.update(CLOSE_PUBLISHED, id, agency, now, officer, closure, outcome);
    }

    public Uni<List<MissingCase>> ofAgency(String agency, int page, int size) {
        return db.list(OF_AGENCY, MissingCase::from, agency, size, page * size);
    }

    public Uni<List<Nearby>> near(
            double lat, double lon, Instant since, double boxMetres, int firstRadiusKm, int limit) {
        return db.list(NEAR, Nearby::from, lat, lon, since, boxMetres, firstRadiusKm, limit);
    }

    /** The next case due for pushing, locked; null when none is due. */
    public Uni<MissingCase> claimNextDue(Instant now) {
        return db.first(NEXT_DUE, MissingCase::from, now);
    }

    /** The alert reached {@code radiusKm} and {@code newDevices} more devices; due again at {@code next} (null: never). */
    public Uni<Integer> pushed(UUID id, int radiusKm, Instant next, long newDevices, String snapshot) {
        return db.update(PUSHED, id, radiusKm, next, newDevices, snapshot);
    }

    public Uni<Integer> closurePushed(UUID id) {
        return db.update(CLOSURE_PUSHED, id);
    }

    public Uni<Lead> addLead(
            UUID id,
            UUID caseId,
            String author,
            String text,
            Double latitude,
            Double longitude,
            String photoUrl,
            Instant now) {
        return db.first(ADD_LEAD, Lead::from, id, caseId, author, text, latitude, longitude, photoUrl, now);
    }

    public Uni<List<Lead>> leads(UUID caseId) {
        return db.list(LEADS_OF_CASE, Lead::from, caseId);
    }

    /** The case's lead, or null. */
    public Uni<Lead> lead(UUID caseId, UUID leadId) {
        return db.first(LEAD_OF_CASE, Lead::from, caseId, leadId);
    }

    /** The lead as marked handled now; null when there is no such lead or it was handled before. */
    public Uni<Lead> handleLead(
            UUID caseId, UUID leadId, Instant now, String officer, Lead.Handling outcome, String note) {
        return db.first(HANDLE_LEAD, Lead::from, caseId, leadId, now, officer, outcome, note);
    }
}
