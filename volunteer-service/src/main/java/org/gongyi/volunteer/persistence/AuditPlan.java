package org.gongyi.volunteer.persistence;

import org.gongyi.events.replay.ReplayPlan;
import org.gongyi.events.replay.ReplayPlan.Feed;
import org.gongyi.events.replay.ReplayPlan.Projection;

import java.util.List;

/**
 * What an auditor's replay of volunteer-service works on: donation.donations and forest.events again through the
 * consumer's own effects; then the donation credits, the welfare time credited for donations and trees, the people's
 * yearly totals of those sources and the credit events compared with the live ones; the campaigns' participations
 * and counters (9.5 Charity Week) compared too. Offline service and blood donations are commands (check-ins, records),
 * left out; so are pledge certificates, which count them. Pledges taken are commands, copied.
 */
public final class AuditPlan {

    /**
     * Campaigns are commands; so are the sign-ups, check-ins and pledges they counted (the pledges themselves copied
     * too); leads' participations are copied too (the topic that brought them keeps 30 days: the replay reads donations
     * and forest events).
     */
    private static final List<String> COPIED = List.of("campaign", "campaign_participation", "pledge");

    /**
     * The participations the replayed events made are counted again; every other action's (SIGN_UP, CHECK_IN, PLEDGE,
     * LEAD) stays as copied. Every counter is rebuilt at the end.
     */
    private static final List<String> RESET = List.of("""
            delete from campaign_participation where action in ('DONATION', 'TREE_PLANTED', 'ENERGY_EARNED')""");

    /** The campaigns' participants and counters, from all their participations (as the live ones were kept). */
    private static final List<String> REBUILT =
            List.of("delete from campaign_participant", "delete from campaign_tally", """
            insert into campaign_participant (campaign_id, scope, person_id)
            select campaign_id, '*', person_id from campaign_participation
            union
            select campaign_id, 'area:' || area, person_id from campaign_participation
            union
            select campaign_id, 'province:' || province, person_id from campaign_participation
            where province is not null""", """
            insert into campaign_tally (campaign_id, scope, participations, participants)
            select c.campaign_id, c.scope, c.participations,
                   (select count(*) from campaign_participant p
                    where p.campaign_id = c.campaign_id and p.scope = c.scope)
            from (select campaign_id, scope, count(*) as participations
                  from (select campaign_id, '*' as scope from campaign_participation
                        union all
                        select campaign_id, 'area:' || area from campaign_participation
                        union all
                        select campaign_id, 'province:' || province from campaign_participation
                        where province is not null) s
                  group by campaign_id, scope) c""");

    private static final List<Projection> COMPARED = List.of(
            new Projection("campaign participations", """
                    select cast(campaign_id as text) as campaign, action, source_ref, person_id, area, province,
                           occurred_at, cast(source_event_id as text) as source_event
                    from campaign_participation""", 3),
            new Projection("campaign counters", """
                    select cast(campaign_id as text) as campaign, scope, participations, participants
                    from campaign_tally""", 2),
            // each participation counted was said once (the topic keeps 30 days: the last 29 are compared)
            Projection.fromEvents("participations from published events", """
                    select cast(campaign_id as text) as campaign, person_id, count(*) as participations
                    from campaign_participation where occurred_at > now() - interval '29 days'
                    group by 1, 2""", """
                    select payload ->> 'campaignId' as campaign, payload ->> 'personId' as person_id,
                           count(*) as participations
                    from event_ledger
                    where ce_type = 'volunteer.participation-counted'
                      and cast(payload ->> 'occurredAt' as timestamptz) > now() - interval '29 days'
                    group by 1, 2""", 2),
            new Projection("donation credits", """
                    select donation_id, user_id, amount_fen, reversed_fen, credit_id is not null as credited,
                           revoked_at is not null as revoked, cast(source_event_id as text) as source_event
                    from donation_credit""", 1),
            new Projection("welfare time for donations and trees", """
                    select source, source_ref, user_id, year, tenths, revoked_at is not null as revoked,
                           cast(source_event_id as text) as source_event
                    from welfare_credit where source in ('DONATION', 'TREE')""", 3),
            new Projection("yearly totals of those", """
                    select user_id, year, source, tenths, cast(last_event_id as text) as last_event
                    from welfare_year where source in ('DONATION', 'TREE')""", 3),
            Projection.fromEvents("yearly totals from published events", """
                    select user_id, year, cast(sum(tenths) as bigint) as tenths from welfare_year group by user_id, year""", """
                    select payload ->> 'userId' as user_id, cast(payload ->> 'year' as int) as year,
                           cast(sum(cast(payload ->> 'tenths' as bigint)) as bigint) as tenths
                    from event_ledger where ce_type = 'volunteer.welfare-time-credited'
                    group by 1, 2""", 2),
            Projection.emittedAgainstPublished("events emitted vs published", """
                    select cast(partition_key as text) as key, count(*) as events,
                           sum(cast(cast(payload as jsonb) ->> 'tenths' as int)) as tenths
                    from outbox_event
                    where ce_type = 'volunteer.welfare-time-credited'
                      and cast(payload as jsonb) ->> 'source' in ('DONATION', 'TREE')
                    group by 1""", """
                    select key, count(*) as events, sum(cast(payload ->> 'tenths' as int)) as tenths
                    from event_ledger
                    where ce_type = 'volunteer.welfare-time-credited'
                      and payload ->> 'source' in ('DONATION', 'TREE')
                    group by 1""", 1));

    private AuditPlan() {}

    /**
     * The plan for the consumer's feeds: the credits are made again from nothing; the campaigns' participations that
     * events made are counted again, and their counters rebuilt from every participation.
     */
    public static ReplayPlan of(Feed donations, Feed forest) {
        return new ReplayPlan(List.of(donations, forest), COPIED, RESET, COMPARED).rebuilding(REBUILT);
    }
}
