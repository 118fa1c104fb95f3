package org.gongyi.donation.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
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
import org.gongyi.donation.api.LuckyBagResource.DrawView;
import org.gongyi.donation.service.LuckyBagService;
import org.gongyi.donation.service.LuckyBagService.Opening;

import java.util.List;
import java.util.UUID;

/** A participant's lucky bags (福包) in a campaign: opening one with the next chance, and the chances and draws so far. */
@Path("/campaigns/{campaignId}/lucky-bags")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Lucky bags")
public class LuckyBagOpeningResource {

    private final LuckyBagService bags;
    private final JsonWebToken caller;

    public LuckyBagOpeningResource(LuckyBagService bags, JsonWebToken caller) {
        this.bags = bags;
        this.caller = caller;
    }

    public record OpenBag(@NotNull UUID projectId) {}

    /** A person's chances left in a campaign and their draws, newest first. */
    public record StandingView(UUID campaignId, long chancesLeft, List<DrawView> draws) {}

    @POST
    @RolesAllowed({Roles.BUYER, Roles.USER})
    @Operation(
            summary = "Open a lucky bag with your next chance in the campaign: if the draw opens one, its amount is"
                    + " donated in your name to the project you pick (sponsored)")
    @APIResponse(
            responseCode = "409",
            description =
                    "No chance left to the person, no bag left to open now (or the last was just taken: try again), or the project takes no donations now")
    @APIResponse(
            responseCode = "429",
            description =
                    "The person opened the pool's daily number of bags; Retry-After says when (midnight, China Standard Time)")
    @APIResponseSchema(value = Opening.class, responseDescription = "What the bag held, or that it was empty")
    public Uni<Opening> open(@PathParam("campaignId") UUID campaignId, @NotNull @Valid OpenBag body) {
        return bags.open(campaignId, caller.getSubject(), body.projectId());
    }

    @GET
    @Path("mine")
    @RolesAllowed({Roles.BUYER, Roles.USER})
    @Operation(summary = "Your chances left in the campaign and your draws, newest first")
    public Uni<StandingView> mine(
            @PathParam("campaignId") UUID campaignId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Paging.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        return bags.standing(caller.getSubject(), campaignId, page, size)
                .map(s -> new StandingView(
                        s.campaignId(),
                        s.chancesLeft(),
                        s.draws().stream().map(DrawView::of).toList()));
    }
}
