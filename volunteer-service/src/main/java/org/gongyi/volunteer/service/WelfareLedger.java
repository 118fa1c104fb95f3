package org.gongyi.volunteer.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.http.ProblemException;
import org.gongyi.events.Causation;
import org.gongyi.events.EventEnvelope;
import org.gongyi.events.contract.WelfareTimeCredited;
import org.gongyi.events.outbox.Outbox;
import org.gongyi.volunteer.domain.WelfareTime;
import org.gongyi.volunteer.domain.WelfareTime.Source;
import org.gongyi.volunteer.persistence.Pledges;
import org.gongyi.volunteer.persistence.WelfareCredits;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Welfare time credits, in the caller's transaction: once per source (a unique row per source reference and
 * person), within the source's yearly cap (a conditional upsert of the person's year, which names the event of its
 * last change), with a {@code volunteer.welfare-time-credited} event through the outbox.
 */
@ApplicationScoped
public class WelfareLedger {

    private final WelfareCredits credits;
    private final Pledges pledges;
    private final Outbox outbox;
    private final Clock clock;

    public WelfareLedger(WelfareCredits credits, Pledges pledges, Outbox outbox, Clock clock) {
        this.credits = credits;
        this.pledges = pledges;
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
        EventEnvelope credited = outbox.envelope(
                new WelfareTimeCredited(id.toString(), user, source.name(), sourceRef, year, tenths, now));
        return credits.insert(id, user, source.name(), sourceRef, year, tenths, now, Causation.current())
                .chain(inserted -> !inserted
                        ? Uni.createFrom().<UUID>nullItem()
                        : credits.addToYear(
                                        user,
                                        year,
                                        source.name(),
                                        tenths,
                                        cap == null ? Integer.MAX_VALUE : cap,
                                        changedBy(credited))
                                .chain(counted -> counted && (cap == null || tenths <= cap)
                                        ? outbox.append(credited)
                                                .call(() -> credits.certifyAtPledge(
                                                        user,
                                                        year,
                                                        WelfareTime.PLEDGE_TENTHS,
                                                        now,
                                                        "GY-3H-" + year + "-"))
                                                .replaceWith(id)
                                        : credits.delete(id).replaceWith((UUID) null)));
    }

    /**
     * Revokes a credit (its source was undone, e.g. the purchase refunded): the person's year loses it, and a
     * negative {@code volunteer.welfare-time-credited} records the correction. Revoking twice changes nothing.
     */
    public Uni<Void> revoke(UUID creditId) {
        Instant now = clock.instant();
        return credits.revoke(creditId, now).chain(r -> {
            if (r == null) {
                return Uni.createFrom().voidItem();
            }
            EventEnvelope correction = outbox.envelope(new WelfareTimeCredited(
                    UUID.randomUUID().toString(), r.userId(), r.source(), r.sourceRef(), r.year(), -r.tenths(), now));
            return credits.subtractFromYear(r.userId(), r.year(), r.source(), r.tenths(), changedBy(correction))
                    .chain(() -> credits.withdrawCertificateBelow(r.userId(), r.year(), WelfareTime.PLEDGE_TENTHS, now))
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

    /**
     * A year's certificate: its number, the year's welfare time and the organisations served in it, when it was issued
     * and, while revoked credits keep the year below the pledge, when it was withdrawn.
     */
    public record Certificate(
            String certificateNo,
            int year,
            long tenths,
            String hours,
            List<String> organisations,
            Instant issuedAt,
            Instant withdrawnAt) {}

    /** The caller's certificate of a year; 404 before the year reaches the pledge, 410 while withdrawn. */
    public Uni<Certificate> certificate(String user, int year) {
        return credits.certificate(user, year).chain(c -> {
            if (c == null) {
                throw ProblemException.notFound(
                        "No certificate for " + year + ": it is issued when your welfare time reaches 3 hours");
            }
            if (c.withdrawnAt() != null) {
                throw withdrawn(c.certificateNo(), c.withdrawnAt());
            }
            return described(c);
        });
    }

    /** A certificate as anyone holding its number checks it, standing or withdrawn (never whose it is). */
    public Uni<Certificate> certified(String certificateNo) {
        return credits.certificateNumbered(certificateNo).chain(c -> {
            if (c == null) {
                throw ProblemException.notFound("No certificate has the number " + certificateNo);
            }
            return described(c);
        });
    }

    public static ProblemException withdrawn(String certificateNo, Instant withdrawnAt) {
        return new ProblemException(
                410,
                "Gone",
                "Certificate " + certificateNo + " was withdrawn at "
                        + withdrawnAt
                        + ": credits behind it were revoked and the year is below 3 hours; it is "
                        + "valid again when the year reaches 3 hours");
    }

    private Uni<Certificate> described(WelfareCredits.Certificate c) {
        return credits.yearTotal(c.userId(), c.year())
                .chain(total -> credits.organisationsServed(c.userId(), c.year())
                        .map(orgs -> new Certificate(
                                c.certificateNo(),
                                c.year(),
                                total,
                                WelfareTime.hours(total),
                                orgs,
                                c.issuedAt(),
                                c.withdrawnAt())));
    }

    /**
     * A person's year: total, per source, whether the 3-hour pledge is reached, when the person took the year's pledge
     * (null if not), the latest credits.
     */
    public record Year(
            int year,
            long tenths,
            String hours,
            int pledgeTenths,
            boolean pledgeReached,
            Instant pledgedAt,
            Map<String, Long> bySource,
            List<WelfareCredits.Credit> latest) {}

    public Uni<Year> year(String user, Integer year) {
        int y = year == null ? WelfareTime.year(clock.instant()) : year;
        return credits.yearBySource(user, y)
                .chain(sources -> credits.latest(user, y)
                        .chain(latest -> pledges.of(user, y).map(pledge -> {
                            Map<String, Long> bySource = new LinkedHashMap<>();
                            sources.forEach(s -> bySource.put(s.source(), s.tenths()));
                            long total = bySource.values().stream()
                                    .mapToLong(Long::longValue)
                                    .sum();
                            return new Year(
                                    y,
                                    total,
                                    WelfareTime.hours(total),
                                    WelfareTime.PLEDGE_TENTHS,
                                    total >= WelfareTime.PLEDGE_TENTHS,
                                    pledge == null ? null : pledge.pledgedAt(),
                                    bySource,
                                    latest);
                        })));
    }
}
