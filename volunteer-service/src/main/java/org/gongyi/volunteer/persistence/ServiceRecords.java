package org.gongyi.volunteer.persistence;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class ServiceRecords {

    private static final String CHECK_IN = """
            insert into service_record (id, activity_id, user_id, checked_in_at, status)
            values ($1, $2, $3, $4, 'OPEN')
            returning %s
            """.formatted(ServiceRecord.COLUMNS);
    private static final String OF_USER_AT = """
            select %s from service_record where activity_id = $1 and user_id = $2 for update
            """.formatted(ServiceRecord.COLUMNS);
    private static final String BY_ID = """
            select %s from service_record where id = $1 for update
            """.formatted(ServiceRecord.COLUMNS);
    private static final String CHECK_OUT = """
            update service_record set checked_out_at = $2, minutes = $3, tenths = $4, status = 'RECORDED'
            where id = $1
            returning %s
            """.formatted(ServiceRecord.COLUMNS);
    private static final String VERIFY = """
            update service_record set tenths = $2, status = 'VERIFIED', verified_by = $3, verified_at = $4
            where id = $1
            returning %s
            """.formatted(ServiceRecord.COLUMNS);
    private static final String DISPUTE = """
            update service_record set status = 'DISPUTED', dispute_reason = $2
            where id = $1
            returning %s
            """.formatted(ServiceRecord.COLUMNS);

    private final Db db;

    public ServiceRecords(Db db) {
        this.db = db;
    }

    public Uni<ServiceRecord> checkIn(UUID id, UUID activityId, String user, Instant now) {
        return db.first(CHECK_IN, ServiceRecord::from, id, activityId, user, now);
    }

    /** The user's record at the activity, locked for this transaction; null when they were not checked in. */
    public Uni<ServiceRecord> lockOf(UUID activityId, String user) {
        return db.first(OF_USER_AT, ServiceRecord::from, activityId, user);
    }

    /** The record locked for this transaction, or null. */
    public Uni<ServiceRecord> lock(UUID id) {
        return db.first(BY_ID, ServiceRecord::from, id);
    }

    public Uni<ServiceRecord> checkOut(UUID id, Instant now, int minutes, int tenths) {
        return db.first(CHECK_OUT, ServiceRecord::from, id, now, minutes, tenths);
    }

    public Uni<ServiceRecord> verify(UUID id, int tenths, String by, Instant now) {
        return db.first(VERIFY, ServiceRecord::from, id, tenths, by, now);
    }

    public Uni<ServiceRecord> dispute(UUID id, String reason) {
        return db.first(DISPUTE, ServiceRecord::from, id, reason);
    }
}
