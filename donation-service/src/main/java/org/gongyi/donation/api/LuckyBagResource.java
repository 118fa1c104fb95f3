package org.gongyi.donation.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gongyi.common.http.Created;
import org.gongyi.common.http.Paging;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.security.Roles;
import org.gongyi.common.time.ChinaTime;
import org.gongyi.donation.domain.InvalidRuleException;
import org.gongyi.donation.domain.LuckyBags;
import org.gongyi.donation.persistence.LuckyPool;
import org.gongyi.donation.persistence.LuckyPools.RecordedDraw;
import org.gongyi.donation.service.LuckyBagService;
import org.gongyi.donation.service.LuckyBagService.Funding;
import org.jboss.resteasy.reactive.Cache;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Pools of lucky bags (福包) of campaigns: admins record a sponsor's funded pool; the pools are public (their commitment
 * at once, their secret once closed); auditors read every draw with its inputs. Participants open bags with
 * {@link LuckyBagOpeningResource}.
 */
@Path("/lucky-bag-pools")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Lucky bags")
public class LuckyBagResource {

    /** The randomness, as every pool page states it. */
    static final String RANDOMNESS =
            "HMAC-SHA256 under the pool's secret (32 bytes from the JDK's SecureRandom): bag n's"
                    + " amount from HMAC(\"bag\\n\" + pool + \"\\n\" + n), a chance's draw from HMAC(pool + \"\\n\" + person +"
                    + " \"\\n\" + participation), opening a bag when its first 8 bytes (unsigned) mod 1,000,000 < chancePpm;"
                    + " commitment = SHA-256(secret), published when funded; the secret once the pool closes";

    private final LuckyBagService bags;
    private final Clock clock;

    public LuckyBagResource(LuckyBagService bags, Clock clock) {
        this.bags = bags;
        this.clock = clock;
    }

    /**
     * A sponsor's pool: {@code opens} and {@code closes} in China Standard Time (closes exclusive); the chance in parts
     * per million; at most {@code perPersonDaily} bags a person a day.
     */
    public record NewPool(
            @NotNull UUID campaignId,
            @NotBlank @Size(max = 200) String sponsorId,
            @NotBlank @Size(max = 200) String name,
            @NotNull @Positive Long totalFen,
            @NotNull @Positive @Max(LuckyBags.MOST_BAGS) Integer bags,
            @NotNull @Positive Long minFen,
            @NotNull @Positive Long maxFen,
            @NotNull @Min(1) @Max(LuckyBags.PARTS) Integer chancePpm,
            @NotNull @Positive Integer perPersonDaily,
            @NotNull LocalDateTime opens,
            @NotNull LocalDateTime closes) {}

    public record PoolView(
            UUID id,
            UUID campaignId,
            String sponsorId,
            String name,
            long totalFen,
            int bags,
            long minFen,
            long maxFen,
            int chancePpm,
            int perPersonDaily,
            Instant opensAt,
            Instant closesAt,
            long openedBags,
            long openedFen,
            long bagsLeft,
            String commitment,
            @Schema(nullable = true) String secret,
            String randomness,
            Instant fundedAt) {
        static PoolView of(LuckyPool p, Instant now) {
            return new PoolView(
                    p.id(),
                    p.campaignId(),
                    p.sponsorId(),
                    p.name(),
                    p.pool().totalFen(),
                    p.pool().bags(),
                    p.pool().minFen(),
                    p.pool().maxFen(),
                    p.odds().chancePpm(),
                    p.odds().perPersonDaily(),
                    p.opensAt(),
                    p.closesAt(),
                    p.openedCount(),
                    p.openedFen(),
                    p.pool().bags() - p.openedCount(),
                    p.commitment(),
                    now.isBefore(p.closesAt()) ? null : HexFormat.of().formatHex(p.secret()),
                    RANDOMNESS,
                    p.fundedAt());
        }
    }

    /** A draw as recorded: its inputs (pool, person, participation), its HMAC, whether and which bag it opened. */
    public record DrawView(
            UUID poolId,
            UUID participationId,
            String personId,
            Instant participatedAt,
            Instant drawnAt,
            String drawHmac,
            boolean opened,
            @Schema(nullable = true) Integer bagNo,
            @Schema(nullable = true) Long amountFen,
            @Schema(nullable = true) UUID donationId) {
        static DrawView of(RecordedDraw d) {
            return new DrawView(
                    d.poolId(),
                    d.participationId(),
                    d.personId(),
                    d.occurredAt(),
                    d.drawnAt(),
                    d.hmac(),
                    d.opened(),
                    d.bagNo(),
                    d.amountFen(),
                    d.donationId());
        }
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary =
                    "Record a sponsor's funded pool of lucky bags for a campaign: its amount, bags and their range,"
                            + " the chance, the daily limit per person, its window (China Standard Time); its bags are drawn now")
    @APIResponseSchema(value = PoolView.class, responseCode = "201", responseDescription = "The pool recorded")
    public Uni<Response> fund(@NotNull @Valid NewPool body, UriInfo uri) {
        Funding funding;
        try {
            funding = new Funding(
                    body.campaignId(),
                    body.sponsorId(),
                    body.name(),
                    new LuckyBags.Pool(body.totalFen(), body.bags(), body.minFen(), body.maxFen()),
                    new LuckyBags.Odds(body.chancePpm(), body.perPersonDaily()),
                    body.opens().atZone(ChinaTime.ZONE).toInstant(),
                    body.closes().atZone(ChinaTime.ZONE).toInstant());
        } catch (InvalidRuleException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        return bags.fund(funding)
                .map(p -> Created.at(uri, PoolView.of(p, clock.instant()), "lucky-bag-pools/{id}", p.id()));
    }

    @GET
    @PermitAll
    @Cache(maxAge = 1)
    @Operation(summary = "A campaign's pools of lucky bags, in the order they are opened")
    public Uni<List<PoolView>> ofCampaign(@QueryParam("campaign") @NotNull UUID campaignId) {
        Instant now = clock.instant();
        return bags.ofCampaign(campaignId)
                .map(ps -> ps.stream().map(p -> PoolView.of(p, now)).toList());
    }

    @GET
    @Path("{id}")
    @PermitAll
    @Cache(maxAge = 1)
    @Operation(summary = "A pool: its terms, what was opened, its commitment, and its secret once it has closed")
    public Uni<PoolView> pool(@PathParam("id") UUID id) {
        return bags.pool(id).map(p -> PoolView.of(p, clock.instant()));
    }

    @GET
    @Path("{id}/draws")
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    @Operation(
            summary = "Every draw against the pool with its inputs, for auditors to recompute once the secret is out")
    public Uni<List<DrawView>> draws(
            @PathParam("id") UUID id,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Paging.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("200") @Min(1) @Max(1000) int size) {
        return bags.draws(id, page, size)
                .map(ds -> ds.stream().map(DrawView::of).toList());
    }
}
