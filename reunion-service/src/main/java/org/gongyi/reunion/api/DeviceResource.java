package org.gongyi.reunion.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.gongyi.reunion.persistence.Device;
import org.gongyi.reunion.service.DeviceService;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Opting a device in to alerts, keeping its coarse location current, opting out. */
@Path("/devices")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Devices")
@RolesAllowed({Roles.BUYER, Roles.USER, Roles.GUARDIAN})
public class DeviceResource {

    private final DeviceService devices;
    private final JsonWebToken caller;

    public DeviceResource(DeviceService devices, JsonWebToken caller) {
        this.devices = devices;
        this.caller = caller;
    }

    public record Registration(
            @NotNull Device.Platform platform,
            @NotBlank @Size(max = 500) String pushToken,
            @NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
            @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude) {}

    public record Location(
            @NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
            @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude) {}

    /** A device as its owner sees it (the push token is not echoed back). */
    public record DeviceView(
            UUID id,
            Device.Platform platform,
            double latitude,
            double longitude,
            Instant registeredAt,
            Instant locatedAt) {
        static DeviceView of(Device d) {
            return new DeviceView(d.id(), d.platform(), d.latitude(), d.longitude(), d.registeredAt(), d.locatedAt());
        }
    }

    @POST
    @Operation(
            summary = "Opt a device in to alerts near it; its location is kept to 0.01° (about 1 km), latest only. "
                    + "A device registered to someone else answers 202: a code is pushed to it, to claim it with")
    @APIResponseSchema(value = DeviceView.class, responseCode = "201", responseDescription = "The device opted in")
    @APIResponse(
            responseCode = "202",
            description = "The device is registered to someone else: a code was pushed to it, to claim it with",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CodeSent.class)))
    @APIResponse(
            responseCode = "409",
            description = "The caller has the most devices one person may register: opt one out first")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(
                                        name = "android",
                                        summary = "An Android phone in Zhengzhou (kept to 0.01°)",
                                        value = """
                                        {"platform": "ANDROID", "pushToken": "fcm:alice-phone", "latitude": 34.8, "longitude": 113.7}"""),
                                @ExampleObject(name = "iphone", summary = "An iPhone in Kaifeng", value = """
                                        {"platform": "IOS", "pushToken": "apns:7f3a9c2e41b8d6f0", "latitude": 34.79, "longitude": 114.31}""")
                            }))
    public Uni<Response> register(@NotNull @Valid Registration r, UriInfo uri) {
        return devices.register(caller.getSubject(), r.platform(), r.pushToken(), r.latitude(), r.longitude())
                .map(result -> switch (result) {
                    case DeviceService.Registration.Registered d ->
                        Created.at(
                                uri,
                                DeviceView.of(d.device()),
                                "devices/{id}",
                                d.device().id());
                    case DeviceService.Registration.CodeSent c ->
                        Response.status(202)
                                .type(MediaType.APPLICATION_JSON)
                                .entity(new CodeSent(c.expiresAt()))
                                .build();
                });
    }

    /** The device is registered to someone else: a code was pushed to it, to be typed back by {@code expiresAt}. */
    public record CodeSent(Instant expiresAt) {}

    public record Claim(
            @NotBlank @Size(max = 500) String pushToken,

            @NotBlank @Pattern(regexp = "\\d{6}", message = "must be the 6 digits pushed to the device")
            String code) {}

    @POST
    @Path("/claims")
    @Operation(
            summary = "Take over a device registered to someone else with the code pushed to it (202 on "
                    + "registering); 403 for a wrong code (5 tries), 410 once it expired (10 minutes)")
    @APIResponseSchema(value = DeviceView.class, responseDescription = "The device, now the caller's")
    @APIResponse(
            responseCode = "403",
            description = "The caller's role does not allow this, or the code is not the one pushed to the device "
                    + "(the last try ends the claim)")
    @APIResponse(
            responseCode = "404",
            description = "The caller has no claim of that device (register it first), or it was opted out")
    @APIResponse(
            responseCode = "409",
            description = "The caller has the most devices one person may register: opt one out first")
    @APIResponse(responseCode = "410", description = "The code expired: register the device again for a new one")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(
                                        name = "code",
                                        summary = "The 6-digit code pushed to the device",
                                        value = """
                                        {"pushToken": "fcm:alice-phone", "code": "482913"}""")
                            }))
    public Uni<DeviceView> claim(@NotNull @Valid Claim c) {
        return devices.claim(caller.getSubject(), c.pushToken(), c.code()).map(DeviceView::of);
    }

    @GET
    @Operation(summary = "Your devices")
    public Uni<List<DeviceView>> mine() {
        return devices.mine(caller.getSubject())
                .map(l -> l.stream().map(DeviceView::of).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One of your devices")
    public Uni<DeviceView> get(@PathParam("id") UUID id) {
        return devices.mine(caller.getSubject(), id).map(DeviceView::of);
    }

    @PUT
    @Path("/{id}/location")
    @Operation(summary = "Update a device's coarse location (replaces the previous one)")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(
                                        name = "moved",
                                        summary = "The phone is now in Zhengzhou's Jinshui district",
                                        value = """
                                        {"latitude": 34.77, "longitude": 113.69}""")
                            }))
    public Uni<DeviceView> locate(@PathParam("id") UUID id, @NotNull @Valid Location l) {
        return devices.locate(caller.getSubject(), id, l.latitude(), l.longitude())
                .map(DeviceView::of);
    }

    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    @Operation(summary = "Opt out: the device, its location and its delivery records are deleted")
    public Uni<Void> remove(@PathParam("id") UUID id) {
        return devices.remove(caller.getSubject(), id);
    }
}
