package org.gongyi.forest.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.persistence.Db;
import org.gongyi.forest.persistence.Certificates;
import org.gongyi.forest.persistence.CountyPlot;
import org.gongyi.forest.persistence.CountyPlots;
import org.gongyi.forest.persistence.ProtectedAreas;
import org.gongyi.forest.persistence.ProtectedAreas.AreaClaim;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Land paid for with energy: square metres of a protected area (never more than its size) and whole plots in
 * poverty-alleviation counties (one claimer each). The energy and the land change in one transaction.
 */
@ApplicationScoped
public class LandService {

    private final Db db;
    private final ProtectedAreas areas;
    private final CountyPlots countyPlots;
    private final Certificates certificates;
    private final Spending spending;
    private final Clock clock;

    public LandService(
            Db db,
            ProtectedAreas areas,
            CountyPlots countyPlots,
            Certificates certificates,
            Spending spending,
            Clock clock) {
        this.db = db;
        this.areas = areas;
        this.countyPlots = countyPlots;
        this.certificates = certificates;
        this.spending = spending;
        this.clock = clock;
    }

    public record ClaimedPlot(
            String certificateNo,
            UUID plotId,
            String county,
            String name,
            long sizeM2,
            long energyGrams,
            Instant claimedAt) {
        static ClaimedPlot of(CountyPlot p) {
            return new ClaimedPlot(
                    p.certificateNo(), p.id(), p.county(), p.name(), p.sizeM2(), p.priceGrams(), p.claimedAt());
        }
    }

    public record MyLand(List<AreaClaim> protectedAreas, List<ClaimedPlot> countyPlots) {}

    public Uni<AreaClaim> claimArea(String user, UUID areaId, long m2) {
        Instant now = clock.instant();
        return db.transaction(() -> areas.find(areaId)
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("No protected area " + areaId))
                .chain(area -> {
                    long cost;
                    try {
                        cost = Math.multiplyExact(m2, area.priceGramsPerM2());
                    } catch (ArithmeticException e) {
                        throw ProblemException.badRequest("m2 is too large");
                    }
                    return spending.spend(user, cost, m2 + " m² of " + area.name())
                            .chain(() -> areas.claimM2(areaId, m2))
                            .chain(claimed -> claimed
                                    ? certificates.next(Certificates.AREA, now)
                                    : areas.m2Left(areaId).map(left -> {
                                        throw ProblemException.conflict(
                                                area.name() + " has only " + left + " m² left to claim");
                                    }))
                            .chain(cert -> areas.insertClaim(UUID.randomUUID(), cert, areaId, user, m2, cost, now)
                                    .replaceWith(
                                            new AreaClaim(cert, areaId, area.name(), area.region(), m2, cost, now)));
                }));
    }

    public Uni<ClaimedPlot> claimCountyPlot(String user, UUID plotId) {
        Instant now = clock.instant();
        return db.transaction(() -> countyPlots
                .find(plotId)
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("No county plot " + plotId))
                .chain(plot -> {
                    if (plot.claimedBy() != null) {
                        throw ProblemException.conflict("Plot " + plot.name() + " is already claimed");
                    }
                    return spending.spend(user, plot.priceGrams(), "plot " + plot.name())
                            .chain(() -> certificates.next(Certificates.COUNTY_PLOT, now))
                            .chain(cert -> countyPlots
                                    .claim(plotId, user, now, cert)
                                    .map(claimed -> {
                                        if (!claimed) {
                                            throw ProblemException.conflict(
                                                    "Plot " + plot.name() + " is already claimed");
                                        }
                                        return new ClaimedPlot(
                                                cert,
                                                plotId,
                                                plot.county(),
                                                plot.name(),
                                                plot.sizeM2(),
                                                plot.priceGrams(),
                                                now);
                                    }));
                }));
    }

    public Uni<MyLand> land(String user) {
        return areas.claimsOf(user)
                .chain(claims -> countyPlots
                        .claimedBy(user)
                        .map(plots -> new MyLand(
                                claims, plots.stream().map(ClaimedPlot::of).toList())));
    }
}
