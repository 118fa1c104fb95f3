package org.gongyi.donation.persistence;

import org.gongyi.events.replay.ReplayPlan;
import org.gongyi.events.replay.ReplayPlan.Feed;
import org.gongyi.events.replay.ReplayPlan.Projection;

import java.util.List;

/**
 * What an auditor's replay of donation-service works on: commerce.orders again through the consumer's own code (the
 * feed), over copies of the organisations, projects, (versioned) item rules, programmes and beneficiaries, and the
 * lucky bags' pools, bags and draws (whose donations it makes again from them); purchases
 * make their donations and the enrolled mothers' shops' sales, refunds their reversals; the projects' donated side, donors, buyers, provinces, totals and history are then rebuilt
 * set-based from all the donations ({@link Projections#REBUILT_FROM_DONATIONS}); then the projections below are
 * compared with the live ones, and the donations' and reversals' events with those published; the programmes' figures
 * (benefits bought at settlement, claims and jobs recorded: commands) are compared with what their published events
 * add up to. Times the service stamps
 * itself (recorded at, reversed at) and settlement (payouts are commands) are left out. Counters and first-seen rows
 * are compared on whether they name an event ({@code traced}): which one is last depends on how partitions interleave.
 */
public final class AuditPlan {

    /**
     * Read as they are by purchases and refunds; and the lucky bags' pools, bags, chances and draws (openings are
     * commands; the chances' topic forgets after 30 days).
     */
    private static final List<String> COPIED = List.of(
            "charity_organisation",
            "charity_project",
            "charity_rule",
            "programme",
            "beneficiary",
            "lucky_pool",
            "lucky_bag",
            "lucky_chance",
            "lucky_opener_day");

    /**
     * The opened lucky bags' donations, made again from the bags and the draws that opened them (compared with the live
     * ones among all donations).
     */
    private static final String LUCKY_BAGS_DONATIONS = """
            insert into donation (id, order_id, item_id, buyer_id, seller_id, province, project_id, paid_fen, amount_fen,
                                  completed_at, recorded_at, source_event_id, lucky_pool_id)
            select b.donation_id, 'lucky-bag:' || b.pool_id || ':' || b.bag_no, cast(b.pool_id as text), b.opened_by,
                   p.sponsor_id, null, b.project_id, b.amount_fen, b.amount_fen, b.opened_at, b.opened_at,
                   c.source_event_id, b.pool_id
            from lucky_bag b
            join lucky_pool p on p.id = b.pool_id
            join lucky_chance c on c.pool_id = b.pool_id and c.bag_no = b.bag_no
            where b.opened_by is not null""";

    /** The counters the replay counts again. */
    private static final List<String> RESET = List.of("""
            update charity_project set donated_fen = 0, reversed_fen = 0, donation_count = 0, reversal_count = 0,
                   donor_count = 0, last_event_id = null""", """
            insert into platform_totals (id) values (1)""", """
            update programme set shop_sale_count = 0, shop_sales_fen = 0""", LUCKY_BAGS_DONATIONS);

    private static final List<Projection> COMPARED = List.of(
            new Projection("project progress", """
                    select cast(id as text) as project, donated_fen, reversed_fen, donation_count, reversal_count,
                           donor_count, last_event_id is not null as traced
                    from charity_project""", 1),
            new Projection("donations", """
                    select order_id, item_id, buyer_id, seller_id, province, cast(project_id as text) as project,
                           cast(rule_id as text) as rule, rule_type, basis_points, fixed_fen, paid_fen, amount_fen,
                           refunded_fen, reversed_fen, completed_at, reversed_at is not null as wholly_reversed,
                           cast(source_event_id as text) as source_event, cast(lucky_pool_id as text) as lucky_pool
                    from donation""", 2),
            new Projection("reversals", """
                    select d.order_id, d.item_id, count(*) as reversals, sum(r.amount_fen) as amount_fen,
                           sum(r.refunded_fen) as refunded_fen,
                           string_agg(cast(r.source_event_id as text), ',' order by cast(r.source_event_id as text))
                               as source_events
                    from donation_reversal r join donation d on d.id = r.donation_id
                    group by d.order_id, d.item_id""", 2),
            new Projection("refunds before purchase", """
                    select order_id, coalesce(item_id, '*') as item, count(*) as refunds, sum(refunded_fen) as refunded_fen,
                           count(applied_at) as applied,
                           string_agg(cast(source_event_id as text), ',' order by cast(source_event_id as text))
                               as source_events
                    from early_refund
                    group by order_id, coalesce(item_id, '*')""", 2),
            new Projection("project donors", """
                    select cast(project_id as text) as project, buyer_id, source_event_id is not null as traced
                    from project_donor""", 2),
            new Projection("platform totals", """
                    select id, donated_fen, reversed_fen, donation_count, buyer_count, province_count,
                           last_event_id is not null as traced
                    from platform_totals""", 1),
            new Projection("provinces", """
                    select province, donation_count, donated_fen, last_event_id is not null as traced
                    from platform_province""", 1),
            new Projection("buyers", """
                    select buyer_id, source_event_id is not null as traced from platform_buyer""", 1),
            // the donations' side of the history (reversals count at the minute they were made)
            new Projection("history by minute", """
                    select cast(minute as text) as minute, donated_fen, donation_count
                    from donation_minute where donation_count > 0""", 1),
            Projection.fromEvents("project progress from published events", """
                    select cast(id as text) as project, donated_fen, reversed_fen, donation_count, reversal_count
                    from charity_project where donation_count > 0 or reversal_count > 0""", """
                    select payload ->> 'projectId' as project,
                           cast(coalesce(sum(cast(payload ->> 'amountFen' as bigint))
                                filter (where ce_type = 'donation.recorded'), 0) as bigint) as donated_fen,
                           cast(coalesce(sum(cast(payload ->> 'amountFen' as bigint))
                                filter (where ce_type = 'donation.reversed'), 0) as bigint) as reversed_fen,
                           count(*) filter (where ce_type = 'donation.recorded') as donation_count,
                           count(*) filter (where ce_type = 'donation.reversed') as reversal_count
                    from event_ledger
                    where ce_type in ('donation.recorded', 'donation.reversed')
                    group by 1""", 1),
            // a programme page's figures are what its published benefits and claims add up to
            Projection.fromEvents("programme figures from published events", """
                    select cast(id as text) as programme, benefit_count, spent_fen, helped_count, claim_count,
                           claims_paid_fen
                    from programme where benefit_count > 0 or claim_count > 0""", """
                    select payload ->> 'programmeId' as programme,
                           count(*) filter (where ce_type = 'donation.benefit-bought') as benefit_count,
                           cast(coalesce(sum(cast(payload ->> 'amountFen' as bigint))
                                filter (where ce_type = 'donation.benefit-bought'), 0) as bigint) as spent_fen,
                           count(distinct payload ->> 'beneficiaryId')
                                filter (where ce_type = 'donation.benefit-bought') as helped_count,
                           count(*) filter (where ce_type = 'donation.claim-paid') as claim_count,
                           cast(coalesce(sum(cast(payload ->> 'amountFen' as bigint))
                                filter (where ce_type = 'donation.claim-paid'), 0) as bigint) as claims_paid_fen
                    from event_ledger
                    where ce_type in ('donation.benefit-bought', 'donation.claim-paid')
                    group by 1""", 1),
            // the jobs a programme's page counts are the latest report of each month
            Projection.fromEvents("programme jobs from published events", """
                    select cast(id as text) as programme, job_count
                    from programme p where exists (select 1 from programme_jobs j where j.programme_id = p.id)""", """
                    select programme, cast(sum(jobs) as bigint) as job_count
                    from (select distinct on (payload ->> 'programmeId', payload ->> 'month')
                                 payload ->> 'programmeId' as programme, cast(payload ->> 'jobs' as int) as jobs
                          from event_ledger
                          where ce_type = 'donation.jobs-reported'
                          order by payload ->> 'programmeId', payload ->> 'month',
                                   cast(payload ->> 'reportedAt' as timestamptz) desc) latest
                    group by programme""", 1),
            // the enrolled mothers' shops' orders, made again from commerce.orders
            new Projection("shop sales", """
                    select order_id, seller_id, cast(programme_id as text) as programme,
                           cast(beneficiary_id as text) as beneficiary, paid_fen, completed_at,
                           cast(source_event_id as text) as source_event
                    from shop_sale""", 1),
            new Projection("programme shop figures", """
                    select cast(id as text) as programme, shop_sale_count, shop_sales_fen
                    from programme where kind = 'MOTHERS_BUSINESS'""", 1),
            // the bags opened are the lucky bags' donations published
            Projection.fromEvents("lucky bags from published events", """
                    select cast(pool_id as text) as pool, count(*) as opened,
                           cast(sum(amount_fen) as bigint) as opened_fen
                    from lucky_bag where opened_by is not null group by 1""", """
                    select payload -> 'sponsored' ->> 'poolId' as pool, count(*) as opened,
                           cast(sum(cast(payload ->> 'amountFen' as bigint)) as bigint) as opened_fen
                    from event_ledger
                    where ce_type = 'donation.recorded' and jsonb_typeof(payload -> 'sponsored') = 'object'
                    group by 1""", 1),
            // one donation.recorded per donation, one donation.reversed per reversal, keyed by buyer
            Projection.emittedAgainstPublished("events emitted vs published", """
                    select ce_type, key, count(*) as events
                    from (select 'donation.recorded' as ce_type, buyer_id as key from donation
                          union all
                          select 'donation.reversed', d.buyer_id
                          from donation_reversal r join donation d on d.id = r.donation_id) emitted
                    group by 1, 2""", """
                    select ce_type, key, count(*) as events
                    from event_ledger
                    where ce_type in ('donation.recorded', 'donation.reversed')
                    group by 1, 2""", 2));

    /** Bills, settlement and reports read by these; the effects find a deal by its order and item. */
    private static final String[] READ_INDEXES = {
        "donation_buyer",
        "donation_seller",
        "donation_project",
        "donation_unsettled",
        "donation_completed",
        "donation_reversal_time",
        "donation_reversal_unsettled"
    };

    private AuditPlan() {}

    /** The plan for the consumer's feed. */
    public static ReplayPlan of(Feed feed) {
        return new ReplayPlan(List.of(feed), COPIED, RESET, COMPARED)
                .rebuilding(Projections.REBUILT_FROM_DONATIONS)
                .withoutIndexes(READ_INDEXES);
    }
}
