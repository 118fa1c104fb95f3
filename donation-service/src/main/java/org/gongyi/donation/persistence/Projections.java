package org.gongyi.donation.persistence;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import org.gongyi.common.persistence.Sql;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The persisted projections behind progress and the platform totals, kept in the transaction of each donation and
 * reversal: project counters, distinct donors per project, distinct buyers and provinces platform-wide. Counters name
 * the event that last changed them ({@code last_event_id}), first-seen rows the one that created them.
 */
public final class Projections {
    private Projections() {
    }

    /** A reversal of {@code amountFen}, caused by the refund event {@code eventId}. */
    public static Uni<Void> reversed(UUID projectId, long amountFen, UUID eventId) {
        return Sql.exec("update charity_project set reversed_fen = reversed_fen + ?1, reversal_count = reversal_count + 1, "
                        + "last_event_id = ?3 where id = ?2", amountFen, projectId, eventId)
                .chain(() -> Sql.exec("update platform_totals set reversed_fen = reversed_fen + ?1, last_event_id = ?2 "
                        + "where id = 1", amountFen, eventId))
                .replaceWithVoid();
    }

    /**
     * The projections of new donations (in the order their events were read) with a few set-based statements (one
     * update per project).
     */
    public static Uni<Void> donatedAll(List<Donation> donations) {
        if (donations.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // keys in sorted order: concurrent batches lock the same rows in the same order, so they never deadlock
        Map<UUID, long[]> byProject = new TreeMap<>();
        Map<UUID, UUID> lastByProject = new HashMap<>();
        Map<String, long[]> byProvince = new TreeMap<>();
        Map<String, UUID> lastByProvince = new HashMap<>();
        // a donor's or buyer's first donation in the batch names the row it may create
        Map<List<Object>, UUID> donors = new TreeMap<>(Comparator.comparing((List<Object> l) -> l.get(0).toString())
                .thenComparing(l -> l.get(1).toString()));
        Map<String, UUID> buyers = new TreeMap<>();
        long total = 0;
        for (Donation d : donations) {
            long[] p = byProject.computeIfAbsent(d.projectId, k -> new long[3]);
            p[0] += d.amountFen;
            p[1]++;
            lastByProject.put(d.projectId, d.sourceEventId);
            if (d.province != null) { // one of the 34 divisions; a buyer's unknown province counts nowhere
                long[] v = byProvince.computeIfAbsent(d.province, k -> new long[2]);
                v[0]++;
                v[1] += d.amountFen;
                lastByProvince.put(d.province, d.sourceEventId);
            }
            donors.putIfAbsent(List.of(d.projectId, d.buyerId), d.sourceEventId);
            buyers.putIfAbsent(d.buyerId, d.sourceEventId);
            total += d.amountFen;
        }
        long totalFen = total;
        UUID last = donations.get(donations.size() - 1).sourceEventId;
        Sql.Rows donorRows = Sql.Rows.of("uuid", "text", "uuid");
        donors.forEach((d, event) -> donorRows.add(d.get(0), d.get(1), event));
        Sql.Rows buyerRows = Sql.Rows.of("text", "uuid");
        buyers.forEach(buyerRows::add);
        Sql.Rows provinceRows = Sql.Rows.of("text", "bigint", "bigint", "uuid");
        byProvince.forEach((province, v) -> provinceRows.add(province, v[0], v[1], lastByProvince.get(province)));
        return Sql.strings("insert into project_donor (project_id, buyer_id, source_event_id) " + donorRows.select()
                        + " on conflict do nothing returning cast(project_id as text)", donorRows.params())
                .invoke(newDonors -> newDonors.forEach(id -> byProject.get(UUID.fromString(id))[2]++))
                .chain(() -> Multi.createFrom().iterable(byProject.entrySet())
                        .onItem().transformToUniAndConcatenate(e -> Sql.exec("update charity_project set "
                                        + "donated_fen = donated_fen + ?1, donation_count = donation_count + ?2, "
                                        + "donor_count = donor_count + ?3, last_event_id = ?5 where id = ?4",
                                e.getValue()[0], e.getValue()[1], e.getValue()[2], e.getKey(),
                                lastByProject.get(e.getKey())))
                        .collect().last())
                .chain(() -> Sql.strings("insert into platform_buyer (buyer_id, source_event_id) " + buyerRows.select()
                        + " on conflict do nothing returning buyer_id", buyerRows.params()))
                .chain(newBuyers -> Sql.strings("insert into platform_province (province, donation_count, donated_fen, "
                                + "last_event_id) " + provinceRows.select() + " on conflict (province) do update set "
                                + "donation_count = platform_province.donation_count + excluded.donation_count, "
                                + "donated_fen = platform_province.donated_fen + excluded.donated_fen, "
                                + "last_event_id = excluded.last_event_id "
                                + "returning case when xmax::text = '0' then 'new' else 'old' end", provinceRows.params())
                        .chain(provinces -> Sql.exec("update platform_totals set donated_fen = donated_fen + ?1, "
                                        + "donation_count = donation_count + ?2, buyer_count = buyer_count + ?3, "
                                        + "province_count = province_count + ?4, last_event_id = ?5 where id = 1", totalFen,
                                (long) donations.size(), (long) newBuyers.size(),
                                provinces.stream().filter("new"::equals).count(), last)))
                .replaceWithVoid();
    }
}
