package org.gongyi.forest.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
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
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gongyi.common.http.Paging;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.security.Roles;
import org.gongyi.forest.api.EnergyDtos.BallView;
import org.gongyi.forest.service.FriendService;
import org.gongyi.forest.service.FriendService.Friend;
import org.gongyi.forest.service.FriendService.Leaderboard;
import org.gongyi.forest.service.FriendService.Shield;
import org.gongyi.forest.service.FriendService.Status;
import org.gongyi.forest.service.FriendService.Taken;
import org.gongyi.forest.service.FriendService.Watered;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/** Friends, collecting from and watering them, and shields against being collected from. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Friends")
public class FriendResource {

    private final FriendService friends;
    private final JsonWebToken caller;

    public FriendResource(FriendService friends, JsonWebToken caller) {
        this.friends = friends;
        this.caller = caller;
    }

    public record FriendEnergyView(
            String userId, @Schema(nullable = true) Instant shieldUntil, List<BallView> ripe) {}

    public record FriendView(String userId, Status status, Instant since) {
        static FriendView of(Friend f) {
            return new FriendView(f.userId(), f.status(), f.since());
        }
    }

    public record TakenView(String friendId, UUID ballId, long grams, long balanceGrams) {
        static TakenView of(Taken t) {
            return new TakenView(t.friendId(), t.ballId(), t.grams(), t.balanceGrams());
        }
    }

    public record WateredView(String friendId, long grams, int timesToday, long balanceGrams) {
        static WateredView of(Watered w) {
            return new WateredView(w.friendId(), w.grams(), w.timesToday(), w.balanceGrams());
        }
    }

    public record ShieldView(@Schema(nullable = true) Instant endsAt, int itemsLeft) {
        static ShieldView of(Shield s) {
            return new ShieldView(s.endsAt(), s.itemsLeft());
        }
    }

    /** A place on the leaderboard: energy collected in the week (g) and trees owned. */
    public record StandingView(int rank, String userId, long weekGrams, long trees) {}

    /** The user and their friends for a week (Monday to Sunday, China Standard Time). */
    public record LeaderboardView(LocalDate from, LocalDate to, List<StandingView> standings) {
        static LeaderboardView of(Leaderboard l) {
            return new LeaderboardView(
                    l.from(),
                    l.to(),
                    l.standings().stream()
                            .map(s -> new StandingView(s.rank(), s.userId(), s.weekGrams(), s.trees()))
                            .toList());
        }
    }

    /** {@code kind}: TOOK (took {@code grams} from one of your balls) or WATERED (gave you {@code grams}). */
    public record FeedEntryView(String kind, String friendId, long grams, Instant at) {}

    public record ShieldGrant(
            @NotBlank @Size(max = 200) String userId,
            @Min(1) @Max(100) int items,
            @Min(1) @Max(720) int hours) {}

    @GET
    @Path("me/leaderboard")
    @RolesAllowed({Roles.BUYER, Roles.USER})
    @Operation(
            summary = "You and your friends ranked by the energy each collected in a week (this week, or the week of"
                    + " `week`, a date), then by trees owned; ties share a rank")
    public Uni<LeaderboardView> leaderboard(@QueryParam("week") String week) {
        LocalDate day;
        try {
            day = week == null ? null : LocalDate.parse(week);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("week is a date such as 2026-11-30: not " + week);
        }
        return friends.leaderboard(caller.getSubject(), day).map(LeaderboardView::of);
    }

    @GET
    @Path("me/feed")
    @RolesAllowed({Roles.BUYER, Roles.USER})
    @Operation(summary = "Who took energy from your balls and who watered you, newest first")
    public Uni<List<FeedEntryView>> feed(
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Paging.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        return friends.feed(caller.getSubject(), page, size)
                .map(es -> es.stream()
                        .map(e -> new FeedEntryView(e.kind(), e.friendId(), e.grams(), e.at()))
                        .toList());
    }

    @GET
    @Path("me/friends")
    @RolesAllowed({Roles.BUYER, Roles.USER})
    @Operation(summary = "Your friends and pending requests (FRIEND, REQUESTED by you, INVITED by them)")
    public Uni<List<FriendView>> list() {
        return friends.list(caller.getSubject())
                .map(l -> l.stream().map(FriendView::of).toList());
    }

    @PUT
    @Path("me/friends/{friendId}")
    @RolesAllowed({Roles.BUYER, Roles.USER})
    @Operation(summary = "Ask someone to be your friend, or accept their request")
    @APIResponseSchema(value = FriendView.class, responseDescription = "Your link with them now")
    @APIResponse(responseCode = "400", description = "The friend id is yourself, or not 1 to 200 characters")
    public Uni<FriendView> add(@PathParam("friendId") @Size(min = 1, max = 200) String friendId) {
        return friends.add(caller.getSubject(), friendId).map(FriendView::of);
    }

    @DELETE
    @Path("me/friends/{friendId}")
    @RolesAllowed({Roles.BUYER, Roles.USER})
    @ResponseStatus(204)
    @Operation(summary = "End a friendship, withdraw or decline a request")
    @APIResponse(responseCode = "204", description = "No link with them any more")
    @APIResponse(responseCode = "400", description = "The friend id is not 1 to 200 characters")
    public Uni<Void> remove(@PathParam("friendId") @Size(min = 1, max = 200) String friendId) {
        return friends.remove(caller.getSubject(), friendId);
    }

    @GET
    @Path("friends/{friendId}/energy")
    @RolesAllowed({Roles.BUYER, Roles.USER})
    @Operation(summary = "A friend's ripe balls and shield (403 unless you are friends)")
    @APIResponseSchema(value = FriendEnergyView.class, responseDescription = "The friend's ripe balls and shield")
    @APIResponse(responseCode = "400", description = "The friend id is not 1 to 200 characters")
    @APIResponse(
            responseCode = "403",
            description = "You and the friend are not friends, or your role does not allow this")
    public Uni<FriendEnergyView> energy(@PathParam("friendId") @Size(min = 1, max = 200) String friendId) {
        return friends.energy(caller.getSubject(), friendId)
                .map(e -> new FriendEnergyView(
                        e.userId(),
                        e.shieldUntil(),
                        e.ripe().stream().map(BallView::of).toList()));
    }

    @POST
    @Path("friends/{friendId}/balls/{ballId}/collect")
    @RolesAllowed({Roles.BUYER, Roles.USER})
    @Operation(summary = "Collect your share of a friend's ripe ball: once per ball, not through a shield")
    @APIResponseSchema(value = TakenView.class, responseDescription = "The grams you took and your balance after")
    @APIResponse(responseCode = "400", description = "The friend id is not 1 to 200 characters")
    @APIResponse(
            responseCode = "403",
            description = "You and the friend are not friends, or your role does not allow this")
    @APIResponse(
            responseCode = "409",
            description =
                    "You already took from the ball, nothing is left for friends, it is watered energy, its owner collected it, it is not ripe yet, or the friend's shield is up")
    @APIResponse(responseCode = "410", description = "The ball expired uncollected")
    public Uni<TakenView> collect(
            @PathParam("friendId") @Size(min = 1, max = 200) String friendId, @PathParam("ballId") UUID ballId) {
        return friends.collect(caller.getSubject(), friendId, ballId).map(TakenView::of);
    }

    @POST
    @Path("friends/{friendId}/water")
    @RolesAllowed({Roles.BUYER, Roles.USER})
    @Operation(summary = "Water a friend: 10 g of your energy becomes a ball they can collect (3 times a day each)")
    @APIResponseSchema(
            value = WateredView.class,
            responseDescription = "The grams given, how many times today, and your balance after")
    @APIResponse(responseCode = "400", description = "The friend id is not 1 to 200 characters")
    @APIResponse(
            responseCode = "403",
            description = "You and the friend are not friends, or your role does not allow this")
    @APIResponse(
            responseCode = "409",
            description =
                    "You watered the friend as many times as a day allows, or your balance does not cover the watering")
    public Uni<WateredView> water(@PathParam("friendId") @Size(min = 1, max = 200) String friendId) {
        return friends.water(caller.getSubject(), friendId).map(WateredView::of);
    }

    @GET
    @Path("me/shield")
    @RolesAllowed({Roles.BUYER, Roles.USER})
    @Operation(summary = "Your shield: until when it protects you, and the shield items you hold")
    public Uni<ShieldView> shield() {
        return friends.myShield(caller.getSubject()).map(ShieldView::of);
    }

    @POST
    @Path("me/shield")
    @RolesAllowed({Roles.BUYER, Roles.USER})
    @Operation(summary = "Use a shield item: friends cannot collect your energy until it ends")
    @APIResponseSchema(value = ShieldView.class, responseDescription = "Your shield now")
    @APIResponse(responseCode = "409", description = "You have no shield items")
    public Uni<ShieldView> raise() {
        return friends.raiseShield(caller.getSubject()).map(ShieldView::of);
    }

    @POST
    @Path("shield-items")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Give a user shield items (campaign rewards), each lasting the given hours")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(
                                        name = "campaign-reward",
                                        summary = "Two shield items of 24 hours each, a campaign's reward",
                                        value = """
                                        {"userId": "alice", "items": 2, "hours": 24}""")
                            }))
    public Uni<ShieldView> grant(@NotNull @Valid ShieldGrant grant) {
        return friends.grantShields(grant.userId(), grant.items(), grant.hours())
                .map(ShieldView::of);
    }
}
