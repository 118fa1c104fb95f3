package org.gongyi.volunteer.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Welfare time: credits (one per source reference and person), each person's yearly total per source (capped), and
 * the yearly pledge certificate.
 */
@ApplicationScoped
public class WelfareCredits {

    public record Revoked(String userId, String source, String sourceRef, int year, int tenths) {
        static Revoked from(Row row) {
            return new Revoked(
                    row.getString("user_id"),
                    row.getString("source"),
                    row.getString("source_ref"),
                    row.getInteger("year"),
                    row.getInteger("tenths"));
        }
    }

    /** A person's certificate of a year; withdrawn while revoked credits keep the year below the pledge. */
    public record Certificate(String userId, int year, String certificateNo, Instant issuedAt, Instant withdrawnAt) {
        static Certificate from(Row row) {
            return new Certificate(
                    row.getString("user_id"),
                    row.getInteger("year"),
                    row.getString("certificate_no"),
                    Db.instant(row, "issued_at"),
                    Db.instant(row, "withdrawn_at"));
        }
    }

    public record SourceTotal(String source, long tenths) {
        static SourceTotal from(Row row) {
            return new SourceTotal(row.getString("source"), row.getLong("tenths"));
        }
    }

    public record Credit(String source, String sourceRef, int tenths, Instant creditedAt) {
        static Credit from(Row row) {
            return new Credit(
                    row.getString("source"),
                    row.getString("source_ref"),
                    row.getInteger("tenths"),
                    Db.instant(row, "credited_at"));
        }
    }

    /** Nothing when the source was credited to the person before. */
    private static final String INSERT_CREDIT = """
            insert into welfare_credit (id, user_id, source, source_ref, year, tenths, credited_at, source_event_id)
            values ($1, $2, $3, $4, $5, $6, $7, $8)
            on conflict (source, source_ref, user_id) do nothing
            """;
    /** Adds to the person's year of the source unless that passes the cap; names the event of the change. */
    private static final String ADD_TO_YEAR_WITHIN_CAP = """
            insert into welfare_year (user_id, year, source, tenths, last_event_id)
            values ($1, $2, $3, $4, $6)
            on conflict (user_id, year, source) do update
               set tenths = welfare_year.tenths + excluded.tenths, last_event_id = excluded.last_event_id
             where welfare_year.tenths + excluded.tenths <= $5
            """;

    private static final String DELETE_CREDIT = "delete from welfare_credit where id = $1";
    private static final String REVOKE_CREDIT = """
            update welfare_credit set revoked_at = $2
            where id = $1 and revoked_at is null
            returning user_id, source, source_ref, year, tenths
            """;
    private static final String SUBTRACT_FROM_YEAR = """
            update welfare_year set tenths = tenths - $4, last_event_id = $5
            where user_id = $1 and year = $2 and source = $3
            """;
    private static final String YEAR_TOTAL = """
            select coalesce(sum(tenths), 0) as tenths from welfare_year where user_id = $1 and year = $2
            """;
    /** A year's certificate no longer stands when revoked credits took the year below the pledge. */
    private static final String WITHDRAW_CERTIFICATE_BELOW_PLEDGE = """
            update pledge_certificate set withdrawn_at = $3
            where user_id = $1 and year = $2 and withdrawn_at is null
              and (select coalesce(sum(tenths), 0) from welfare_year where user_id = $1 and year = $2) < $4
            """;
    /** A withdrawn certificate stands again (the same number) once the year reaches the pledge. */
    private static final String REINSTATE_CERTIFICATE = """
            update pledge_certificate set withdrawn_at = null
            where user_id = $1 and year = $2 and withdrawn_at is not null
              and (select coalesce(sum(tenths), 0) from welfare_year where user_id = $1 and year = $2) >= $3
            """;
    /** The year's certificate, once, when the year reaches the pledge: numbered {@code <prefix><8 digits>}. */
    private static final String ISSUE_CERTIFICATE = """
            insert into pledge_certificate (user_id, year, certificate_no, issued_at)
            select cast($1 as varchar), cast($2 as int),
                   $5 || lpad(cast(nextval('certificate_seq') as text), 8, '0'), $4
            where not exists (select 1 from pledge_certificate where user_id = $1 and year = $2)
              and (select coalesce(sum(tenths), 0) from welfare_year where user_id = $1 and year = $2) >= $3
            on conflict do nothing
            """;

    private static final String CERTIFICATE = """
            select user_id, year, certificate_no, issued_at, withdrawn_at from pledge_certificate
            where user_id = $1 and year = $2
            """;
    private static final String CERTIFICATE_NUMBERED = """
            select user_id, year, certificate_no, issued_at, withdrawn_at from pledge_certificate
            where certificate_no = $1
            """;
    /** The organisations whose activities the person served in the year (verified, credited). */
    private static final String ORGANISATIONS_SERVED = """
            select distinct o.name
            from service_record r
            join activity a on a.id = r.activity_id
            join organisation o on o.id = a.organisation_id
            join welfare_credit w on w.source = 'OFFLINE_SERVICE' and w.source_ref = cast(r.id as text)
            where r.user_id = $1 and w.year = $2
            order by 1
            """;

    private static final String YEAR_BY_SOURCE = """
            select source, tenths from welfare_year where user_id = $1 and year = $2 order by source
            """;
    private static final String LATEST_CREDITS = """
            select source, source_ref, tenths, credited_at from welfare_credit
            where user_id = $1 and year = $2 and revoked_at is null
            order by credited_at desc, id limit 50
            """;

    private final Db db;

    public WelfareCredits(Db db) {
        this.db = db;
    }

    /** True when the credit was written (false: that source was credited to the person before). */
    public Uni<Boolean> insert(
            UUID id,
            String user,
            String source,
            String sourceRef,
            int year,
            int tenths,
            Instant now,
            UUID sourceEventId) {
        return db.update(INSERT_CREDIT, id, user, source, sourceRef, year, tenths, now, sourceEventId)
                .map(n -> n == 1);
    }

    /** True when the year took the tenths within {@code cap}. */
    public Uni<Boolean> addToYear(String user, int year, String source, int tenths, int cap, UUID eventId) {
        return db.update(ADD_TO_YEAR_WITHIN_CAP, user, year, source, tenths, cap, eventId)
                .map(n -> n == 1);
    }

    public Uni<Integer> delete(UUID id) {
        return db.update(DELETE_CREDIT, id);
    }

    /** The credit revoked now; null when it was revoked before. */
    public Uni<Revoked> revoke(UUID id, Instant now) {
        return db.first(REVOKE_CREDIT, Revoked::from, id, now);
    }

    public Uni<Integer> subtractFromYear(String user, int year, String source, int tenths, UUID eventId) {
        return db.update(SUBTRACT_FROM_YEAR, user, year, source, tenths, eventId);
    }

    public Uni<Long> yearTotal(String user, int year) {
        return db.first(YEAR_TOTAL, row -> row.getLong("tenths"), user, year);
    }

    public Uni<Integer> withdrawCertificateBelow(String user, int year, int pledgeTenths, Instant now) {
        return db.update(WITHDRAW_CERTIFICATE_BELOW_PLEDGE, user, year, now, pledgeTenths);
    }

    /** Issues the year's certificate or makes a withdrawn one valid again, when the year reaches the pledge. */
    public Uni<Integer> certifyAtPledge(String user, int year, int pledgeTenths, Instant now, String numberPrefix) {
        return db.update(REINSTATE_CERTIFICATE, user, year, pledgeTenths)
                .chain(() -> db.update(ISSUE_CERTIFICATE, user, year, pledgeTenths, now, numberPrefix));
    }

    /** The person's certificate of the year, or null. */
    public Uni<Certificate> certificate(String user, int year) {
        return db.first(CERTIFICATE, Certificate::from, user, year);
    }

    /** The certificate with this number, or null. */
    public Uni<Certificate> certificateNumbered(String certificateNo) {
        return db.first(CERTIFICATE_NUMBERED, Certificate::from, certificateNo);
    }

    public Uni<List<String>> organisationsServed(String user, int year) {
        return db.list(ORGANISATIONS_SERVED, row -> row.getString("name"), user, year);
    }

    public Uni<List<SourceTotal>> yearBySource(String user, int year) {
        return db.list(YEAR_BY_SOURCE, SourceTotal::from, user, year);
    }

    /** The person's latest 50 credits in force of the year, newest first. */
    public Uni<List<Credit>> latest(String user, int year) {
        return db.list(LATEST_CREDITS, Credit::from, user, year);
    }
}
