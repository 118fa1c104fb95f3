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
import org.gongyi.common.security.Roles;
import org.gongyi.reunion.api.CaseDtos.CaseView;
import org.gongyi.reunion.api.ElderDtos.EscalationView;
import org.gongyi.reunion.api.ElderDtos.PublishFromEscalation;
import org.gongyi.reunion.service.EscalationService;

import java.util.List;
import java.util.UUID;

/** Missing elders that guardians reported to the caller's agency. */
@Path("/escalations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Cases (police)")
@RolesAllowed(Roles.POLICE)
public class EscalationResource {

    private final EscalationService escalations;
    private final JsonWebToken caller;

    public EscalationResource(EscalationService escalations, JsonWebToken caller) {
        this.escalations = escalations;
        this.caller = caller;
    }

    private String agency() {
        return Roles.organisation(caller);
    }

    @GET
    @Operation(
            summary = "Escalations to your agency not expired yet: the elder, where they were and since when out of "
                    + "the safe zone when the guardian escalated (a snapshot, not live tracking)")
    public Uni<List<EscalationView>> list() {
        return escalations
                .forAgency(agency())
                .map(l -> l.stream().map(EscalationView::of).toList());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.POLICE, Roles.GUARDIAN})
    @Operation(
            summary = "An escalation: for the guardian who made it, or for your agency's officers until it expires "
                    + "(404 for anyone else)")
    public Uni<EscalationView> get(@PathParam("id") UUID id) {
        String agency = caller.getGroups().contains(Roles.POLICE) ? agency() : null;
        return escalations.get(id, caller.getSubject(), agency).map(EscalationView::of);
    }

    @POST
    @Path("/{id}/case")
    @Operation(
            summary = "Publish a case from an escalation (name, age, place and time of loss come from it; the "
                    + "description is what the officer writes: the elder's condition is not published)")
    @APIResponseSchema(value = CaseView.class, responseCode = "201", responseDescription = "The case published")
    @APIResponse(responseCode = "409", description = "A case was already published from the escalation")
    @APIResponse(
            responseCode = "410",
            description = "The escalation expired: the guardian escalates again if the person is still missing")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(
                                        name = "elder-case",
                                        summary = "The police add the sex, their contact and what the alert shows",
                                        value = """
                                        {"sex": "FEMALE", "contact": "Zhengzhou PSB 0371-110", "description": "Grey coat, walks with a stick"}""")
                            }))
    public Uni<Response> publish(@PathParam("id") UUID id, @NotNull @Valid PublishFromEscalation in, UriInfo uri) {
        return escalations
                .publish(caller.getSubject(), agency(), id, in)
                .map(c -> Created.at(uri, CaseView.of(c), "cases/{id}", c.id()));
    }
}
