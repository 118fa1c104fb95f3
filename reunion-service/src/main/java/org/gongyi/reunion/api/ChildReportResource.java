package org.gongyi.reunion.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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
import org.gongyi.reunion.api.CaseDtos.CaseView;
import org.gongyi.reunion.api.ChildReportDtos.ChildReportView;
import org.gongyi.reunion.api.ChildReportDtos.Decline;
import org.gongyi.reunion.api.ChildReportDtos.NewChildReport;
import org.gongyi.reunion.api.ChildReportDtos.PublishFromReport;
import org.gongyi.reunion.service.ChildReportService;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Families report a missing child to a police agency, whose officers publish a case from the report or decline it
 * with a reason. A report is seen by the family who made it and the agency's police only (404 for anyone else).
 */
@Path("/child-reports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Child reports (families and police)")
public class ChildReportResource {

    private final ChildReportService reports;
    private final RateLimiter limiter;
    private final JsonWebToken caller;
    private final int reportsPerWindow;
    private final Duration reportWindow;

    public ChildReportResource(
            ChildReportService reports, RateLimiter limiter, JsonWebToken caller, ReunionConfig config) {
        this.reports = reports;
        this.limiter = limiter;
        this.caller = caller;
        this.reportsPerWindow = config.childReportsPerWindow();
        this.reportWindow = config.childReportWindow();
    }

    private boolean police() {
        return caller.getGroups().contains(Roles.POLICE);
    }

    private String agency() {
        return Roles.organisation(caller);
    }

    @POST
    @RolesAllowed({Roles.BUYER, Roles.USER, Roles.GUARDIAN})
    @Operation(
            summary = "Report a missing child (under 18) to a police agency: the agency's police see it and publish a "
                    + "case from it or decline it with a reason; parents do not publish. At most 3 per person per hour "
                    + "(429 with Retry-After beyond)")
    @APIResponseSchema(value = ChildReportView.class, responseCode = "201", responseDescription = "The report made")
    @APIResponse(
            responseCode = "429",
            description = "Too many reports from the caller in the window; Retry-After says when to try again")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(
                                        name = "family-report",
                                        summary = "A family reports their daughter of 4 missing to Zhengzhou's police",
                                        value = """
                                        {"agencyId": "zhengzhou-psb", "name": "Wang Fang", "age": 4, "sex": "FEMALE",
                                         "description": "Red coat, two braids; lost at the Dennis department store", "photoUrl": "https://img.example.org/reports/wang-fang.jpg",
                                         "latitude": 34.72, "longitude": 113.65, "lostAt": "2026-12-05T09:10:00Z", "reporterContact": "138 0000 0000"}""")
                            }))
    public Uni<Response> report(@NotNull @Valid NewChildReport in, UriInfo uri) {
        return limiter.acquire("child-reports", caller.getSubject(), reportsPerWindow, reportWindow)
                .chain(() -> reports.report(caller.getSubject(), in))
                .map(r -> Created.at(uri, ChildReportView.forFamily(r), "child-reports/{id}", r.id()));
    }

    @GET
    @Path("/mine")
    @RolesAllowed({Roles.BUYER, Roles.USER, Roles.GUARDIAN})
    @Operation(summary = "The reports you made, newest first, with the police's decision")
    public Uni<List<ChildReportView>> mine() {
        return reports.ofReporter(caller.getSubject())
                .map(l -> l.stream().map(ChildReportView::forFamily).toList());
    }

    @GET
    @RolesAllowed(Roles.POLICE)
    @Operation(summary = "Reports to your agency: those waiting for a decision first, then newest first (200)")
    public Uni<List<ChildReportView>> list() {
        return reports.forAgency(agency())
                .map(l -> l.stream().map(ChildReportView::forPolice).toList());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.POLICE, Roles.BUYER, Roles.USER, Roles.GUARDIAN})
    @Operation(summary = "A report: for the family who made it, or your agency's officers (404 for anyone else)")
    public Uni<ChildReportView> get(@PathParam("id") UUID id) {
        boolean police = police();
        return reports.get(id, caller.getSubject(), police ? agency() : null)
                .map(r -> police ? ChildReportView.forPolice(r) : ChildReportView.forFamily(r));
    }

    @POST
    @Path("/{id}/case")
    @RolesAllowed(Roles.POLICE)
    @Operation(
            summary = "Publish a case from a pending report to your agency (name, age, sex, place and time of loss "
                    + "come from it; contact, description and photo are what the officer gives); 409 once decided")
    @APIResponseSchema(value = CaseView.class, responseCode = "201", responseDescription = "The case published")
    @APIResponse(responseCode = "409", description = "The report was already published or declined")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(
                                        name = "publish",
                                        summary =
                                                "The police's contact and the description the alert shows (the family's photo is kept)",
                                        value = """
                                        {"contact": "Zhengzhou PSB 0371-110", "description": "Red coat, two braids"}""")
                            }))
    public Uni<Response> publish(@PathParam("id") UUID id, @NotNull @Valid PublishFromReport in, UriInfo uri) {
        return reports.publish(caller.getSubject(), agency(), id, in)
                .map(c -> Created.at(uri, CaseView.of(c), "cases/{id}", c.id()));
    }

    @POST
    @Path("/{id}/decline")
    @RolesAllowed(Roles.POLICE)
    @Operation(summary = "Decline a pending report with a reason the family reads; 409 once decided")
    @APIResponse(responseCode = "409", description = "The report was already published or declined")
    @APIResponseSchema(value = ChildReportView.class, responseDescription = "The report, declined")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(
                                        name = "decline",
                                        summary = "Why no case is published (the family reads it)",
                                        value = """
                                        {"reason": "Your daughter was found at her grandmother's; call 0371-110 if anything changes"}""")
                            }))
    public Uni<ChildReportView> decline(@PathParam("id") UUID id, @NotNull @Valid Decline in) {
        return reports.decline(caller.getSubject(), agency(), id, in.reason()).map(ChildReportView::forPolice);
    }
}
