package org.gongyi.forest.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gongyi.common.http.Paging;
import org.gongyi.common.security.Roles;
import org.gongyi.forest.api.EnergyDtos.ActionView;
import org.gongyi.forest.api.EnergyDtos.CollectedView;
import org.gongyi.forest.api.EnergyDtos.EnergyView;
import org.gongyi.forest.service.BallService;

import java.util.List;
import java.util.UUID;

/** The caller's own energy: balance, balls, actions. Always the token's subject, never a parameter. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "My energy")
@RolesAllowed({Roles.BUYER, Roles.USER})
public class MyEnergyResource {

    private final BallService balls;
    private final JsonWebToken caller;

    public MyEnergyResource(BallService balls, JsonWebToken caller) {
        this.balls = balls;
        this.caller = caller;
    }

    @GET
    @Path("me/energy")
    @Operation(
            summary = "Your balance and your balls not yet collected: ripe ones and pending ones (ripening at "
                    + "07:00 Asia/Shanghai the day after the action, gone 72 h later)")
    public Uni<EnergyView> energy() {
        return balls.energy(caller.getSubject()).map(EnergyView::of);
    }

    @GET
    @Path("me/actions")
    @Operation(summary = "Your reported low-carbon actions, newest first, with what each earned or why it did not")
    public Uni<List<ActionView>> actions(
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Paging.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        return balls.actions(caller.getSubject(), page, size)
                .map(l -> l.stream().map(ActionView::of).toList());
    }

    @POST
    @Path("me/balls/{ballId}/collect")
    @Operation(summary = "Collect one ripe ball into your balance (409 not ripe or already collected, 410 expired)")
    @APIResponseSchema(value = CollectedView.class, responseDescription = "The grams collected and the balance after")
    @APIResponse(responseCode = "409", description = "The ball is already collected, or not ripe yet")
    @APIResponse(responseCode = "410", description = "The ball expired uncollected")
    public Uni<CollectedView> collect(@PathParam("ballId") UUID ballId) {
        return balls.collect(caller.getSubject(), ballId).map(CollectedView::of);
    }

    @POST
    @Path("me/balls/collect")
    @Operation(summary = "Collect all your ripe balls")
    public Uni<CollectedView> collectAll() {
        return balls.collectAll(caller.getSubject()).map(CollectedView::of);
    }
}
