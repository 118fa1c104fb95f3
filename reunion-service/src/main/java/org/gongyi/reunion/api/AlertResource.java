package org.gongyi.reunion.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gongyi.common.http.Created;
import org.gongyi.common.ratelimit.RateLimiter;
import org.gongyi.common.security.Roles;
import org.gongyi.reunion.ReunionConfig;
import org.gongyi.reunion.api.CaseDtos.AlertView;
import org.gongyi.reunion.api.CaseDtos.NewLead;
import org.gongyi.reunion.domain.GridCell;
import org.gongyi.reunion.service.CaseService;
import org.jboss.resteasy.reactive.Cache;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** The public side: recent alerts near a point, and leads. */
@Path("/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Alerts (public)")
public class AlertResource {

    private final CaseService cases;
    private final RateLimiter limiter;
    private final JsonWebToken caller;
    private final int leadsPerWindow;
    private final Duration leadWindow;

    public AlertResource(CaseService cases, RateLimiter limiter, JsonWebToken caller, ReunionConfig config) {
        this.cases = cases;
        this.limiter = limiter;
        this.caller = caller;
        this.leadsPerWindow = config.leadsPerWindow();
        this.leadWindow = config.leadWindow();
    }

    public record LeadReceipt(UUID id, UUID caseId) {}

    @GET
    @PermitAll
    @Cache(maxAge = 1)
    @Operation(
            summary = "Alerts of the last 3 days whose reach covers this point, nearest first",
            description = "The point is taken to its cell of 0.01° (about 1 km): the service never needs it more "
                    + "precisely, distances are from the cell's centre, and everyone in the cell gets the same answer, "
                    + "kept up to a second (Cache-Control: max-age=1). A closed case leaves the list within a second.")
    public Uni<List<AlertView>> near(
            @QueryParam("lat") @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
            @QueryParam("lon") @NotNull @DecimalMin("-180") @DecimalMax("180") Double lon) {
        return cases.nearCell(GridCell.of(lat, lon))
                .map(l -> l.stream().map(AlertView::near).toList());
    }

    @GET
    @PermitAll
    @Path("/{id}")
    @Operation(summary = "A recent alert")
    public Uni<AlertView> get(@PathParam("id") UUID id) {
        return cases.publicAlert(id).map(c -> AlertView.of(c, null));
    }

    @POST
    @Path("/{id}/leads")
    @RolesAllowed({Roles.BUYER, Roles.USER})
    @Operation(
            summary =
                    "Send a lead on an open alert (text, optional place and photo); only the case's agency "
                            + "reads it (at the Location answered). At most 5 per person per 10 minutes (429 with Retry-After beyond).")
    @APIResponseSchema(value = LeadReceipt.class, responseCode = "201", responseDescription = "The lead sent")
    @APIResponse(responseCode = "409", description = "The case is closed")
    @APIResponse(
            responseCode = "429",
            description = "Too many leads from the caller in the window; Retry-After says when to try again")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(
                                        name = "seen-nearby",
                                        summary = "What the sender saw, and where",
                                        value = """
                                        {"text": "A boy in a blue jacket at the east bus station", "latitude": 34.76, "longitude": 113.77}"""),
                                @ExampleObject(
                                        name = "with-a-photo",
                                        summary = "A sighting with the sender's photo",
                                        value = """
                                        {"text": "This boy was crying at the ticket hall, 14:20", "latitude": 34.75, "longitude": 113.66,
                                         "photoUrl": "https://img.example.org/leads/ticket-hall.jpg"}""")
                            }))
    public Uni<Response> lead(@PathParam("id") UUID id, @NotNull @Valid NewLead lead, UriInfo uri) {
        return limiter.acquire("leads", caller.getSubject(), leadsPerWindow, leadWindow)
                .chain(() -> cases.lead(caller.getSubject(), id, lead))
                .map(l -> Created.at(
                        uri, new LeadReceipt(l.id(), l.caseId()), "cases/{case}/leads/{id}", l.caseId(), l.id()));
    }
}
