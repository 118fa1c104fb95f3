package org.gongyi.reunion.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gongyi.common.http.Created;
import org.gongyi.common.security.Roles;
import org.gongyi.reunion.api.ElderDtos.AlertView;
import org.gongyi.reunion.api.ElderDtos.ElderView;
import org.gongyi.reunion.api.ElderDtos.Guardians;
import org.gongyi.reunion.api.ElderDtos.InvitationView;
import org.gongyi.reunion.api.ElderDtos.NewElder;
import org.gongyi.reunion.api.ElderDtos.NewEscalation;
import org.gongyi.reunion.api.ElderDtos.NewGuardian;
import org.gongyi.reunion.api.ElderDtos.Position;
import org.gongyi.reunion.api.ElderDtos.Zone;
import org.gongyi.reunion.service.ElderService;
import org.gongyi.reunion.service.EscalationService;

import java.util.List;
import java.util.UUID;

/** Elderly anti-loss, for guardians: everything here is about elders the caller is a guardian of (404 otherwise). */
@Path("/elders")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Elderly anti-loss (guardians)")
@RolesAllowed(Roles.GUARDIAN)
public class ElderResource {

    private final ElderService elders;
    private final EscalationService escalations;
    private final JsonWebToken caller;

    public ElderResource(ElderService elders, EscalationService escalations, JsonWebToken caller) {
        this.elders = elders;
        this.escalations = escalations;
        this.caller = caller;
    }

    public record EscalationReceipt(UUID id, UUID elderId, String agencyId) {}

    @POST
    @Operation(summary = "Enrol a person aged 60+ (or with a condition) with a locator and a safe zone")
    @APIResponseSchema(value = ElderView.class, responseCode = "201", responseDescription = "The person enrolled")
    @APIResponse(
            responseCode = "403",
            description = "The caller's role does not allow this, or the activation code is not the locator's")
    @APIResponse(responseCode = "409", description = "The locator is already enrolled")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(
                                        name = "with-safe-zone",
                                        summary =
                                                "Zhang Lan, born 1946, with Alzheimer's: her locator, the code in its box, 800 m around home",
                                        value = """
                                        {"name": "Zhang Lan", "birthYear": 1946, "condition": "Alzheimer's", "locatorId": "loc-123",
                                         "activationCode": "7261-9918", "safeZone": {"latitude": 34.75, "longitude": 113.62, "radiusMetres": 800}}""")
                            }))
    public Uni<Response> enrol(@NotNull @Valid NewElder in, UriInfo uri) {
        return elders.enrol(caller.getSubject(), in).map(e -> Created.at(uri, ElderView.of(e), "elders/{id}", e.id()));
    }

    @GET
    @Operation(summary = "The people you are a guardian of")
    public Uni<List<ElderView>> mine() {
        return elders.mine(caller.getSubject())
                .map(l -> l.stream().map(ElderView::of).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One person: safe zone, whether they are in it, when last seen")
    public Uni<ElderView> get(@PathParam("id") UUID id) {
        return elders.get(caller.getSubject(), id).map(ElderView::of);
    }

    @PUT
    @Path("/{id}/safe-zone")
    @Operation(summary = "Move or resize the safe zone")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(
                                        name = "wider",
                                        summary = "The same home, 1.2 km around it (50 m to 100 km)",
                                        value = """
                                        {"latitude": 34.75, "longitude": 113.62, "radiusMetres": 1200}""")
                            }))
    public Uni<ElderView> zone(@PathParam("id") UUID id, @NotNull @Valid Zone zone) {
        return elders.moveZone(caller.getSubject(), id, zone).map(ElderView::of);
    }

    @DELETE
    @Path("/{id}")
    @Operation(
            summary = "Unenrol the person (the guardian who enrolled them, or the last one): the person, positions, "
                    + "exit alerts, guardians and escalations are erased; the locator can be paired again")
    @APIResponse(responseCode = "204", description = "The person unenrolled")
    @APIResponse(
            responseCode = "403",
            description = "The caller's role does not allow this, or they are neither the guardian who enrolled the "
                    + "person nor the last one")
    public Uni<Response> unenrol(@PathParam("id") UUID id) {
        return elders.unenrol(caller.getSubject(), id)
                .replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/{id}/guardians")
    @Operation(
            summary = "Invite another guardian: they see the person once they accept; returns the guardians and "
                    + "those invited")
    @APIResponse(
            responseCode = "202",
            description = "Invited: the guardians and those invited",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Guardians.class)))
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(
                                        name = "son",
                                        summary = "Invite another guardian: they see nothing until they accept",
                                        value = """
                                        {"guardianId": "son-1"}""")
                            }))
    public Uni<Response> invite(@PathParam("id") UUID id, @NotNull @Valid NewGuardian g) {
        return elders.invite(caller.getSubject(), id, g.guardianId())
                .map(Guardians::of)
                .map((Guardians all) -> Response.status(202)
                        .type(MediaType.APPLICATION_JSON)
                        .entity(all)
                        .build());
    }

    @GET
    @Path("/invitations")
    @Operation(summary = "The people you were invited to guard and have not accepted yet")
    public Uni<List<InvitationView>> invitations() {
        return elders.invitations(caller.getSubject())
                .map(l -> l.stream()
                        .map(i -> new InvitationView(i.elderId(), i.name(), i.invitedBy(), i.invitedAt()))
                        .toList());
    }

    @PUT
    @Path("/{id}/guardians/me")
    @Operation(summary = "Accept an invitation to guard the person")
    public Uni<ElderView> accept(@PathParam("id") UUID id) {
        return elders.accept(caller.getSubject(), id).map(ElderView::of);
    }

    @DELETE
    @Path("/{id}/guardians/{guardianId}")
    @Operation(
            summary = "Decline an invitation or stop guarding (guardianId `me`); the enrolling guardian also removes "
                    + "others. The last guardian unenrols instead (409)")
    @APIResponse(responseCode = "204", description = "The guardian or the invitation removed")
    @APIResponse(responseCode = "400", description = "The guardianId is over 200 characters")
    @APIResponse(
            responseCode = "403",
            description = "The caller's role does not allow this, or they remove someone else without being the "
                    + "guardian who enrolled the person")
    @APIResponse(
            responseCode = "409",
            description = "The last guardian does not leave: they unenrol the person instead")
    public Uni<Response> removeGuardian(
            @PathParam("id") UUID id, @PathParam("guardianId") @Size(max = 200) String guardianId) {
        String who = "me".equals(guardianId) ? caller.getSubject() : guardianId;
        return elders.removeGuardian(caller.getSubject(), id, who)
                .replaceWith(Response.noContent().build());
    }

    @GET
    @Path("/{id}/positions")
    @Operation(summary = "Recent positions, newest first (kept 30 days)")
    public Uni<List<Position>> positions(
            @PathParam("id") UUID id, @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return elders.positions(caller.getSubject(), id, limit)
                .map(l -> l.stream().map(Position::of).toList());
    }

    @GET
    @Path("/{id}/alerts")
    @Operation(summary = "Exits from the safe zone, newest first; an open one has no returnedAt")
    public Uni<List<AlertView>> alerts(@PathParam("id") UUID id) {
        return elders.alerts(caller.getSubject(), id)
                .map(l -> l.stream().map(AlertView::of).toList());
    }

    @POST
    @Path("/{id}/escalations")
    @Operation(summary = "Report the person missing to a police agency, which may publish a case")
    @APIResponseSchema(
            value = EscalationReceipt.class,
            responseCode = "201",
            responseDescription = "The escalation made")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(
                                        name = "missing",
                                        summary = "Report her missing to Zhengzhou's police",
                                        value = """
                                        {"agencyId": "zhengzhou-psb", "note": "Left the zone at 15:40, not answering; grey coat, walks with a stick"}""")
                            }))
    public Uni<Response> escalate(@PathParam("id") UUID id, @NotNull @Valid NewEscalation in, UriInfo uri) {
        return escalations
                .escalate(caller.getSubject(), id, in)
                .map(x -> Created.at(
                        uri, new EscalationReceipt(x.id(), x.elderId(), x.agencyId()), "escalations/{id}", x.id()));
    }
}
