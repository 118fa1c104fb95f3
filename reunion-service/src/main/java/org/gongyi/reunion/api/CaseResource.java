package org.gongyi.reunion.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
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
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gongyi.common.http.Created;
import org.gongyi.common.http.Paging;
import org.gongyi.common.security.Roles;
import org.gongyi.reunion.api.CaseDtos.CaseView;
import org.gongyi.reunion.api.CaseDtos.Closing;
import org.gongyi.reunion.api.CaseDtos.LeadHandling;
import org.gongyi.reunion.api.CaseDtos.LeadView;
import org.gongyi.reunion.api.CaseDtos.NewCase;
import org.gongyi.reunion.service.CaseService;

import java.util.List;
import java.util.UUID;

/** Police of an agency (the token's {@code org}) publish, close and follow their agency's cases. */
@Path("/cases")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Cases (police)")
@RolesAllowed(Roles.POLICE)
public class CaseResource {

    private final CaseService cases;
    private final JsonWebToken caller;

    public CaseResource(CaseService cases, JsonWebToken caller) {
        this.cases = cases;
        this.caller = caller;
    }

    private String agency() {
        return Roles.organisation(caller);
    }

    @POST
    @Operation(
            summary = "Publish a missing-child case at once: pushed to devices within 100 km of the place of loss, "
                    + "widening with the time since the loss (200, 300, then 500 km)")
    @APIResponseSchema(value = CaseView.class, responseCode = "201", responseDescription = "The case published")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(
                                        name = "child",
                                        summary =
                                                "A boy of 6 lost near Erqi Square, Zhengzhou, with his photo and what he wore",
                                        value = """
                                        {"name": "Li Ming", "age": 6, "sex": "MALE", "photoUrl": "https://img.example.org/cases/li-ming.jpg",
                                         "description": "Blue jacket, red shoes", "latitude": 34.7466, "longitude": 113.6253,
                                         "lostAt": "2026-12-05T08:30:00Z", "contact": "Zhengzhou PSB 0371-110"}"""),
                                @ExampleObject(
                                        name = "without-photo",
                                        summary = "Only what is required: no photo, no description",
                                        value = """
                                        {"name": "Wang Fang", "age": 4, "sex": "FEMALE", "latitude": 34.72, "longitude": 113.65,
                                         "lostAt": "2026-12-05T09:10:00Z", "contact": "Zhengzhou PSB 0371-110"}""")
                            }))
    public Uni<Response> publish(@NotNull @Valid NewCase in, UriInfo uri) {
        return cases.publish(caller.getSubject(), agency(), in)
                .map(c -> Created.at(uri, CaseView.of(c), "cases/{id}", c.id()));
    }

    @GET
    @Operation(summary = "Your agency's cases, newest first")
    public Uni<List<CaseView>> list(
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Paging.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        return cases.agencyCases(agency(), page, size)
                .map(l -> l.stream().map(CaseView::of).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One of your agency's cases")
    public Uni<CaseView> get(@PathParam("id") UUID id) {
        return cases.caseOf(agency(), id).map(CaseView::of);
    }

    @POST
    @Path("/{id}/close")
    @Operation(
            summary = "Close as FOUND (outcome RESCUED, RAN_AWAY, LOST, DECEASED, OTHER) or as a FALSE_REPORT; "
                    + "the closure is pushed to every device that got the alert")
    @APIResponse(responseCode = "409", description = "The case is already closed")
    @APIResponseSchema(value = CaseView.class, responseDescription = "The case closed")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(
                                        name = "found",
                                        summary = "Found, and how: RESCUED, RAN_AWAY, LOST, DECEASED or OTHER",
                                        value = """
                                        {"closure": "FOUND", "outcome": "RESCUED"}"""),
                                @ExampleObject(
                                        name = "false-report",
                                        summary = "A false report (辟谣): no outcome",
                                        value = """
                                        {"closure": "FALSE_REPORT"}""")
                            }))
    public Uni<CaseView> close(@PathParam("id") UUID id, @NotNull @Valid Closing closing) {
        return cases.close(caller.getSubject(), agency(), id, closing.closure(), closing.outcome())
                .map(CaseView::of);
    }

    @GET
    @Path("/{id}/leads")
    @Operation(summary = "The leads the public sent on one of your agency's cases")
    public Uni<List<LeadView>> leads(@PathParam("id") UUID id) {
        return cases.leads(agency(), id).map(l -> l.stream().map(LeadView::of).toList());
    }

    @PUT
    @Path("/{id}/leads/{leadId}/handling")
    @Operation(
            summary = "Mark a lead on one of your agency's cases handled, with an outcome (FOLLOWED_UP, NOT_RELEVANT, "
                    + "DUPLICATE) and a note; once: the same again answers it unchanged, a different one is 409")
    @APIResponse(responseCode = "409", description = "The lead was already handled with another outcome or note")
    @APIResponseSchema(value = LeadView.class, responseDescription = "The lead, handled")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(
                                        name = "followed-up",
                                        summary = "Followed up, with a note for the case's file",
                                        value = """
                                        {"outcome": "FOLLOWED_UP", "note": "Bus station cameras checked"}"""),
                                @ExampleObject(
                                        name = "duplicate",
                                        summary = "The same sighting as an earlier lead",
                                        value = """
                                        {"outcome": "DUPLICATE", "note": "Same sighting as the lead from the east bus station"}""")
                            }))
    public Uni<LeadView> handle(
            @PathParam("id") UUID id, @PathParam("leadId") UUID leadId, @NotNull @Valid LeadHandling handling) {
        return cases.handleLead(caller.getSubject(), agency(), id, leadId, handling)
                .map(LeadView::of);
    }

    @GET
    @Path("/{id}/leads/{leadId}")
    @Operation(summary = "One lead sent on one of your agency's cases")
    public Uni<LeadView> lead(@PathParam("id") UUID id, @PathParam("leadId") UUID leadId) {
        return cases.lead(agency(), id, leadId).map(LeadView::of);
    }
}
