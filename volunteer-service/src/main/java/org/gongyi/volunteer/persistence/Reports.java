package org.gongyi.volunteer.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.List;

/** Platform totals and organisation rankings. */
@ApplicationScoped
public class Reports {

    public record OrganisationTime(String organisationId, String name, long volunteers, long tenths) {
        static OrganisationTime from(Row row) {
            return new OrganisationTime(
                    row.getString("id"), row.getString("name"), row.getLong("volunteers"), row.getLong("tenths"));
        }
    }

    /**
     * {@code volunteers}: people who signed up for an activity or served (offline service, blood) with the time still
     * credited; {@code participants}: people holding welfare time from any source; {@code actions}, {@code tenths}:
     * the credits in force (a revoked credit, e.g. of a refunded donation, counts nowhere).
     */
    public record Totals(
            long volunteers, long participants, long organisations, long activities, long actions, long tenths) {
        static Totals from(Row row) {
            return new Totals(
                    row.getLong("volunteers"),
                    row.getLong("participants"),
                    row.getLong("organisations"),
                    row.getLong("activities"),
                    row.getLong("actions"),
                    row.getLong("tenths"));
        }
    }

    private static final String TOTALS = """
            select (select count(*) from (
                        select user_id from sign_up
                        union
                        select user_id from welfare_credit
                        where source in ('OFFLINE_SERVICE', 'BLOOD') and revoked_at is null) v) as volunteers,
                   (select count(distinct user_id) from welfare_credit where revoked_at is null) as participants,
                   (select count(*) from organisation where verified_at is not null) as organisations,
                   (select count(*) from activity) as activities,
                   (select count(*) from welfare_credit where revoked_at is null) as actions,
                   (select coalesce(sum(tenths), 0) from welfare_credit where revoked_at is null) as tenths
            """;
    /** Organisations by verified service time (then volunteers) with the time verified in [from, to). */
    private static final String RANKED_BY_VERIFIED_TIME = """
            select o.id, o.name, count(distinct r.user_id) as volunteers, sum(r.tenths) as tenths
            from service_record r
            join activity a on a.id = r.activity_id
            join organisation o on o.id = a.organisation_id
            where r.status = 'VERIFIED' and r.verified_at >= $1 and r.verified_at < $2
            group by o.id, o.name
            order by tenths desc, volunteers desc, o.id
            limit $3
            """;

    private final Db db;

    public Reports(Db db) {
        this.db = db;
    }

    public Uni<Totals> totals() {
        return db.first(TOTALS, Totals::from);
    }

    public Uni<List<OrganisationTime>> rankedByVerifiedTime(Instant from, Instant to, int limit) {
        return db.list(RANKED_BY_VERIFIED_TIME, OrganisationTime::from, from, to, limit);
    }
}
