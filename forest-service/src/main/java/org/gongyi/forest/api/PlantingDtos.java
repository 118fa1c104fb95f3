package org.gongyi.forest.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.gongyi.common.time.HistoryWindow;
import org.gongyi.forest.persistence.CoPlanting;
import org.gongyi.forest.persistence.CountyPlot;
import org.gongyi.forest.persistence.PlantingProject;
import org.gongyi.forest.persistence.Plot;
import org.gongyi.forest.persistence.PlotPhoto;
import org.gongyi.forest.persistence.ProtectedArea;
import org.gongyi.forest.persistence.ProtectedAreas.AreaClaim;
import org.gongyi.forest.persistence.Station;
import org.gongyi.forest.persistence.TreeSpecies;
import org.gongyi.forest.persistence.Trees.MyTree;
import org.gongyi.forest.persistence.Trees.Photo;
import org.gongyi.forest.service.CatalogueService.ForestTotals;
import org.gongyi.forest.service.HistoryService.ForestHistory;
import org.gongyi.forest.service.HistoryService.Point;
import org.gongyi.forest.service.LandService.ClaimedPlot;
import org.gongyi.forest.service.LandService.MyLand;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

public final class PlantingDtos {
    private PlantingDtos() {}

    public record SpeciesInput(
            @NotBlank @Size(max = 100) String nameZh,
            @NotBlank @Size(max = 100) String nameEn,
            @Min(1) @Max(10_000_000) long energyGrams) {}

    public record SpeciesView(String code, String nameZh, String nameEn, long energyGrams) {
        static SpeciesView of(TreeSpecies s) {
            return new SpeciesView(s.code(), s.nameZh(), s.nameEn(), s.energyGrams());
        }
    }

    public record NewPlot(
            @NotBlank @Size(max = 200) String name,

            @Schema(nullable = true) @DecimalMin("-90") @DecimalMax("90")
            BigDecimal latitude,

            @Schema(nullable = true) @DecimalMin("-180") @DecimalMax("180")
            BigDecimal longitude) {}

    public record NewProject(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Size(max = 200) String region,
            @NotBlank @Size(max = 40) String speciesCode,
            @Schema(nullable = true) @Size(max = 200) String partner,
            @Min(1) @Max(100_000_000) int stock,
            @NotEmpty @Size(max = 100) List<@NotNull @Valid NewPlot> plots) {}

    public record PlotView(
            UUID id,
            String name,
            @Schema(nullable = true) BigDecimal latitude,
            @Schema(nullable = true) BigDecimal longitude,
            int trees) {
        static PlotView of(Plot p) {
            return new PlotView(p.id(), p.name(), p.latitude(), p.longitude(), p.trees());
        }
    }

    public record ProjectView(
            UUID id,
            String name,
            String region,
            String speciesCode,
            @Schema(nullable = true) String partner,
            int stock,
            int planted,
            int remaining,
            List<PlotView> plots,
            Instant createdAt) {
        static ProjectView of(PlantingProject p, List<Plot> plots) {
            return new ProjectView(
                    p.id(),
                    p.name(),
                    p.region(),
                    p.speciesCode(),
                    p.partner(),
                    p.stock(),
                    p.planted(),
                    p.stock() - p.planted(),
                    plots.stream().map(PlotView::of).toList(),
                    p.createdAt());
        }
    }

    public record PlantRequest(@NotNull UUID projectId) {}

    public record NewArea(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Size(max = 200) String region,
            @Min(1) @Max(1_000_000_000_000L) long sizeM2,
            @Min(1) @Max(1_000_000_000) long priceGramsPerM2) {}

    public record AreaView(
            UUID id, String name, String region, long sizeM2, long claimedM2, long remainingM2, long priceGramsPerM2) {
        static AreaView of(ProtectedArea a) {
            return new AreaView(
                    a.id(),
                    a.name(),
                    a.region(),
                    a.sizeM2(),
                    a.claimedM2(),
                    a.sizeM2() - a.claimedM2(),
                    a.priceGramsPerM2());
        }
    }

    public record AreaClaimRequest(@Min(1) @Max(1_000_000) long m2) {}

    public record NewCountyPlot(
            @NotBlank @Size(max = 200) String county,
            @NotBlank @Size(max = 200) String name,
            @Min(1) @Max(1_000_000_000) long sizeM2,
            @Min(1) @Max(1_000_000_000) long priceGrams) {}

    /** Public view of a county plot: whether it is claimed, not by whom. */
    public record CountyPlotView(UUID id, String county, String name, long sizeM2, long priceGrams, boolean claimed) {
        static CountyPlotView of(CountyPlot p) {
            return new CountyPlotView(p.id(), p.county(), p.name(), p.sizeM2(), p.priceGrams(), p.claimedBy() != null);
        }
    }

    public record NewStation(
            @NotNull UUID plotId, @NotBlank @Size(max = 200) String name) {}

    public record StationView(UUID id, UUID plotId, String name, Instant createdAt) {
        static StationView of(Station s) {
            return new StationView(s.id(), s.plotId(), s.name(), s.createdAt());
        }
    }

    public record NewPhoto(
            @NotNull Instant takenAt,

            @NotBlank @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
            String imageUrl) {}

    public record PhotoView(UUID id, UUID stationId, UUID plotId, Instant takenAt, String imageUrl) {
        static PhotoView of(PlotPhoto p) {
            return new PhotoView(p.id(), p.stationId(), p.plotId(), p.takenAt(), p.imageUrl());
        }
    }

    /** Platform totals: users with energy, energy in grams, trees (by species), land claimed. */
    public record TotalsView(
            long users,
            long energyCreditedGrams,
            long energyCollectedGrams,
            long energySpentGrams,
            long trees,
            Map<String, Long> treesBySpecies,
            long protectedM2,
            long countyPlotsClaimed) {
        static TotalsView of(ForestTotals t) {
            return new TotalsView(
                    t.users(),
                    t.energyCreditedGrams(),
                    t.energyCollectedGrams(),
                    t.energySpentGrams(),
                    t.trees(),
                    t.treesBySpecies(),
                    t.protectedM2(),
                    t.countyPlotsClaimed());
        }
    }

    /** The latest photo of a tree's plot. */
    public record TreePhotoView(Instant takenAt, String imageUrl) {
        static TreePhotoView of(Photo p) {
            return p == null ? null : new TreePhotoView(p.takenAt(), p.imageUrl());
        }
    }

    /**
     * A tree as its owner sees it: {@code energyGrams} is what this owner paid, {@code sharedWith} the co-planter;
     * with the latest photo of its plot when a station has taken one.
     */
    public record MyTreeView(
            String certificateNo,
            String speciesCode,
            String speciesName,
            UUID projectId,
            String projectName,
            String region,
            UUID plotId,
            String plotName,
            @Schema(nullable = true) BigDecimal latitude,
            @Schema(nullable = true) BigDecimal longitude,
            long energyGrams,
            @Schema(nullable = true) String sharedWith,
            Instant plantedAt,
            @Schema(nullable = true) TreePhotoView latestPhoto) {
        static MyTreeView of(MyTree t) {
            return new MyTreeView(
                    t.certificateNo(),
                    t.speciesCode(),
                    t.speciesName(),
                    t.projectId(),
                    t.projectName(),
                    t.region(),
                    t.plotId(),
                    t.plotName(),
                    t.latitude(),
                    t.longitude(),
                    t.energyGrams(),
                    t.sharedWith(),
                    t.plantedAt(),
                    TreePhotoView.of(t.latestPhoto()));
        }
    }

    /** An invitation to share a tree: when the partner accepts, both pay their part at once. */
    public record CoPlantingView(
            UUID id,
            UUID projectId,
            String initiatorId,
            String partnerId,
            long initiatorGrams,
            long partnerGrams,
            String status,
            @Schema(nullable = true) String certificateNo,
            Instant createdAt,
            @Schema(nullable = true) Instant decidedAt) {
        static CoPlantingView of(CoPlanting c) {
            return new CoPlantingView(
                    c.id(),
                    c.projectId(),
                    c.initiatorId(),
                    c.partnerId(),
                    c.initiatorGrams(),
                    c.partnerGrams(),
                    c.status(),
                    c.certificateNo(),
                    c.createdAt(),
                    c.decidedAt());
        }
    }

    /** A user's claim of a protected area, with the area's name and region. */
    public record AreaClaimView(
            String certificateNo,
            UUID areaId,
            String areaName,
            String region,
            long m2,
            long energyGrams,
            Instant claimedAt) {
        static AreaClaimView of(AreaClaim c) {
            return new AreaClaimView(
                    c.certificateNo(), c.areaId(), c.areaName(), c.region(), c.m2(), c.energyGrams(), c.claimedAt());
        }
    }

    /** A county plot the user claimed, with its certificate. */
    public record ClaimedPlotView(
            String certificateNo,
            UUID plotId,
            String county,
            String name,
            long sizeM2,
            long energyGrams,
            Instant claimedAt) {
        static ClaimedPlotView of(ClaimedPlot p) {
            return new ClaimedPlotView(
                    p.certificateNo(), p.plotId(), p.county(), p.name(), p.sizeM2(), p.energyGrams(), p.claimedAt());
        }
    }

    public record MyLandView(List<AreaClaimView> protectedAreas, List<ClaimedPlotView> countyPlots) {
        static MyLandView of(MyLand l) {
            return new MyLandView(
                    l.protectedAreas().stream().map(AreaClaimView::of).toList(),
                    l.countyPlots().stream().map(ClaimedPlotView::of).toList());
        }
    }

    /** A bucket: energy credited by actions that happened in it, trees planted in it (in all and by species). */
    public record HistoryPointView(
            Instant at, long energyCreditedGrams, long creditedActions, long trees, Map<String, Long> treesBySpecies) {
        static HistoryPointView of(Point p) {
            return new HistoryPointView(
                    p.at(), p.energyCreditedGrams(), p.creditedActions(), p.trees(), p.treesBySpecies());
        }
    }

    /** The platform's history in buckets: what the live report's charts draw. */
    public record HistoryView(HistoryWindow.Bucket by, Instant from, Instant to, List<HistoryPointView> points) {
        static HistoryView of(ForestHistory h) {
            return new HistoryView(
                    h.by(),
                    h.from(),
                    h.to(),
                    h.points().stream().map(HistoryPointView::of).toList());
        }
    }
}
