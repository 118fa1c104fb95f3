package org.gongyi.events.replay;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gongyi.common.security.Roles;

import java.net.URI;

/**
 * Auditors' replays of this service: start one, follow it, read its reconciliation report (JSON, or text with
 * {@code Accept: text/plain}), cancel it. Every service has one: its {@link ReplayPlan} says what
 * its replay reads and compares.
 */
@Path("/audit/replays")
@Tag(name = "Audit")
@RolesAllowed(Roles.AUDITOR)
public class AuditResource {

    private final Replayer replayer;

    public AuditResource(Replayer replayer) {
        this.replayer = replayer;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Replay this service's input events into a shadow schema and reconcile its projections; "
                    + "body (all optional): fromOffset or fromTime, toTime. 409 while a replay runs")
    @APIResponseSchema(
            value = ReplayReport.class,
            responseCode = "202",
            responseDescription = "Started; Location is where its progress is read")
    @APIResponse(responseCode = "409", description = "A replay is running")
    public Response start(ReplayRequest request) {
        ReplayReport report = replayer.start(request == null ? ReplayRequest.EVERYTHING : request);
        return Response.accepted(report)
                .location(URI.create("/audit/replays/latest"))
                .build();
    }

    @GET
    @Path("latest")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    @Operation(summary = "The latest replay: progress while it runs, the reconciliation report when it is done")
    @APIResponse(
            responseCode = "200",
            description = "The report, as JSON or (Accept: text/plain) as the text an auditor reads",
            content = {
                @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReplayReport.class)),
                @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING))
            })
    @APIResponse(responseCode = "404", description = "No replay since the service started")
    public Response latest(HttpHeaders headers) {
        ReplayReport report = replayer.latest();
        boolean text = headers.getAcceptableMediaTypes().stream()
                .anyMatch(m -> m.isCompatible(MediaType.TEXT_PLAIN_TYPE) && !m.isWildcardType());
        return text
                ? Response.ok(report.text(), MediaType.TEXT_PLAIN_TYPE).build()
                : Response.ok(report, MediaType.APPLICATION_JSON_TYPE).build();
    }

    @DELETE
    @Path("latest")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Cancel the latest replay if it is still running (it ends as CANCELLED, without comparing); "
                    + "returns its report")
    @APIResponseSchema(value = ReplayReport.class, responseDescription = "The replay's report, cancelled or finished")
    @APIResponse(responseCode = "404", description = "No replay since the service started")
    public ReplayReport cancel() {
        return replayer.cancel();
    }
}
