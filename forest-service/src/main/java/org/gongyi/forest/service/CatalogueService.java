package org.gongyi.forest.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.persistence.Sql;
import org.gongyi.forest.api.PlantingDtos.NewArea;
import org.gongyi.forest.api.PlantingDtos.NewCountyPlot;
import org.gongyi.forest.api.PlantingDtos.NewPhoto;
import org.gongyi.forest.api.PlantingDtos.NewPlot;
import org.gongyi.forest.api.PlantingDtos.NewProject;
import org.gongyi.forest.api.PlantingDtos.NewStation;
import org.gongyi.forest.api.PlantingDtos.SpeciesInput;
import org.gongyi.forest.api.PlantingDtos.TotalsView;
import org.gongyi.forest.persistence.CountyPlot;
import org.gongyi.forest.persistence.PlantingProject;
import org.gongyi.forest.persistence.Plot;
import org.gongyi.forest.persistence.PlotPhoto;
import org.gongyi.forest.persistence.ProtectedArea;
import org.gongyi.forest.persistence.Station;
import org.gongyi.forest.persistence.Totals;
import org.gongyi.forest.persistence.TreeSpecies;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the platform's admins set up: species, planting projects and plots, land, stations; and what they report. */
@ApplicationScoped
public class CatalogueService {

    private final Clock clock;

    public CatalogueService(Clock clock) {
        this.clock = clock;
    }

    @WithSession
    public Uni<List<TreeSpecies>> species() {
        return TreeSpecies.listAll(Sort.by("energyGrams").and("code"));
    }

    /** Adds a species or changes its names and price (trees already planted keep what they cost). */
    @WithTransaction
    public Uni<TreeSpecies> putSpecies(String code, SpeciesInput in) {
        return TreeSpecies.<TreeSpecies>findById(code).chain(existing -> {
            TreeSpecies s = existing == null ? new TreeSpecies() : existing;
            s.nameZh = in.nameZh();
            s.nameEn = in.nameEn();
            s.energyGrams = in.energyGrams();
            if (existing != null) {
                return Uni.createFrom().item(s);
            }
            s.code = code;
            s.createdAt = clock.instant();
            return s.persist();
        });
    }

    @WithTransaction
    public Uni<PlantingProject> createProject(NewProject in) {
        return TreeSpecies.<TreeSpecies>findById(in.speciesCode())
                .onItem().ifNull().failWith(() -> ProblemException.badRequest("No species " + in.speciesCode()))
                .chain(species -> {
                    PlantingProject p = new PlantingProject();
                    p.id = UUID.randomUUID();
                    p.name = in.name();
                    p.region = in.region();
                    p.speciesCode = species.code;
                    p.partner = in.partner();
                    p.stock = in.stock();
                    p.createdAt = clock.instant();
                    return p.<PlantingProject>persist()
                            .chain(() -> Plot.persist(in.plots().stream().map(n -> plot(p.id, n)).toList()))
                            .replaceWith(p);
                });
    }

    @WithTransaction
    public Uni<Plot> addPlot(UUID projectId, NewPlot in) {
        return PlantingProject.<PlantingProject>findById(projectId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No planting project " + projectId))
                .chain(p -> plot(projectId, in).persist());
    }

    private Plot plot(UUID projectId, NewPlot in) {
        Plot plot = new Plot();
        plot.id = UUID.randomUUID();
        plot.projectId = projectId;
        plot.name = in.name();
        plot.latitude = in.latitude();
        plot.longitude = in.longitude();
        plot.createdAt = clock.instant();
        return plot;
    }

    @WithSession
    public Uni<List<PlantingProject>> projects(int page, int size) {
        return PlantingProject.<PlantingProject>findAll(Sort.by("createdAt").and("id")).page(Page.of(page, size)).list();
    }

    @WithSession
    public Uni<PlantingProject> project(UUID id) {
        return PlantingProject.<PlantingProject>findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No planting project " + id));
    }

    @WithSession
    public Uni<List<Plot>> plots(List<UUID> projectIds) {
        return projectIds.isEmpty() ? Uni.createFrom().item(List.of())
                : Plot.list("projectId in ?1", Sort.by("createdAt").and("id"), projectIds);
    }

    @WithTransaction
    public Uni<ProtectedArea> createArea(NewArea in) {
        ProtectedArea a = new ProtectedArea();
        a.id = UUID.randomUUID();
        a.name = in.name();
        a.region = in.region();
        a.sizeM2 = in.sizeM2();
        a.priceGramsPerM2 = in.priceGramsPerM2();
        a.createdAt = clock.instant();
        return a.persist();
    }

    @WithSession
    public Uni<List<ProtectedArea>> areas(int page, int size) {
        return ProtectedArea.<ProtectedArea>findAll(Sort.by("createdAt").and("id")).page(Page.of(page, size)).list();
    }

    @WithTransaction
    public Uni<CountyPlot> createCountyPlot(NewCountyPlot in) {
        CountyPlot p = new CountyPlot();
        p.id = UUID.randomUUID();
        p.county = in.county();
        p.name = in.name();
        p.sizeM2 = in.sizeM2();
        p.priceGrams = in.priceGrams();
        p.createdAt = clock.instant();
        return p.persist();
    }

    @WithSession
    public Uni<List<CountyPlot>> countyPlots(boolean unclaimedOnly, int page, int size) {
        Sort sort = Sort.by("createdAt").and("id");
        return (unclaimedOnly ? CountyPlot.<CountyPlot>find("claimedBy is null", sort) : CountyPlot.<CountyPlot>findAll(sort))
                .page(Page.of(page, size)).list();
    }

    @WithTransaction
    public Uni<Station> createStation(NewStation in) {
        return Plot.<Plot>findById(in.plotId())
                .onItem().ifNull().failWith(() -> ProblemException.badRequest("No plot " + in.plotId()))
                .chain(plot -> {
                    Station s = new Station();
                    s.id = UUID.randomUUID();
                    s.plotId = plot.id;
                    s.name = in.name();
                    s.createdAt = clock.instant();
                    return s.persist();
                });
    }

    /** A station's photo of its plot; a photo dated in the future (beyond clock skew) is refused. */
    @WithTransaction
    public Uni<PlotPhoto> addPhoto(UUID stationId, NewPhoto in) {
        Instant now = clock.instant();
        if (in.takenAt().isAfter(now.plus(Duration.ofMinutes(5)))) {
            throw ProblemException.badRequest("takenAt is in the future");
        }
        return Station.<Station>findById(stationId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No station " + stationId))
                .chain(station -> {
                    PlotPhoto p = new PlotPhoto();
                    p.id = UUID.randomUUID();
                    p.stationId = station.id;
                    p.plotId = station.plotId;
                    p.takenAt = in.takenAt();
                    p.imageUrl = in.imageUrl();
                    p.receivedAt = now;
                    return p.persist();
                });
    }

    /** From the persisted projections: the energy counters, the projects' planted counts, the areas' claimed m². */
    @WithSession
    public Uni<TotalsView> totals() {
        return Totals.read().chain(energy -> Sql.rows("select species_code, sum(planted) from planting_project "
                                + "group by species_code order by species_code", r -> new Object[]{r[0], Sql.number(r[1])})
                .chain(species -> Sql.numbers("select (select coalesce(sum(claimed_m2), 0) from protected_area), "
                                + "(select count(*) from county_plot where claimed_by is not null)")
                        .map(land -> {
                            Map<String, Long> bySpecies = new LinkedHashMap<>();
                            species.forEach(r -> bySpecies.put((String) r[0], (Long) r[1]));
                            long trees = bySpecies.values().stream().mapToLong(Long::longValue).sum();
                            return new TotalsView(energy[0], energy[1], energy[2], energy[3], trees, bySpecies,
                                    land[0], land[1]);
                        })));
    }
}
