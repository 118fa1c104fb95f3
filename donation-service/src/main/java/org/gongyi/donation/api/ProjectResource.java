package org.gongyi.donation.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gongyi.common.http.Created;
import org.gongyi.common.http.Paging;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.security.Roles;
import org.gongyi.donation.api.ProjectDtos.CreateProject;
import org.gongyi.donation.api.ProjectDtos.ProjectView;
import org.gongyi.donation.api.ProjectDtos.StatementView;
import org.gongyi.donation.persistence.CharityProject;
import org.gongyi.donation.persistence.Projects;
import org.gongyi.donation.service.ProjectService;
import org.gongyi.donation.service.SettlementService;
import org.jboss.resteasy.reactive.Cache;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

@Path("/projects")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Charity projects")
public class ProjectResource {

    private final ProjectService projects;
    private final SettlementService settlements;
    private final JsonWebToken caller;
    private final Clock clock;

    public ProjectResource(ProjectService projects, SettlementService settlements, JsonWebToken caller, Clock clock) {
        this.clock = clock;
        this.projects = projects;
        this.settlements = settlements;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.CHARITY})
    @Operation(
            summary = "Create a charity project (ongoing, or time-limited with a target). A charity creates "
                    + "projects of its own organisation only; an admin names the organisation.")
    @APIResponseSchema(value = ProjectView.class, responseCode = "201", responseDescription = "The project made")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(
                                        name = "ongoing",
                                        summary =
                                                "An ongoing project (an admin names the charity; a charity's own token needs no charityId)",
                                        value = """
                                        {"name": "Free lunch for rural pupils", "charityId": "charity-1",
                                         "kind": "ONGOING", "category": "EDUCATION",
                                         "regions": ["Guizhou", "Yunnan"]}"""),
                                @ExampleObject(
                                        name = "time-limited",
                                        summary = "A time-limited project with a target of 500,000 yuan (in fen)",
                                        value = """
                                        {"name": "Winter coats for Liangshan", "description": "A warm coat for \
                                        every pupil of 40 village schools", "charityId": "charity-1",
                                         "kind": "TIME_LIMITED",
                                         "category": "POVERTY", "targetFen": 50000000,
                                         "startsAt": "2026-11-01T00:00:00Z", "endsAt": "2027-01-31T16:00:00Z",
                                         "regions": ["Sichuan"]}""")
                            }))
    public Uni<Response> create(@NotNull @Valid CreateProject request, UriInfo uri) {
        List<String> regions = ProjectDtos.divisions(request.regions());
        String org = Roles.actingOrganisation(caller);
        String charityId = request.charityId();
        if (org != null) {
            if (charityId != null && !charityId.equals(org)) {
                throw ProblemException.forbidden("You can create projects of your own organisation only");
            }
            charityId = org;
        } else if (charityId == null) {
            throw ProblemException.badRequest("charityId is required");
        }
        return projects.create(request.toDraft(charityId), regions)
                .map(p -> Created.at(
                        uri,
                        ProjectView.of(p, clock.instant()),
                        "projects/{id}",
                        p.project().id()));
    }

    @GET
    @PermitAll
    @Operation(
            summary = "Projects with their progress, in creation order; found by name (contains, any case: `q`), "
                    + "category and a region their aid goes to")
    public Uni<List<ProjectView>> list(
            @QueryParam("q") @Size(max = 100) String q,
            @QueryParam("category") String category,
            @QueryParam("region") @Size(max = 50) String region,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Paging.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        String division =
                region == null ? null : ProjectDtos.divisions(List.of(region)).get(0);
        String name = q == null || q.isBlank() ? null : q.strip();
        return projects.list(new Projects.Search(name, category(category), division), page, size)
                .map(l ->
                        l.stream().map(p -> ProjectView.of(p, clock.instant())).toList());
    }

    /** A category named in a query, or null; 400 naming the categories for any other. */
    private static CharityProject.Category category(String name) {
        if (name == null) {
            return null;
        }
        try {
            return CharityProject.Category.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(
                    "category must be one of " + Arrays.toString(CharityProject.Category.values()) + ": not " + name);
        }
    }

    @POST
    @Path("/{id}/close")
    @RolesAllowed({Roles.ADMIN, Roles.CHARITY})
    @Operation(summary = "Close a project: no new rules, and its rules stop donating")
    public Uni<ProjectView> close(@PathParam("id") UUID id) {
        return projects.close(id, Roles.actingOrganisation(caller)).map(p -> ProjectView.of(p, clock.instant()));
    }

    @GET
    @PermitAll
    @Path("/{id}")
    @Cache(maxAge = 1)
    @Operation(
            summary = "A project and its progress: amount raised, number of donations",
            description = "The same for everyone, so kept up to a second (Cache-Control: max-age=1): a donation shows "
                    + "within a second of being recorded.")
    public Uni<ProjectView> get(@PathParam("id") UUID id) {
        return projects.get(id).map(p -> ProjectView.of(p, clock.instant()));
    }

    @GET
    @PermitAll
    @Path("/{id}/payouts")
    @Operation(summary = "A project's payouts, and the open balance not yet paid out (payouts + open = net donations)")
    public Uni<StatementView> payouts(@PathParam("id") UUID id) {
        return settlements.statement(id).map(StatementView::of);
    }
}
