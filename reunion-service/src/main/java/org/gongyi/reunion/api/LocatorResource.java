package org.gongyi.reunion.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gongyi.common.security.Roles;
import org.gongyi.reunion.api.ElderDtos.LocatorRegistration;
import org.gongyi.reunion.domain.CodeHash;
import org.gongyi.reunion.persistence.Locators;

import java.time.Clock;

/**
 * Locators as their gateway (or an operator) registers them: each with the activation code printed in its box, which a
 * guardian gives to enrol the person wearing it. The code is kept only as a hash.
 */
@Path("/locators")
@Tag(name = "Elderly anti-loss (guardians)")
@RolesAllowed(Roles.ADMIN)
public class LocatorResource {

    private final Locators locators;
    private final Clock clock;

    public LocatorResource(Locators locators, Clock clock) {
        this.locators = locators;
        this.clock = clock;
    }

    @PUT
    @Path("/{locatorId}")
    @Operation(summary = "Register a locator with its activation code (again: a new code)")
    @APIResponse(responseCode = "204", description = "The locator registered with the code")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(
                                        name = "activation-code",
                                        summary = "The code printed in the locator's box (at least 8 characters)",
                                        value = """
                                        {"activationCode": "7261-9918"}""")
                            }))
    public Uni<Response> register(
            @PathParam("locatorId") @Size(min = 1, max = 200) @Pattern(regexp = "[\\w.:-]+") String locatorId,
            @NotNull @Valid LocatorRegistration in) {
        return locators.register(locatorId, CodeHash.of(locatorId, in.activationCode()), clock.instant())
                .replaceWith(Response.noContent().build());
    }
}
