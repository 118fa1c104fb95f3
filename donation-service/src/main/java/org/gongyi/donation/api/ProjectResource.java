package org.gongyi.donation.api;

import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gongyi.donation.api.ProjectDtos.CreateProject;
import org.gongyi.donation.api.ProjectDtos.ProjectView;
import org.gongyi.donation.service.ProjectService;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.util.List;
import java.util.UUID;

@Path("/projects")
@Tag(name = "Charity projects")
public class ProjectResource {

    private final ProjectService projects;

    public ProjectResource(ProjectService projects) {
        this.projects = projects;
    }

    @POST
    @ResponseStatus(201)
    @Operation(summary = "Create a charity project (ongoing, or time-limited with a target)")
    public Uni<Response> create(@NotNull @Valid CreateProject request, UriInfo uri) {
        return projects.create(request.toEntity()).map(p -> Response
                .created(uri.getAbsolutePathBuilder().path(p.id.toString()).build())
                .type(MediaType.APPLICATION_JSON)
                .entity(ProjectView.of(p)).build());
    }

    @GET
    @Operation(summary = "List projects with their progress")
    public Uni<List<ProjectView>> list(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                       @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        return projects.list(page, size).map(l -> l.stream().map(ProjectView::of).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A project and its progress: amount raised, number of donations")
    public Uni<ProjectView> get(@PathParam("id") UUID id) {
        return projects.get(id).map(ProjectView::of);
    }
}
