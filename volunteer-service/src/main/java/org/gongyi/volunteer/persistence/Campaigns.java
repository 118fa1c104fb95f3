package org.gongyi.volunteer.persistence;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;
import org.gongyi.common.persistence.Sql;
import org.gongyi.volunteer.domain.Campaign;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.gongyi.common.persistence.Sql.name;
import static org.gongyi.common.persistence.Sql.text;
import static org.gongyi.common.persistence.Sql.timestamptz;
import static org.gongyi.common.persistence.Sql.uuid;

/** Campaigns, the participations they count and their live counter. */
@ApplicationScoped
public class Campaigns {

    /** The counter's scopes: everything, one system, one province. */
    public static final String OVERALL = "*";

    public static final String AREA = "area:";
    public static final String PROVINCE = "province:";

    /** One fact counted by one campaign. */
    public record Participation(
            UUID campaignId,
            Campaign.Action action,
            String sourceRef,
            String personId,
            String province,
            Instant occurredAt,
            UUID sourceEventId) {}

    /** Participations and distinct participants in one scope of a campaign's counter. */
    public record Tally(String scope, long participations, long participants) {}

    private static final String INSERT = """
            insert into campaign (id, name, starts_at, ends_at, actions, goal, created_at)
            values ($1, $2, $3, $4, cast($5 as varchar(30)[]), $6, $7)
            returning %s""".formatted(DefinedCampaign.COLUMNS);
    private static final String BY_ID = "select %s from campaign where id = $1".formatted(DefinedCampaign.COLUMNS);
    private static final String PAGE_LATEST_FIRST = """
            select %s from campaign order by starts_at desc, id limit $1 offset $2""".formatted(DefinedCampaign.COLUMNS);
    /** Every campaign (a few a year): a late fact counts in the window it happened in, however late it comes. */
    private static final String ALL = "select %s from campaign".formatted(DefinedCampaign.COLUMNS);

    /**
     * One statement: the participations not counted before (a fact once per campaign), then each new one's person in
     * the overall, system and province scopes (a person once per scope), then the counter of each scope — rows taken
     * in key order, so concurrent transactions never wait on each other in a circle; returns the participations it
     * counted.
     */
    private static final String COUNT = """
            with fact as (
                select * from unnest(cast($1 as uuid[]), cast($2 as text[]), cast($3 as text[]), cast($4 as text[]),
                                     cast($5 as text[]), cast($6 as text[]), cast($7 as timestamptz[]),
                                     cast($8 as uuid[]))
                    as f (campaign_id, action, source_ref, person_id, area, province, occurred_at, source_event_id)),
            counted as (
                insert into campaign_participation (campaign_id, action, source_ref, person_id, area, province,
                                                    occurred_at, source_event_id)
                select * from fact
                on conflict do nothing
                returning campaign_id, action, source_ref, person_id, area, province, occurred_at, source_event_id),
            scoped as (
                select campaign_id, person_id, '*' as scope from counted
                union all
                select campaign_id, person_id, 'area:' || area from counted
                union all
                select campaign_id, person_id, 'province:' || province from counted where province is not null),
            newcomers as (
                insert into campaign_participant (campaign_id, scope, person_id)
                select distinct campaign_id, scope, person_id from scoped
                order by campaign_id, scope, person_id
                on conflict do nothing
                returning campaign_id, scope),
            counts as (
                select s.campaign_id, s.scope, count(*) as participations,
                       (select count(*) from newcomers n
                        where n.campaign_id = s.campaign_id and n.scope = s.scope) as participants
                from scoped s group by s.campaign_id, s.scope),
            tallied as (
                insert into campaign_tally (campaign_id, scope, participations, participants)
                select campaign_id, scope, participations, participants from counts
                order by campaign_id, scope
                on conflict (campaign_id, scope) do update
                   set participations = campaign_tally.participations + excluded.participations,
                       participants = campaign_tally.participants + excluded.participants)
            select campaign_id, action, source_ref, person_id, province, occurred_at, source_event_id from counted""";

    private static final Sql.Columns<Participation> PARTICIPATION_COLUMNS = Sql.Columns.of(
            uuid(Participation::campaignId),
            name(Participation::action),
            text(Participation::sourceRef),
            text(Participation::personId),
            text(p -> p.action().area().name()),
            text(Participation::province),
            timestamptz(Participation::occurredAt),
            uuid(Participation::sourceEventId));

    private static final String TALLIES = """
            select scope, participations, participants from campaign_tally where campaign_id = $1 order by scope""";

    private final Db db;

    public Campaigns(Db db) {
        this.db = db;
    }

    public Uni<DefinedCampaign> insert(UUID id, Campaign c, Instant now) {
        return db.first(
                INSERT,
                DefinedCampaign::from,
                id,
                c.name(),
                c.startsAt(),
                c.endsAt(),
                c.actions().stream().map(Enum::name).sorted().toArray(String[]::new),
                c.goal(),
                now);
    }

    /** The campaign, or null. */
    public Uni<DefinedCampaign> find(UUID id) {
        return db.first(BY_ID, DefinedCampaign::from, id);
    }

    public Uni<List<DefinedCampaign>> page(int page, int size) {
        return db.list(PAGE_LATEST_FIRST, DefinedCampaign::from, size, page * size);
    }

    public Uni<List<DefinedCampaign>> all() {
        return db.list(ALL, DefinedCampaign::from);
    }

    /**
     * Counts the participations (each fact once per campaign) into the campaigns' counters; those counted now (not
     * before).
     */
    public Uni<List<Participation>> count(List<Participation> participations) {
        if (participations.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return db.list(
                COUNT,
                r -> new Participation(
                        r.getUUID("campaign_id"),
                        Campaign.Action.valueOf(r.getString("action")),
                        r.getString("source_ref"),
                        r.getString("person_id"),
                        r.getString("province"),
                        Db.instant(r, "occurred_at"),
                        r.getUUID("source_event_id")),
                PARTICIPATION_COLUMNS.params(participations));
    }

    public Uni<List<Tally>> tallies(UUID campaignId) {
        return db.list(
                TALLIES,
                r -> new Tally(r.getString("scope"), r.getLong("participations"), r.getLong("participants")),
                campaignId);
    }
}
