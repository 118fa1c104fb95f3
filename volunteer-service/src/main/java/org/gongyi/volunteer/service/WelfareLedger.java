package org.gongyi.volunteer.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Sql;
import org.gongyi.events.Causation;
import org.gongyi.events.EventEnvelope;
import org.gongyi.events.contract.WelfareTimeCredited;
import org.gongyi.events.outbox.Outbox;
import org.gongyi.volunteer.domain.WelfareTime;
import org.gongyi.volunteer.domain.WelfareTime.Source;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.gongyi.common.persistence.Sql.instant;
import static org.gongyi.common.persistence.Sql.utc;

/**
 * Welfare time credits, in the caller's transaction: once per source (a unique row per source reference and
 * person), within the source's yearly cap (a conditional upsert of the person's year, which names the event of its
 * last change), with a {@code volunteer.welfare-time-credited} event through the outbox.
 */
@ApplicationScoped
public class WelfareLedger {

    private final Outbox outbox;
    private final Clock clock;

    public WelfareLedger(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Credits {@code tenths}; false when the source was credited before or the yearly cap is reached. */
    public Uni<Boolean> credit(String user, Source source, String sourceRef, int year, int tenths) {
        return creditId(user, source, sourceRef, year, tenths).map(id -> id != null);
    }

    /** As {@link #credit}, returning the new credit's id (null when nothing was credited). */
    public Uni<UUID> creditId(String user, Source source, String sourceRef, int year, int tenths) {
        if (tenths <= 0) {
            return Uni.createFrom().nullItem();
        }
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        Integer cap = WelfareTime.yearlyCap(source);
        EventEnvelope credited = outbox.envelope(new WelfareTimeCredited(id.toString(), user, source.name(), sourceRef,
                year, tenths, now));
        return Sql.exec("insert into welfare_credit (id, user_id, source, source_ref, year, tenths, credited_at, "
                                + "source_event_id) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, cast(?8 as uuid)) "
                                + "on conflict (source, source_ref, user_id) do nothing",
                        id, user, source.name(), sourceRef, year, tenths, utc(now), Causation.currentText())
                .chain(inserted -> inserted == 0 ? Uni.createFrom().<UUID>nullItem()
                        : Sql.exec("insert into welfare_year (user_id, year, source, tenths, last_event_id) "
                                        + "values (?1, ?2, ?3, ?4, ?6) on conflict (user_id, year, source) do update "
                                        + "set tenths = welfare_year.tenths + excluded.tenths, "
                                        + "last_event_id = excluded.last_event_id "
                                        + "where welfare_year.tenths + excluded.tenths <= ?5",
                                user, year, source.name(), tenths, cap == null ? Integer.MAX_VALUE : cap,
                                changedBy(credited))
                        .chain(counted -> counted == 1 && (cap == null || tenths <= cap)
                                ? outbox.append(credited).call(() -> certify(user, year, now)).replaceWith(id)
                                : Sql.exec("delete from welfare_credit where id = ?1", id).replaceWith((UUID) null)));
    }

    /**
     * Revokes a credit (its source was undone, e.g. the purchase refunded): the person's year loses it, and a
     * negative {@code volunteer.welfare-time-credited} records the correction. Revoking twice changes nothing.
     */
    public Uni<Void> revoke(UUID creditId) {
        Instant now = clock.instant();
        return Sql.rows("update welfare_credit set revoked_at = ?2 where id = ?1 and revoked_at is null "
                                + "returning user_id, source, source_ref, year, tenths",
                        r -> r, creditId, utc(now))
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    Object[] r = rows.get(0);
                    int year = ((Number) r[3]).intValue();
                    int tenths = ((Number) r[4]).intValue();
                    EventEnvelope correction = outbox.envelope(new WelfareTimeCredited(UUID.randomUUID().toString(),
                            (String) r[0], (String) r[1], (String) r[2], year, -tenths, now));
                    return Sql.exec("update welfare_year set tenths = tenths - ?4, last_event_id = ?5 where user_id = ?1 "
                                    + "and year = ?2 and source = ?3", r[0], year, r[1], tenths, changedBy(correction))
                            .chain(() -> Sql.exec(WITHDRAW_CERTIFICATE_BELOW_PLEDGE, r[0], year, utc(now),
                                    WelfareTime.PLEDGE_TENTHS))
                            .chain(() -> outbox.append(correction))
                            .replaceWithVoid();
                });
    }

    /**
     * The event a change of a person's year is named by: the one being consumed (a donation, a tree, a reversal), or
     * for a command (verified service, a blood donation) the credit event it publishes.
     */
    private static UUID changedBy(EventEnvelope published) {
        UUID consumed = Causation.current();
        return consumed != null ? consumed : published.id();
    }

    /** A year's certificate no longer stands when revoked credits took the year below the pledge. */
    private static final String WITHDRAW_CERTIFICATE_BELOW_PLEDGE = """
            update pledge_certificate set withdrawn_at = ?3
            where user_id = ?1 and year = ?2 and withdrawn_at is null
              and (select coalesce(sum(tenths), 0) from welfare_year where user_id = ?1 and year = ?2) < ?4
            """;
    private static final String YEAR_REACHES_PLEDGE = """
            (select coalesce(sum(tenths), 0) from welfare_year where user_id = ?1 and year = ?2) >= ?3
            """;
    private static final String REINSTATE_CERTIFICATE = """
            update pledge_certificate set withdrawn_at = null
            where user_id = ?1 and year = ?2 and withdrawn_at is not null and """ + YEAR_REACHES_PLEDGE;
    private static final String ISSUE_CERTIFICATE = """
            insert into pledge_certificate (user_id, year, certificate_no, issued_at)
            select ?1, ?2, ?5 || lpad(cast(nextval('certificate_seq') as text), 8, '0'), ?4
            where not exists (select 1 from pledge_certificate where user_id = ?1 and year = ?2) and """
            + YEAR_REACHES_PLEDGE + " on conflict do nothing";

    /**
     * Issues the year's certificate (once) when the person's total reaches the pledge, or makes a withdrawn one valid
     * again (the same number).
     */
    private static Uni<Integer> certify(String user, int year, Instant now) {
        return Sql.exec(REINSTATE_CERTIFICATE, user, year, WelfareTime.PLEDGE_TENTHS)
                .chain(() -> Sql.exec(ISSUE_CERTIFICATE, user, year, WelfareTime.PLEDGE_TENTHS, utc(now),
                        "GY-3H-" + year + "-"));
    }

    /** The yearly certificate of a person who reached the pledge. */
    public record Certificate(String certificateNo, int year, long tenths, String hours, List<String> organisations,
                              Instant issuedAt) {
    }

    @WithSession
    public Uni<Certificate> certificate(String user, int year) {
        return Sql.rows("select certificate_no, issued_at, withdrawn_at from pledge_certificate "
                                + "where user_id = ?1 and year = ?2",
                        r -> new Object[]{r[0], instant(r[1]), instant(r[2])}, user, year)
                .chain(c -> {
                    if (c.isEmpty()) {
                        throw org.gongyi.common.http.ProblemException.notFound("No certificate for " + year
                                + ": it is issued when your welfare time reaches 3 hours");
                    }
                    if (c.get(0)[2] != null) {
                        throw new org.gongyi.common.http.ProblemException(410, "Gone", "Certificate " + c.get(0)[0]
                                + " was withdrawn at " + c.get(0)[2] + ": credits behind it were revoked and the year "
                                + "is below 3 hours; it is valid again when the year reaches 3 hours");
                    }
                    return Sql.numbers("select coalesce(sum(tenths), 0) from welfare_year where user_id = ?1 "
                                    + "and year = ?2", user, year)
                            .chain(total -> Sql.strings("select distinct o.name from service_record r "
                                    + "join activity a on a.id = r.activity_id join organisation o on o.id = a.organisation_id "
                                    + "join welfare_credit w on w.source = 'OFFLINE_SERVICE' and w.source_ref = cast(r.id as text) "
                                    + "where r.user_id = ?1 and w.year = ?2 order by 1", user, year)
                                    .map(orgs -> new Certificate((String) c.get(0)[0], year, total[0],
                                            WelfareTime.hours(total[0]), orgs, (Instant) c.get(0)[1])));
                });
    }

    public record Credit(String source, String sourceRef, int tenths, Instant creditedAt) {
    }

    /** A person's year: total, per source, whether the 3-hour pledge is reached, the latest credits. */
    public record Year(int year, long tenths, String hours, int pledgeTenths, boolean pledgeReached,
                       Map<String, Long> bySource, List<Credit> latest) {
    }

    @WithSession
    public Uni<Year> year(String user, Integer year) {
        int y = year == null ? WelfareTime.year(clock.instant()) : year;
        return Sql.rows("select source, tenths from welfare_year where user_id = ?1 and year = ?2 order by source",
                        r -> new Object[]{r[0], Sql.number(r[1])}, user, y)
                .chain(rows -> Sql.rows("select source, source_ref, tenths, credited_at from welfare_credit "
                                        + "where user_id = ?1 and year = ?2 and revoked_at is null "
                                        + "order by credited_at desc, id limit 50",
                                r -> new Credit((String) r[0], (String) r[1], ((Number) r[2]).intValue(), instant(r[3])),
                                user, y)
                        .map(latest -> {
                            Map<String, Long> bySource = new LinkedHashMap<>();
                            rows.forEach(r -> bySource.put((String) r[0], (Long) r[1]));
                            long total = bySource.values().stream().mapToLong(Long::longValue).sum();
                            return new Year(y, total, WelfareTime.hours(total), WelfareTime.PLEDGE_TENTHS,
                                    total >= WelfareTime.PLEDGE_TENTHS, bySource, latest);
                        }));
    }
}
