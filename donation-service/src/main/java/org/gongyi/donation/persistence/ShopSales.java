package org.gongyi.donation.persistence;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;
import org.gongyi.common.persistence.Sql;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.gongyi.common.persistence.Sql.bigint;
import static org.gongyi.common.persistence.Sql.text;
import static org.gongyi.common.persistence.Sql.timestamptz;
import static org.gongyi.common.persistence.Sql.uuid;

/** The completed orders of enrolled mothers' shops: a Magic Bean programme's sales figures. */
@ApplicationScoped
public class ShopSales {

    /** A completed order as the shop's sales count it: the sum of its lines. */
    public record Sale(String orderId, String sellerId, long paidFen, Instant completedAt, UUID sourceEventId) {}

    /**
     * One statement per batch of purchases: the orders of shops whose mother was enrolled by the time they completed,
     * each order once (a purchase sent again adds nothing), and the programmes' sales figures.
     */
    private static final String RECORD_SALES = """
            with sale as (
                select * from unnest(cast($1 as text[]), cast($2 as text[]), cast($3 as bigint[]),
                                     cast($4 as timestamptz[]), cast($5 as uuid[]))
                    as s (order_id, seller_id, paid_fen, completed_at, source_event_id)),
            recorded as (
                insert into shop_sale (order_id, seller_id, programme_id, beneficiary_id, paid_fen, completed_at,
                                       source_event_id)
                select s.order_id, s.seller_id, b.programme_id, b.id, s.paid_fen, s.completed_at, s.source_event_id
                from sale s join beneficiary b on b.seller_id = s.seller_id and s.completed_at >= b.enrolled_at
                on conflict (order_id) do nothing
                returning programme_id, paid_fen),
            -- the programmes locked in id order: concurrent batches take the same rows in the same order
            locked as (
                select id from programme where id in (select programme_id from recorded) order by id
                for no key update)
            update programme p
               set shop_sale_count = p.shop_sale_count + r.sales, shop_sales_fen = p.shop_sales_fen + r.paid_fen
              from (select programme_id, count(*) as sales, sum(paid_fen) as paid_fen
                    from recorded group by programme_id) r
              join locked l on l.id = r.programme_id
             where p.id = r.programme_id""";

    private static final Sql.Columns<Sale> SALE_COLUMNS = Sql.Columns.of(
            text(Sale::orderId),
            text(Sale::sellerId),
            bigint(Sale::paidFen),
            timestamptz(Sale::completedAt),
            uuid(Sale::sourceEventId));

    private final Db db;

    public ShopSales(Db db) {
        this.db = db;
    }

    /** Records the sales of enrolled mothers' shops among {@code sales} (one per order). */
    public Uni<Void> record(List<Sale> sales) {
        if (sales.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return db.update(RECORD_SALES, SALE_COLUMNS.params(sales)).replaceWithVoid();
    }
}
