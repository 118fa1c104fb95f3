package org.gongyi.forest.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.persistence.Db;
import org.gongyi.forest.api.PlantingDtos.NewArea;
import org.gongyi.forest.api.PlantingDtos.NewCountyPlot;
import org.gongyi.forest.api.PlantingDtos.NewPhoto;
import org.gongyi.forest.api.PlantingDtos.NewPlot;
import org.gongyi.forest.api.PlantingDtos.NewProject;
import org.gongyi.forest.api.PlantingDtos.NewStation;
import org.gongyi.forest.api.PlantingDtos.SpeciesInput;
import org.gongyi.forest.persistence.CountyPlot;
import org.gongyi.forest.persistence.CountyPlots;
import org.gongyi.forest.persistence.PlantingProject;
import org.gongyi.forest.persistence.PlantingProjects;
import org.gongyi.forest.persistence.Plot;
import org.gongyi.forest.persistence.PlotPhoto;
import org.gongyi.forest.persistence.Plots;
import org.gongyi.forest.persistence.ProtectedArea;
import org.gongyi.forest.persistence.ProtectedAreas;
import org.gongyi.forest.persistence.Species;
import org.gongyi.forest.persistence.Station;
import org.gongyi.forest.persistence.Stations;
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

    private final Db db;
    private final Species species;
    private final PlantingProjects projects;
    private final Plots plots;
    private final ProtectedAreas areas;
    private final CountyPlots countyPlots;
    private final Stations stations;
    private final Totals totals;
    private final Clock clock;

    public CatalogueService(
            Db db,
            Species species,
            PlantingProjects projects,
            Plots plots,
            ProtectedAreas areas,
            CountyPlots countyPlots,
            Stations stations,
            Totals totals,
            Clock clock) {
        this.db = db;
        this.species = species;
        this.projects = projects;
        this.plots = plots;
        this.areas = areas;
        this.countyPlots = countyPlots;
        this.stations = stations;
        this.totals = totals;
        this.clock = clock;
    }

    public Uni<List<TreeSpecies>> species() {
        return species.all();
    }

    /** Adds a species or changes its names and price (trees already planted keep what they cost). */
    public Uni<TreeSpecies> putSpecies(String code, SpeciesInput in) {
        return db.transaction(() -> species.put(code, in.nameZh(), in.nameEn(), in.energyGrams(), clock.instant()));
    }

    public Uni<PlantingProject> createProject(NewProject in) {
        return db.transaction(() -> species.find(in.speciesCode())
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.badRequest("No species " + in.speciesCode()))
                .chain(s -> {
                    PlantingProject p = new PlantingProject(
                            UUID.randomUUID(),
                            in.name(),
                            in.region(),
                            s.code(),
                            in.partner(),
                            in.stock(),
                            0,
                            clock.instant());
                    return projects.insert(p)
                            .chain(() -> plots.insertAll(in.plots().stream()
                                    .map(n -> plot(p.id(), n))
                                    .toList()))
                            .replaceWith(p);
                }));
    }

    public Uni<Plot> addPlot(UUID projectId, NewPlot in) {
        return db.transaction(() -> projects.find(projectId)
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("No planting project " + projectId))
                .chain(p -> plots.insert(plot(projectId, in))));
    }

    private Plot plot(UUID projectId, NewPlot in) {
        return new Plot(UUID.randomUUID(), projectId, in.name(), in.latitude(), in.longitude(), 0, clock.instant());
    }

    public Uni<List<PlantingProject>> projects(int page, int size) {
        return projects.page(page, size);
    }

    public Uni<PlantingProject> project(UUID id) {
        return projects.find(id)
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("No planting project " + id));
    }

    public Uni<Plot> plot(UUID projectId, UUID id) {
        return plots.find(id).map(p -> found(p != null && p.projectId().equals(projectId) ? p : null, "plot", id));
    }

    public Uni<ProtectedArea> area(UUID id) {
        return areas.find(id).map(a -> found(a, "protected area", id));
    }

    public Uni<CountyPlot> countyPlot(UUID id) {
        return countyPlots.find(id).map(p -> found(p, "county plot", id));
    }

    public Uni<Station> station(UUID id) {
        return stations.find(id).map(s -> found(s, "station", id));
    }

    public Uni<PlotPhoto> photo(UUID stationId, UUID id) {
        return stations.findPhoto(stationId, id).map(p -> found(p, "photo", id));
    }

    private static <T> T found(T row, String what, UUID id) {
        if (row == null) {
            throw ProblemException.notFound("No " + what + " " + id);
        }
        return row;
    }

    public Uni<List<Plot>> plots(List<UUID> projectIds) {
        return projectIds.isEmpty() ? Uni.createFrom().item(List.of()) : plots.ofProjects(projectIds);
    }

    public Uni<ProtectedArea> createArea(NewArea in) {
        return db.transaction(() -> areas.insert(new ProtectedArea(
                UUID.randomUUID(), in.name(), in.region(), in.sizeM2(), 0, in.priceGramsPerM2(), clock.instant())));
    }

    public Uni<List<ProtectedArea>> areas(int page, int size) {
        return areas.page(page, size);
    }

    public Uni<CountyPlot> createCountyPlot(NewCountyPlot in) {
        return db.transaction(() -> countyPlots.insert(new CountyPlot(
                UUID.randomUUID(),
                in.county(),
                in.name(),
                in.sizeM2(),
                in.priceGrams(),
                null,
                null,
                null,
                clock.instant())));
    }

    public Uni<List<CountyPlot>> countyPlots(boolean unclaimedOnly, int page, int size) {
        return countyPlots.page(unclaimedOnly, page, size);
    }

    public Uni<Station> createStation(NewStation in) {
        return db.transaction(() -> plots.find(in.plotId())
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.badRequest("No plot " + in.plotId()))
                .chain(plot -> stations.insert(new Station(UUID.randomUUID(), plot.id(), in.name(), clock.instant()))));
    }

    /** A station's photo of its plot; a photo dated in the future (beyond clock skew) is refused. */
    public Uni<PlotPhoto> addPhoto(UUID stationId, NewPhoto in) {
        Instant now = clock.instant();
        if (in.takenAt().isAfter(now.plus(Duration.ofMinutes(5)))) {
            throw ProblemException.badRequest("takenAt is in the future");
        }
        return db.transaction(() -> stations.find(stationId)
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("No station " + stationId))
                .chain(station -> stations.insertPhoto(new PlotPhoto(
                        UUID.randomUUID(), station.id(), station.plotId(), in.takenAt(), in.imageUrl(), now))));
    }

    /** From the persisted projections: the energy counters, the projects' planted counts, the areas' claimed m². */
    /** The forest's figures: energy, trees (by species), protected land claimed, county plots claimed. */
    public record ForestTotals(
            long users,
            long energyCreditedGrams,
            long energyCollectedGrams,
            long energySpentGrams,
            long trees,
            Map<String, Long> treesBySpecies,
            long protectedM2,
            long countyPlotsClaimed) {}

    public Uni<ForestTotals> totals() {
        return totals.read()
                .chain(energy -> projects.plantedBySpecies()
                        .chain(bySpeciesRows -> areas.claimedM2()
                                .chain(m2 -> countyPlots.countClaimed().map(claimed -> {
                                    Map<String, Long> bySpecies = new LinkedHashMap<>();
                                    bySpeciesRows.forEach(r -> bySpecies.put(r.speciesCode(), r.planted()));
                                    long trees = bySpecies.values().stream()
                                            .mapToLong(Long::longValue)
                                            .sum();
                                    return new ForestTotals(
                                            energy.users(),
                                            energy.credited(),
                                            energy.collected(),
                                            energy.spent(),
                                            trees,
                                            bySpecies,
                                            m2,
                                            claimed);
                                }))));
    }
}
