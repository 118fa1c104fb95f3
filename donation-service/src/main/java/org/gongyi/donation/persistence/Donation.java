package org.gongyi.donation.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.gongyi.common.persistence.Sql;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** One donation: one completed deal (order line) of an item with a rule in force. */
@Entity
@Table(name = "donation")
public class Donation extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "order_id")
    public String orderId;
    @Column(name = "item_id")
    public String itemId;
    @Column(name = "buyer_id")
    public String buyerId;
    @Column(name = "seller_id")
    public String sellerId;
    public String province;
    @Column(name = "project_id")
    public UUID projectId;
    @Column(name = "rule_id")
    public UUID ruleId;
    /** The rule in force when the deal completed. */
    @Embedded
    public RuleTerms terms;
    @Column(name = "paid_fen")
    public long paidFen;
    @Column(name = "amount_fen")
    public long amountFen;
    @Column(name = "completed_at")
    public Instant completedAt;
    @Column(name = "recorded_at")
    public Instant recordedAt;
    /** Refunded so far on this deal. */
    @Column(name = "refunded_fen")
    public long refundedFen;
    /** Reversed so far of this donation; reversedAt is set once all of it is. */
    @Column(name = "reversed_fen")
    public long reversedFen;
    /** The payout that settled this donation; null while it is in the open balance. */
    @Column(name = "payout_id")
    public UUID payoutId;
    @Column(name = "reversed_at")
    public Instant reversedAt;
    /** The purchase event this donation came from. */
    @Column(name = "source_event_id")
    public UUID sourceEventId;

    /**
     * Inserts the donations with one statement, skipping deals already recorded (same order and item); returns
     * those it wrote, in the given order.
     */
    public static Uni<List<Donation>> insertNew(List<Donation> donations) {
        if (donations.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Sql.Rows rows = Sql.Rows.of("uuid", "text", "text", "text", "text", "text", "uuid", "uuid", "text", "int",
                "bigint", "bigint", "bigint", "timestamptz", "timestamptz", "uuid");
        for (Donation d : donations) {
            rows.add(d.id, d.orderId, d.itemId, d.buyerId, d.sellerId, d.province, d.projectId, d.ruleId,
                    d.terms.ruleType, d.terms.basisPoints, d.terms.fixedFen, d.paidFen, d.amountFen, d.completedAt,
                    d.recordedAt, d.sourceEventId);
        }
        return Sql.strings("insert into donation (id, order_id, item_id, buyer_id, seller_id, province, project_id, "
                        + "rule_id, rule_type, basis_points, fixed_fen, paid_fen, amount_fen, completed_at, recorded_at, "
                        + "source_event_id) "
                        + rows.select() + " on conflict (order_id, item_id) do nothing returning cast(id as text)",
                rows.params()).map(ids -> {
                    Set<String> written = new HashSet<>(ids);
                    return donations.stream().filter(d -> written.contains(d.id.toString())).toList();
                });
    }
}
