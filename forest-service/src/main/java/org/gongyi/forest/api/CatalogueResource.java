package org.gongyi.forest.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gongyi.common.http.Created;
import org.gongyi.common.http.Paging;
import org.gongyi.common.security.Roles;
import org.gongyi.common.time.HistoryWindow;
import org.gongyi.forest.api.PlantingDtos.AreaView;
import org.gongyi.forest.api.PlantingDtos.CountyPlotView;
import org.gongyi.forest.api.PlantingDtos.HistoryView;
import org.gongyi.forest.api.PlantingDtos.NewArea;
import org.gongyi.forest.api.PlantingDtos.NewCountyPlot;
import org.gongyi.forest.api.PlantingDtos.NewPhoto;
import org.gongyi.forest.api.PlantingDtos.NewPlot;
import org.gongyi.forest.api.PlantingDtos.NewProject;
import org.gongyi.forest.api.PlantingDtos.NewStation;
import org.gongyi.forest.api.PlantingDtos.PhotoView;
import org.gongyi.forest.api.PlantingDtos.PlotView;
import org.gongyi.forest.api.PlantingDtos.ProjectView;
import org.gongyi.forest.api.PlantingDtos.SpeciesInput;
import org.gongyi.forest.api.PlantingDtos.SpeciesView;
import org.gongyi.forest.api.PlantingDtos.StationView;
import org.gongyi.forest.api.PlantingDtos.TotalsView;
import org.gongyi.forest.persistence.PlantingProject;
import org.gongyi.forest.persistence.Plot;
import org.gongyi.forest.service.CatalogueService;
import org.gongyi.forest.service.HistoryService;
import org.jboss.resteasy.reactive.Cache;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Species, planting projects and their plots, land, stations: public to read, set up by admins. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Catalogue")
public class CatalogueResource {

    private final CatalogueService catalogue;
    private final HistoryService history;
    private final Clock clock;

    public CatalogueResource(CatalogueService catalogue, HistoryService history, Clock clock) {
        this.catalogue = catalogue;
        this.history = history;
        this.clock = clock;
    }

    @GET
    @Path("species")
    @PermitAll
    @Operation(summary = "Tree species and the energy (g) one tree costs")
    public Uni<List<SpeciesView>> species() {
        return catalogue.species().map(l -> l.stream().map(SpeciesView::of).toList());
    }

    @PUT
    @Path("species/{code}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Add a species or change its names and energy cost")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(
                                        name = "saxaul",
                                        summary = "梭梭 saxaul (PUT /species/SAXAUL): 17,900 g of energy a tree",
                                        value = """
                                        {"nameZh": "梭梭", "nameEn": "Saxaul", "energyGrams": 17900}""")
                            }))
    public Uni<SpeciesView> putSpecies(
            @PathParam("code")
                    @Pattern(
                            regexp = "[A-Z][A-Z0-9_]{0,39}",
                            message = "must be upper-case letters, digits and _ (at most 40)")
                    String code,
            @NotNull @Valid SpeciesInput in) {
        return catalogue.putSpecies(code, in).map(SpeciesView::of);
    }

    @GET
    @Path("planting-projects")
    @PermitAll
    @Operation(summary = "Planting projects: species, region, stock, trees planted, plots")
    public Uni<List<ProjectView>> projects(
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Paging.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        return catalogue
                .projects(page, size)
                .chain(ps -> catalogue
                        .plots(ps.stream().map(PlantingProject::id).toList())
                        .map(plots -> ps.stream()
                                .map(p -> ProjectView.of(
                                        p,
                                        plots.stream()
                                                .filter(pl -> pl.projectId().equals(p.id()))
                                                .toList()))
                                .toList()));
    }

    @GET
    @Path("planting-projects/{id}")
    @PermitAll
    @Operation(summary = "One planting project")
    public Uni<ProjectView> project(@PathParam("id") UUID id) {
        return catalogue.project(id).chain(p -> view(p));
    }

    private Uni<ProjectView> view(PlantingProject p) {
        return catalogue.plots(List.of(p.id())).map(plots -> ProjectView.of(p, plots));
    }

    @POST
    @Path("planting-projects")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create a planting project of one species in one region, with its stock and plots")
    @APIResponseSchema(value = ProjectView.class, responseCode = "201", responseDescription = "The project made")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(
                                        name = "alxa-saxaul",
                                        summary =
                                                "Saxaul in the Alxa desert with SEE Foundation: 100,000 trees on two plots",
                                        value = """
                                        {"name": "阿拉善梭梭 Alxa saxaul", "region": "Alxa League, Inner Mongolia", "speciesCode": "SAXAUL",
                                         "partner": "SEE Foundation", "stock": 100000,
                                         "plots": [{"name": "Plot A", "latitude": 38.85, "longitude": 105.72},
                                                   {"name": "Plot B", "latitude": 38.9, "longitude": 105.77}]}""")
                            }))
    public Uni<Response> createProject(@NotNull @Valid NewProject in, UriInfo uri) {
        return catalogue
                .createProject(in)
                .chain(p -> view(p))
                .map((ProjectView v) -> Created.at(uri, v, "planting-projects/{id}", v.id()));
    }

    @GET
    @Path("planting-projects/{id}/plots/{plot}")
    @PermitAll
    @Operation(summary = "One plot of a planting project")
    public Uni<PlotView> plot(@PathParam("id") UUID id, @PathParam("plot") UUID plot) {
        return catalogue.plot(id, plot).map(PlotView::of);
    }

    @POST
    @Path("planting-projects/{id}/plots")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Add a plot to a planting project")
    @APIResponseSchema(value = PlotView.class, responseCode = "201", responseDescription = "The plot added")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(
                                        name = "plot",
                                        summary = "A third plot of the project, with where it is on the map",
                                        value = """
                                        {"name": "Plot C", "latitude": 38.95, "longitude": 105.82}""")
                            }))
    public Uni<Response> addPlot(@PathParam("id") UUID id, @NotNull @Valid NewPlot in, UriInfo uri) {
        return catalogue
                .addPlot(id, in)
                .map((Plot p) -> Created.at(uri, PlotView.of(p), "planting-projects/{id}/plots/{plot}", id, p.id()));
    }

    @GET
    @Path("protected-areas")
    @PermitAll
    @Operation(summary = "Protected areas (人人一平米): size, m² claimed and left, energy price per m²")
    public Uni<List<AreaView>> areas(
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Paging.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        return catalogue.areas(page, size).map(l -> l.stream().map(AreaView::of).toList());
    }

    @GET
    @Path("protected-areas/{id}")
    @PermitAll
    @Operation(summary = "One protected area")
    public Uni<AreaView> area(@PathParam("id") UUID id) {
        return catalogue.area(id).map(AreaView::of);
    }

    @POST
    @Path("protected-areas")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Open a protected area for claims by the m²")
    @APIResponseSchema(value = AreaView.class, responseCode = "201", responseDescription = "The protected area opened")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(
                                        name = "sanjiangyuan",
                                        summary = "人人一平米: 10 km² of Sanjiangyuan, 1,000 g of energy per m²",
                                        value = """
                                        {"name": "人人一平米 · 青海三江源 Sanjiangyuan, one m² each", "region": "Qinghai",
                                         "sizeM2": 10000000, "priceGramsPerM2": 1000}""")
                            }))
    public Uni<Response> createArea(@NotNull @Valid NewArea in, UriInfo uri) {
        return catalogue.createArea(in).map(a -> Created.at(uri, AreaView.of(a), "protected-areas/{id}", a.id()));
    }

    @GET
    @Path("county-plots")
    @PermitAll
    @Operation(summary = "Plots in poverty-alleviation counties (?unclaimed=true for those still free)")
    public Uni<List<CountyPlotView>> countyPlots(
            @QueryParam("unclaimed") @DefaultValue("false") boolean unclaimed,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Paging.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        return catalogue
                .countyPlots(unclaimed, page, size)
                .map(l -> l.stream().map(CountyPlotView::of).toList());
    }

    @GET
    @Path("county-plots/{id}")
    @PermitAll
    @Operation(summary = "One county plot")
    public Uni<CountyPlotView> countyPlot(@PathParam("id") UUID id) {
        return catalogue.countyPlot(id).map(CountyPlotView::of);
    }

    @POST
    @Path("county-plots")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Offer a county plot for claiming")
    @APIResponseSchema(
            value = CountyPlotView.class,
            responseCode = "201",
            responseDescription = "The county plot offered")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(
                                        name = "yanchi",
                                        summary =
                                                "A plot of 10 mu (6,667 m²) in Yanchi, a poverty-alleviation county, for 500,000 g",
                                        value = """
                                        {"county": "Yanchi County, Ningxia", "name": "盐池 Yanchi sand-fixing plot 12", "sizeM2": 6667,
                                         "priceGrams": 500000}""")
                            }))
    public Uni<Response> createCountyPlot(@NotNull @Valid NewCountyPlot in, UriInfo uri) {
        return catalogue
                .createCountyPlot(in)
                .map(p -> Created.at(uri, CountyPlotView.of(p), "county-plots/{id}", p.id()));
    }

    @GET
    @Path("stations/{id}")
    @PermitAll
    @Operation(summary = "One monitoring station")
    public Uni<StationView> station(@PathParam("id") UUID id) {
        return catalogue.station(id).map(StationView::of);
    }

    @GET
    @Path("stations/{id}/photos/{photo}")
    @PermitAll
    @Operation(summary = "One photo a station took of its plot")
    public Uni<PhotoView> photo(@PathParam("id") UUID id, @PathParam("photo") UUID photo) {
        return catalogue.photo(id, photo).map(PhotoView::of);
    }

    @POST
    @Path("stations")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Register a monitoring station for a plot")
    @APIResponseSchema(value = StationView.class, responseCode = "201", responseDescription = "The station registered")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(
                                        name = "plot-camera",
                                        summary = "A camera that photographs one plot every day (看树)",
                                        value = """
                                        {"plotId": "0b7e4f2a-9c31-4d58-8e6a-2f1d3c5b7a90", "name": "Alxa Plot A camera"}""")
                            }))
    public Uni<Response> createStation(@NotNull @Valid NewStation in, UriInfo uri) {
        return catalogue.createStation(in).map(s -> Created.at(uri, StationView.of(s), "stations/{id}", s.id()));
    }

    @POST
    @Path("stations/{id}/photos")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Post a station's photo of its plot (time taken, image URL)")
    @APIResponseSchema(value = PhotoView.class, responseCode = "201", responseDescription = "The photo posted")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(
                                        name = "morning-photo",
                                        summary = "The station's photo of 6 December 2026, 08:00 in Shanghai",
                                        value = """
                                        {"takenAt": "2026-12-06T00:00:00Z",
                                         "imageUrl": "https://img.example.org/stations/alxa-a/2026-12-06.jpg"}""")
                            }))
    public Uni<Response> addPhoto(@PathParam("id") UUID id, @NotNull @Valid NewPhoto in, UriInfo uri) {
        return catalogue
                .addPhoto(id, in)
                .map(p -> Created.at(uri, PhotoView.of(p), "stations/{id}/photos/{photo}", id, p.id()));
    }

    @GET
    @Path("totals")
    @PermitAll
    @Operation(summary = "Platform totals: users, energy, trees by species, m² protected, county plots claimed")
    public Uni<TotalsView> totals() {
        return catalogue.totals().map(TotalsView::of);
    }

    @GET
    @Path("totals/history")
    @PermitAll
    @Cache(maxAge = 1)
    @Operation(
            summary = "The platform's history: per MINUTE, HOUR (the default) or DAY (China Standard Time), the "
                    + "energy credited by actions that happened in it and the trees planted in it, by species; from..to "
                    + "(instants, to exclusive), by default the last 60 minutes, 24 hours or 30 days up to now (the bucket under "
                    + "way included), at most 1,440 buckets",
            description = "The same for everyone, so kept up to a second (Cache-Control: max-age=1).")
    public Uni<HistoryView> history(
            @QueryParam("by") String by, @QueryParam("from") String from, @QueryParam("to") String to) {
        return history.history(HistoryWindow.of(by, from, to, clock.instant())).map(HistoryView::of);
    }
}
