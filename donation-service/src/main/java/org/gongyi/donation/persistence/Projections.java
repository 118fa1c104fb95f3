package org.gongyi.donation.persistence;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The persisted projections behind progress and the platform totals, kept in the transaction of each donation and
 * reversal: project counters, distinct donors per project, distinct buyers and provinces platform-wide, the minutes of
 * the platform's history. Counters name
 * the event that last changed them ({@code last_event_id}), first-seen rows the one that created them.
 */
@ApplicationScoped
public class Projections {

    private static final String PROJECT_REVERSED = """
            update charity_project set reversed_fen = reversed_fen + $1, reversal_count = reversal_count + 1,
                   last_event_id = $3
            where id = $2""";
    private static final String PLATFORM_REVERSED = """
            update platform_totals set reversed_fen = reversed_fen + $1, last_event_id = $2 where id = 1""";
    private static final String MINUTE_REVERSED = """
            insert into donation_minute as m (minute, reversed_fen, reversal_count)
            values (date_trunc('minute', cast($1 as timestamptz)), $2, 1)
            on conflict (minute) do update set reversed_fen = m.reversed_fen + excluded.reversed_fen,
                                               reversal_count = m.reversal_count + 1""";
    /** Adds to each minute's donations (one array parameter per column, minutes in order). */
    private static final String MINUTES_DONATED = """
            insert into donation_minute as m (minute, donated_fen, donation_count)
            select minute, donated_fen, donation_count
            from unnest(cast($1 as timestamptz[]), cast($2 as bigint[]), cast($3 as bigint[]))
                 with ordinality as u(minute, donated_fen, donation_count, n)
            order by n
            on conflict (minute) do update set donated_fen = m.donated_fen + excluded.donated_fen,
                                               donation_count = m.donation_count + excluded.donation_count""";
    /** Donors first seen (one array parameter per column, rows in the order given); returns the new ones. */
    private static final String NEW_PROJECT_DONORS = """
            insert into project_donor (project_id, buyer_id, source_event_id)
            select project_id, buyer_id, source_event_id
            from unnest(cast($1 as uuid[]), cast($2 as text[]), cast($3 as uuid[]))
                 with ordinality as u(project_id, buyer_id, source_event_id, n)
            order by n
            on conflict do nothing
            returning project_id""";

    private static final String PROJECT_DONATED = """
            update charity_project set donated_fen = donated_fen + $1, donation_count = donation_count + $2,
                   donor_count = donor_count + $3, last_event_id = $5
            where id = $4""";
    /** Buyers first seen platform-wide; returns the new ones. */
    private static final String NEW_PLATFORM_BUYERS = """
            insert into platform_buyer (buyer_id, source_event_id)
            select buyer_id, source_event_id
            from unnest(cast($1 as text[]), cast($2 as uuid[])) with ordinality as u(buyer_id, source_event_id, n)
            order by n
            on conflict do nothing
            returning buyer_id""";
    /** Adds to each province's counters; says for each whether it was first seen. */
    private static final String PROVINCES_DONATED = """
            insert into platform_province (province, donation_count, donated_fen, last_event_id)
            select province, donation_count, donated_fen, last_event_id
            from unnest(cast($1 as text[]), cast($2 as bigint[]), cast($3 as bigint[]), cast($4 as uuid[]))
                 with ordinality as u(province, donation_count, donated_fen, last_event_id, n)
            order by n
            on conflict (province) do update set
                donation_count = platform_province.donation_count + excluded.donation_count,
                donated_fen = platform_province.donated_fen + excluded.donated_fen,
                last_event_id = excluded.last_event_id
            returning xmax::text = '0' as created""";

    private static final String PLATFORM_DONATED = """
            update platform_totals set donated_fen = donated_fen + $1, donation_count = donation_count + $2,
                   buyer_count = buyer_count + $3, province_count = province_count + $4, last_event_id = $5
            where id = 1""";

    /**
     * The donation side of every projection, rebuilt at once from all the donations (an auditor's replay makes the
     * donations and reversals with the consumer's own code, then these instead of the per-batch statements above;
     * the reversals' side was added as they were made). Donors, buyers and provinces are named by one of their
     * donations' events, as the per-batch statements name the first (compared as traced, not by value).
     */
    public static final List<String> REBUILT_FROM_DONATIONS = List.of("""
            insert into project_donor (project_id, buyer_id, source_event_id)
            select project_id, buyer_id, cast(min(cast(source_event_id as text)) as uuid)
            from donation group by project_id, buyer_id""", """
            insert into platform_buyer (buyer_id, source_event_id)
            select buyer_id, cast(min(cast(source_event_id as text)) as uuid) from donation group by buyer_id""", """
            insert into platform_province (province, donation_count, donated_fen, last_event_id)
            select province, count(*), sum(amount_fen), cast(min(cast(source_event_id as text)) as uuid)
            from donation where province is not null group by province""", """
            update charity_project p
            set donated_fen = p.donated_fen + d.donated_fen, donation_count = p.donation_count + d.donations,
                donor_count = p.donor_count + (select count(*) from project_donor o where o.project_id = p.id),
                last_event_id = coalesce(p.last_event_id, d.some_event)
            from (select project_id, sum(amount_fen) as donated_fen, count(*) as donations,
                         cast(min(cast(source_event_id as text)) as uuid) as some_event
                  from donation group by project_id) d
            where d.project_id = p.id""", """
            insert into donation_minute as m (minute, donated_fen, donation_count)
            select date_trunc('minute', completed_at), sum(amount_fen), count(*) from donation group by 1
            on conflict (minute) do update set donated_fen = m.donated_fen + excluded.donated_fen,
                                               donation_count = m.donation_count + excluded.donation_count""", """
            update platform_totals t
            set donated_fen = t.donated_fen + d.donated_fen, donation_count = t.donation_count + d.donations,
                buyer_count = t.buyer_count + (select count(*) from platform_buyer),
                province_count = t.province_count + (select count(*) from platform_province),
                last_event_id = coalesce(t.last_event_id, d.some_event)
            from (select coalesce(sum(amount_fen), 0) as donated_fen, count(*) as donations,
                         cast(min(cast(source_event_id as text)) as uuid) as some_event
                  from donation) d
            where t.id = 1""");

    private final Db db;

    public Projections(Db db) {
        this.db = db;
    }

    /** A reversal of {@code amountFen} made {@code at}, caused by the refund event {@code eventId}. */
    public Uni<Void> reversed(UUID projectId, long amountFen, Instant at, UUID eventId) {
        return db.update(PROJECT_REVERSED, amountFen, projectId, eventId)
                .chain(() -> db.update(PLATFORM_REVERSED, amountFen, eventId))
                .chain(() -> db.update(MINUTE_REVERSED, at, amountFen))
                .replaceWithVoid();
    }

    /** An amount of donations and their number, added up per key of a batch. */
    private record Sum(long fen, long count) {
        static Sum of(Donation d) {
            return new Sum(d.amountFen(), 1);
        }

        Sum plus(Sum other) {
            return new Sum(fen + other.fen, count + other.count);
        }
    }

    /** A buyer of a project; every batch orders them alike (the project's id as text would sort, then the buyer). */
    private record Donor(UUID project, String buyer) {
        static final Comparator<Donor> ORDER = (a, b) -> {
            int c = Long.compareUnsigned(a.project.getMostSignificantBits(), b.project.getMostSignificantBits());
            if (c == 0) {
                c = Long.compareUnsigned(a.project.getLeastSignificantBits(), b.project.getLeastSignificantBits());
            }
            return c != 0 ? c : a.buyer.compareTo(b.buyer);
        };
    }

    /**
     * The projections of new donations (in the order their events were read) with a few set-based statements (one
     * update per project).
     */
    public Uni<Void> donatedAll(List<Donation> donations) {
        if (donations.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // keys in sorted order: concurrent batches lock the same rows in the same order, so they never deadlock
        Map<UUID, Sum> byProject = new TreeMap<>();
        Map<UUID, UUID> lastByProject = new HashMap<>();
        Map<String, Sum> byProvince = new TreeMap<>();
        Map<String, UUID> lastByProvince = new HashMap<>();
        // a donor's or buyer's first donation in the batch names the row it may create
        Map<Donor, UUID> donors = new TreeMap<>(Donor.ORDER);
        Map<String, UUID> buyers = new TreeMap<>();
        Map<Instant, Sum> byMinute = new TreeMap<>();
        long total = 0;
        for (Donation d : donations) {
            byMinute.merge(d.completedAt().truncatedTo(ChronoUnit.MINUTES), Sum.of(d), Sum::plus);
            byProject.merge(d.projectId(), Sum.of(d), Sum::plus);
            lastByProject.put(d.projectId(), d.sourceEventId());
            if (d.province() != null) { // one of the 34 divisions; a buyer's unknown province counts nowhere
                byProvince.merge(d.province(), Sum.of(d), Sum::plus);
                lastByProvince.put(d.province(), d.sourceEventId());
            }
            donors.putIfAbsent(new Donor(d.projectId(), d.buyerId()), d.sourceEventId());
            buyers.putIfAbsent(d.buyerId(), d.sourceEventId());
            total += d.amountFen();
        }
        long totalFen = total;
        UUID last = donations.get(donations.size() - 1).sourceEventId();

        UUID[] donorProjects = new UUID[donors.size()];
        String[] donorBuyers = new String[donors.size()];
        UUID[] donorEvents = new UUID[donors.size()];
        int i = 0;
        for (Map.Entry<Donor, UUID> e : donors.entrySet()) {
            donorProjects[i] = e.getKey().project();
            donorBuyers[i] = e.getKey().buyer();
            donorEvents[i++] = e.getValue();
        }
        String[] buyerIds = buyers.keySet().toArray(new String[0]);
        UUID[] buyerEvents = buyers.values().toArray(new UUID[0]);
        String[] provinces = byProvince.keySet().toArray(new String[0]);
        Long[] provinceCounts = new Long[provinces.length];
        Long[] provinceFen = new Long[provinces.length];
        UUID[] provinceEvents = new UUID[provinces.length];
        for (int j = 0; j < provinces.length; j++) {
            Sum v = byProvince.get(provinces[j]);
            provinceCounts[j] = v.count();
            provinceFen[j] = v.fen();
            provinceEvents[j] = lastByProvince.get(provinces[j]);
        }
        Instant[] minutes = byMinute.keySet().toArray(new Instant[0]);
        Long[] minuteFen = byMinute.values().stream().map(Sum::fen).toArray(Long[]::new);
        Long[] minuteCounts = byMinute.values().stream().map(Sum::count).toArray(Long[]::new);
        return db.list(NEW_PROJECT_DONORS, r -> r.getUUID("project_id"), donorProjects, donorBuyers, donorEvents)
                .map(newDonors -> {
                    Map<UUID, Long> donorsByProject = new HashMap<>();
                    newDonors.forEach(id -> donorsByProject.merge(id, 1L, Long::sum));
                    return donorsByProject;
                })
                .chain(donorsByProject -> Multi.createFrom()
                        .iterable(byProject.entrySet())
                        .onItem()
                        .transformToUniAndConcatenate(e -> db.update(
                                PROJECT_DONATED,
                                e.getValue().fen(),
                                e.getValue().count(),
                                donorsByProject.getOrDefault(e.getKey(), 0L),
                                e.getKey(),
                                lastByProject.get(e.getKey())))
                        .collect()
                        .last())
                .chain(() -> db.list(NEW_PLATFORM_BUYERS, r -> r.getString("buyer_id"), buyerIds, buyerEvents))
                .chain(newBuyers -> db.list(
                                PROVINCES_DONATED,
                                r -> r.getBoolean("created"),
                                provinces,
                                provinceCounts,
                                provinceFen,
                                provinceEvents)
                        .chain(created -> db.update(
                                PLATFORM_DONATED,
                                totalFen,
                                (long) donations.size(),
                                (long) newBuyers.size(),
                                created.stream().filter(Boolean::booleanValue).count(),
                                last)))
                .chain(() -> db.update(MINUTES_DONATED, minutes, minuteFen, minuteCounts))
                .replaceWithVoid();
    }
}
