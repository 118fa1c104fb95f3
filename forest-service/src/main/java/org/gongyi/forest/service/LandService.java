package org.gongyi.forest.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.persistence.Sql;
import org.gongyi.forest.persistence.Certificates;
import org.gongyi.forest.persistence.CountyPlot;
import org.gongyi.forest.persistence.ProtectedArea;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.gongyi.common.persistence.Sql.instant;
import static org.gongyi.common.persistence.Sql.utc;

/**
 * Land paid for with energy: square metres of a protected area (never more than its size) and whole plots in
 * poverty-alleviation counties (one claimer each). The energy and the land change in one transaction.
 */
@ApplicationScoped
public class LandService {

    private final Clock clock;

    public LandService(Clock clock) {
        this.clock = clock;
    }

    public record AreaClaim(String certificateNo, UUID areaId, String areaName, String region, long m2,
                            long energyGrams, Instant claimedAt) {
    }

    public record ClaimedPlot(String certificateNo, UUID plotId, String county, String name, long sizeM2,
                              long energyGrams, Instant claimedAt) {
    }

    public record MyLand(List<AreaClaim> protectedAreas, List<ClaimedPlot> countyPlots) {
    }

    @WithTransaction
    public Uni<AreaClaim> claimArea(String user, UUID areaId, long m2) {
        Instant now = clock.instant();
        return ProtectedArea.<ProtectedArea>findById(areaId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No protected area " + areaId))
                .chain(area -> {
                    long cost;
                    try {
                        cost = Math.multiplyExact(m2, area.priceGramsPerM2);
                    } catch (ArithmeticException e) {
                        throw ProblemException.badRequest("m2 is too large");
                    }
                    return PlantingService.spend(user, cost, m2 + " m² of " + area.name)
                            .chain(() -> Sql.exec("update protected_area set claimed_m2 = claimed_m2 + ?2 "
                                    + "where id = ?1 and claimed_m2 + ?2 <= size_m2", areaId, m2))
                            .chain(n -> n == 1 ? Certificates.next(Certificates.AREA, now) : Sql.numbers(
                                    "select size_m2 - claimed_m2 from protected_area where id = ?1", areaId).map(left -> {
                                        throw ProblemException.conflict(area.name + " has only " + left[0]
                                                + " m² left to claim");
                                    }))
                            .chain(cert -> Sql.exec("insert into area_claim (id, certificate_no, area_id, user_id, m2, "
                                            + "energy_grams, claimed_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                    UUID.randomUUID(), cert, areaId, user, m2, cost, utc(now))
                                    .replaceWith(new AreaClaim(cert, areaId, area.name, area.region, m2, cost, now)));
                });
    }

    @WithTransaction
    public Uni<ClaimedPlot> claimCountyPlot(String user, UUID plotId) {
        Instant now = clock.instant();
        return CountyPlot.<CountyPlot>findById(plotId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No county plot " + plotId))
                .chain(plot -> {
                    if (plot.claimedBy != null) {
                        throw ProblemException.conflict("Plot " + plot.name + " is already claimed");
                    }
                    return PlantingService.spend(user, plot.priceGrams, "plot " + plot.name)
                            .chain(() -> Certificates.next(Certificates.COUNTY_PLOT, now))
                            .chain(cert -> Sql.exec("update county_plot set claimed_by = ?2, claimed_at = ?3, "
                                            + "certificate_no = ?4 where id = ?1 and claimed_by is null", plotId, user,
                                    utc(now), cert).map(n -> {
                                if (n == 0) {
                                    throw ProblemException.conflict("Plot " + plot.name + " is already claimed");
                                }
                                return new ClaimedPlot(cert, plotId, plot.county, plot.name, plot.sizeM2,
                                        plot.priceGrams, now);
                            }));
                });
    }

    @WithSession
    public Uni<MyLand> land(String user) {
        return Sql.rows("select c.certificate_no, c.area_id, a.name, a.region, c.m2, c.energy_grams, c.claimed_at "
                                + "from area_claim c join protected_area a on a.id = c.area_id where c.user_id = ?1 "
                                + "order by c.claimed_at desc, c.certificate_no desc limit 500",
                        r -> new AreaClaim((String) r[0], (UUID) r[1], (String) r[2], (String) r[3], Sql.number(r[4]),
                                Sql.number(r[5]), instant(r[6])), user)
                .chain(areas -> Sql.rows("select certificate_no, id, county, name, size_m2, price_grams, claimed_at "
                                + "from county_plot where claimed_by = ?1 order by claimed_at desc limit 500",
                        r -> new ClaimedPlot((String) r[0], (UUID) r[1], (String) r[2], (String) r[3],
                                Sql.number(r[4]), Sql.number(r[5]), instant(r[6])), user)
                        .map(plots -> new MyLand(areas, plots)));
    }
}
