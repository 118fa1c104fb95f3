package org.gongyi.volunteer.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.time.ChinaTime;
import org.gongyi.volunteer.domain.WelfareTime;
import org.gongyi.volunteer.persistence.Reports;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The quarter's most active organisations, and platform totals. */
@ApplicationScoped
public class ReportService {

    public record OrganisationRank(
            int rank, String organisationId, String name, long volunteers, long tenths, String hours) {}

    /** See {@link Reports.Totals}; {@code hours} is {@code tenths} as hours. */
    public record Totals(
            long volunteers,
            long participants,
            long organisations,
            long activities,
            long actions,
            long tenths,
            String hours) {}

    private final Reports reports;

    public ReportService(Reports reports) {
        this.reports = reports;
    }

    /** Organisations ranked by verified service time in the quarter (by verification time, Asia/Shanghai). */
    public Uni<List<OrganisationRank>> rankings(int year, int quarter, int limit) {
        LocalDate start = LocalDate.of(year, 3 * (quarter - 1) + 1, 1);
        Instant from = start.atStartOfDay(ChinaTime.ZONE).toInstant();
        Instant to = start.plusMonths(3).atStartOfDay(ChinaTime.ZONE).toInstant();
        return reports.rankedByVerifiedTime(from, to, limit).map(rows -> {
            List<OrganisationRank> out = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                Reports.OrganisationTime r = rows.get(i);
                out.add(new OrganisationRank(
                        i + 1,
                        r.organisationId(),
                        r.name(),
                        r.volunteers(),
                        r.tenths(),
                        WelfareTime.hours(r.tenths())));
            }
            return out;
        });
    }

    /** Volunteers, participants, verified organisations, activities, credits and time in force. */
    public Uni<Totals> totals() {
        return reports.totals()
                .map(t -> new Totals(
                        t.volunteers(),
                        t.participants(),
                        t.organisations(),
                        t.activities(),
                        t.actions(),
                        t.tenths(),
                        WelfareTime.hours(t.tenths())));
    }
}
