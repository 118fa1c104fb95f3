package org.gongyi.volunteer.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Sql;
import org.gongyi.volunteer.domain.WelfareTime;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.gongyi.common.persistence.Sql.utc;

/** The quarter's most active organisations, and platform totals. */
@ApplicationScoped
public class ReportService {

    public record OrganisationRank(int rank, String organisationId, String name, long volunteers, long tenths,
                                   String hours) {
    }

    /**
     * {@code volunteers}: people who signed up for an activity or served (offline service, blood) with the time still
     * credited; {@code participants}: people holding welfare time from any source; {@code actions}, {@code tenths}:
     * the credits in force (a revoked credit, e.g. of a refunded donation, counts nowhere).
     */
    public record Totals(long volunteers, long participants, long organisations, long activities, long actions,
                         long tenths, String hours) {
    }

    private static final String TOTALS = """
            select (select count(*) from (
                        select user_id from sign_up
                        union
                        select user_id from welfare_credit
                        where source in ('OFFLINE_SERVICE', 'BLOOD') and revoked_at is null) v),
                   (select count(distinct user_id) from welfare_credit where revoked_at is null),
                   (select count(*) from organisation where verified_at is not null),
                   (select count(*) from activity),
                   (select count(*) from welfare_credit where revoked_at is null),
                   (select coalesce(sum(tenths), 0) from welfare_credit where revoked_at is null)
            """;

    /** Organisations ranked by verified service time in the quarter (by verification time, Asia/Shanghai). */
    @WithSession
    public Uni<List<OrganisationRank>> rankings(int year, int quarter, int limit) {
        LocalDate start = LocalDate.of(year, 3 * (quarter - 1) + 1, 1);
        Instant from = start.atStartOfDay(WelfareTime.ZONE).toInstant();
        Instant to = start.plusMonths(3).atStartOfDay(WelfareTime.ZONE).toInstant();
        return Sql.rows("select o.id, o.name, count(distinct r.user_id), sum(r.tenths) from service_record r "
                        + "join activity a on a.id = r.activity_id join organisation o on o.id = a.organisation_id "
                        + "where r.status = 'VERIFIED' and r.verified_at >= ?1 and r.verified_at < ?2 "
                        + "group by o.id, o.name order by 4 desc, 3 desc, 1 limit ?3",
                r -> new Object[]{r[0], r[1], Sql.number(r[2]), Sql.number(r[3])}, utc(from), utc(to), limit)
                .map(rows -> {
                    List<OrganisationRank> out = new java.util.ArrayList<>();
                    for (int i = 0; i < rows.size(); i++) {
                        Object[] r = rows.get(i);
                        out.add(new OrganisationRank(i + 1, (String) r[0], (String) r[1], (Long) r[2], (Long) r[3],
                                WelfareTime.hours((Long) r[3])));
                    }
                    return out;
                });
    }

    /** Volunteers, participants, verified organisations, activities, credits and time in force. */
    @WithSession
    public Uni<Totals> totals() {
        return Sql.numbers(TOTALS)
                .map(n -> new Totals(n[0], n[1], n[2], n[3], n[4], n[5], WelfareTime.hours(n[5])));
    }
}
