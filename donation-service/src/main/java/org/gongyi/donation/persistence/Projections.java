package org.gongyi.donation.persistence;

import io.smallrye.mutiny.Uni;

import java.util.UUID;

/**
 * The persisted projections behind progress and the platform totals, kept in the transaction of each donation and
 * reversal: project counters, distinct donors per project, distinct buyers and provinces platform-wide.
 */
public final class Projections {
    private Projections() {
    }

    public static Uni<Void> donated(Donation d) {
        return Sql.exec("update charity_project set donated_fen = donated_fen + ?1, donation_count = donation_count + 1 "
                + "where id = ?2", d.amountFen, d.projectId)
                .chain(() -> Sql.exec("insert into project_donor (project_id, buyer_id) values (?1, ?2) on conflict do nothing",
                        d.projectId, d.buyerId))
                .chain(newDonor -> newDonor == 0 ? Uni.createFrom().item(0)
                        : Sql.exec("update charity_project set donor_count = donor_count + 1 where id = ?1", d.projectId))
                .chain(() -> Sql.exec("insert into platform_buyer (buyer_id) values (?1) on conflict do nothing", d.buyerId))
                .chain(newBuyer -> Sql.exec("update platform_totals set donated_fen = donated_fen + ?1, "
                        + "donation_count = donation_count + 1, buyer_count = buyer_count + ?2 where id = 1",
                        d.amountFen, newBuyer))
                .chain(() -> Sql.exec("insert into platform_province (province, donation_count, donated_fen) "
                        + "values (?1, 1, ?2) on conflict do nothing", d.province, d.amountFen))
                .chain(newProvince -> newProvince == 1
                        ? Sql.exec("update platform_totals set province_count = province_count + 1 where id = 1")
                        : Sql.exec("update platform_province set donation_count = donation_count + 1, "
                        + "donated_fen = donated_fen + ?1 where province = ?2", d.amountFen, d.province))
                .replaceWithVoid();
    }

    public static Uni<Void> reversed(UUID projectId, long amountFen) {
        return Sql.exec("update charity_project set reversed_fen = reversed_fen + ?1, reversal_count = reversal_count + 1 "
                + "where id = ?2", amountFen, projectId)
                .chain(() -> Sql.exec("update platform_totals set reversed_fen = reversed_fen + ?1 where id = 1", amountFen))
                .replaceWithVoid();
    }
}
