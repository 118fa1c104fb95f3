package org.gongyi.volunteer.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gongyi.common.http.Created;
import org.gongyi.common.security.Roles;
import org.gongyi.volunteer.api.ActivityDtos.ServiceRecordView;
import org.gongyi.volunteer.persistence.BloodDonation;
import org.gongyi.volunteer.service.AttendanceService;
import org.gongyi.volunteer.service.BloodDonationService;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Blood donations (declared, verified by an organisation) and disputes of recorded service time. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "3 Hours")
public class BloodDonationResource {

    private final BloodDonationService blood;
    private final AttendanceService attendance;
    private final JsonWebToken caller;

    public BloodDonationResource(BloodDonationService blood, AttendanceService attendance, JsonWebToken caller) {
        this.blood = blood;
        this.attendance = attendance;
        this.caller = caller;
    }

    public record Declaration(
            @NotBlank @Size(max = 100) String organisationId,
            @NotNull Instant donatedAt,
            @NotNull @Min(200) @Max(800) Integer volumeMl) {}

    public record BloodDonationView(
            UUID id,
            String userId,
            String organisationId,
            Instant donatedAt,
            int volumeMl,
            BloodDonation.Status status,
            Instant declaredAt,
            @Schema(nullable = true) Instant decidedAt) {
        static BloodDonationView of(BloodDonation b) {
            return new BloodDonationView(
                    b.id(),
                    b.userId(),
                    b.organisationId(),
                    b.donatedAt(),
                    b.volumeMl(),
                    b.status(),
                    b.declaredAt(),
                    b.decidedAt());
        }
    }

    public record Dispute(@NotBlank @Size(max = 1000) String reason) {}

    @POST
    @Path("me/blood-donations")
    @RolesAllowed({Roles.BUYER, Roles.USER})
    @Operation(
            summary = "Declare a blood donation to a verified organisation (4 welfare hours per 200 ml once verified)")
    @APIResponseSchema(
            value = BloodDonationView.class,
            responseCode = "201",
            responseDescription = "The declaration, waiting for the organisation's decision")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(
                                        name = "whole-blood-400",
                                        summary =
                                                "400 ml of whole blood on 5 December 2026: 8 welfare hours once the organisation verifies it",
                                        value = """
                                        {"organisationId": "hangzhou-blood-centre", "donatedAt": "2026-12-05T02:30:00Z", "volumeMl": 400}""")
                            }))
    public Uni<Response> declare(@NotNull @Valid Declaration d, UriInfo uri) {
        return blood.declare(caller.getSubject(), d.organisationId(), d.donatedAt(), d.volumeMl())
                .map(b -> Created.at(uri, BloodDonationView.of(b), "me/blood-donations/{id}", b.id()));
    }

    @GET
    @Path("me/blood-donations/{id}")
    @RolesAllowed({Roles.BUYER, Roles.USER})
    @Operation(summary = "One of your blood donation declarations and its verification")
    public Uni<BloodDonationView> mine(@PathParam("id") UUID id) {
        return blood.mine(caller.getSubject(), id).map(BloodDonationView::of);
    }

    @GET
    @Path("blood-donations")
    @RolesAllowed({Roles.CHARITY, Roles.ADMIN})
    @Operation(summary = "Blood donations declared to your organisation, waiting for a decision")
    public Uni<List<BloodDonationView>> pending() {
        return blood.pending(Roles.actingOrganisation(caller))
                .map(l -> l.stream().map(BloodDonationView::of).toList());
    }

    @POST
    @Path("blood-donations/{id}/verify")
    @RolesAllowed({Roles.CHARITY, Roles.ADMIN})
    @Operation(summary = "Verify a declared blood donation: credits the welfare time")
    @APIResponse(responseCode = "409", description = "The declaration was verified or rejected already")
    @APIResponseSchema(value = BloodDonationView.class, responseDescription = "The donation verified")
    public Uni<BloodDonationView> verify(@PathParam("id") UUID id) {
        return blood.decide(Roles.actingOrganisation(caller), caller.getSubject(), id, true)
                .map(BloodDonationView::of);
    }

    @POST
    @Path("blood-donations/{id}/reject")
    @RolesAllowed({Roles.CHARITY, Roles.ADMIN})
    @Operation(summary = "Reject a declared blood donation")
    @APIResponse(responseCode = "409", description = "The declaration was verified or rejected already")
    @APIResponseSchema(value = BloodDonationView.class, responseDescription = "The donation rejected")
    public Uni<BloodDonationView> reject(@PathParam("id") UUID id) {
        return blood.decide(Roles.actingOrganisation(caller), caller.getSubject(), id, false)
                .map(BloodDonationView::of);
    }

    @POST
    @Path("service-records/{id}/dispute")
    @RolesAllowed({Roles.BUYER, Roles.USER})
    @Operation(
            summary = "Dispute your recorded service time before it is verified; the organisation then verifies "
                    + "or corrects it")
    @APIResponse(
            responseCode = "409",
            description = "The time is not recorded-and-unverified (still open, disputed already, or verified)")
    @APIResponseSchema(value = ServiceRecordView.class, responseDescription = "The time, disputed")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(
                                        name = "wrong-time",
                                        summary =
                                                "Why the recorded time is wrong; the organisation verifies or corrects it",
                                        value = """
                                        {"reason": "I was there from 09:00; I checked in at 09:40 because the queue for the code was long"}""")
                            }))
    public Uni<ServiceRecordView> dispute(@PathParam("id") UUID id, @NotNull @Valid Dispute d) {
        return attendance.dispute(caller.getSubject(), id, d.reason()).map(ServiceRecordView::of);
    }
}
