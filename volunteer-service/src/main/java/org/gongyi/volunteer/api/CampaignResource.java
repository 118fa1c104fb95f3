package org.gongyi.volunteer.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gongyi.common.http.Created;
import org.gongyi.common.http.Paging;
import org.gongyi.common.security.Roles;
import org.gongyi.common.time.ChinaTime;
import org.gongyi.volunteer.domain.Campaign;
import org.gongyi.volunteer.persistence.Campaigns;
import org.gongyi.volunteer.persistence.Campaigns.Tally;
import org.gongyi.volunteer.persistence.DefinedCampaign;
import org.gongyi.volunteer.service.CampaignService;
import org.jboss.resteasy.reactive.Cache;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Campaigns across the four systems (9.5 Charity Week) and their live counters. */
@Path("/campaigns")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Campaigns")
public class CampaignResource {

    private final CampaignService campaigns;

    public CampaignResource(CampaignService campaigns) {
        this.campaigns = campaigns;
    }

    /** {@code start} and {@code end}: China Standard Time, such as 2026-09-05T00:00 (end exclusive). */
    public record NewCampaign(
            @NotBlank @Size(max = 200) String name,
            @NotNull LocalDateTime start,
            @NotNull LocalDateTime end,
            @NotEmpty Set<Campaign.@NotNull Action> actions,
            @NotNull @Positive Long goal) {}

    public record CampaignView(
            UUID id,
            String name,
            Instant startsAt,
            Instant endsAt,
            LocalDateTime start,
            LocalDateTime end,
            List<Campaign.Action> actions,
            long goal,
            Instant createdAt) {
        static CampaignView of(DefinedCampaign d) {
            Campaign c = d.campaign();
            return new CampaignView(
                    d.id(),
                    c.name(),
                    c.startsAt(),
                    c.endsAt(),
                    LocalDateTime.ofInstant(c.startsAt(), ChinaTime.ZONE),
                    LocalDateTime.ofInstant(c.endsAt(), ChinaTime.ZONE),
                    c.actions().stream().sorted().toList(),
                    c.goal(),
                    d.createdAt());
        }
    }

    /** Participations and distinct participants of one system or province. */
    public record TallyView(String name, long participations, long participants) {}

    /**
     * A campaign's live counter: participations (each fact once) and distinct participants, overall, per system and
     * per province (where the fact names one: donations, by the buyer's), and the goal's progress.
     */
    public record CounterView(
            CampaignView campaign,
            long participations,
            long participants,
            BigDecimal progressPercent,
            List<TallyView> systems,
            List<TallyView> provinces) {
        static CounterView of(CampaignService.Counter c) {
            Tally overall = c.tallies().stream()
                    .filter(t -> t.scope().equals(Campaigns.OVERALL))
                    .findFirst()
                    .orElse(new Tally(Campaigns.OVERALL, 0, 0));
            return new CounterView(
                    CampaignView.of(c.campaign()),
                    overall.participations(),
                    overall.participants(),
                    c.campaign().campaign().progressPercent(overall.participations()),
                    scoped(c.tallies(), Campaigns.AREA),
                    scoped(c.tallies(), Campaigns.PROVINCE));
        }

        private static List<TallyView> scoped(List<Tally> tallies, String prefix) {
            return tallies.stream()
                    .filter(t -> t.scope().startsWith(prefix))
                    .map(t -> new TallyView(t.scope().substring(prefix.length()), t.participations(), t.participants()))
                    .toList();
        }
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary =
                    "Define a campaign: its window (China Standard Time, end exclusive, announced at least 10 seconds "
                            + "ahead, at most 31 days), the actions that count, a goal of participations",
            description = "The actions, by system: DONATION (a donation recorded); FOREST: TREE_PLANTED, "
                    + "ENERGY_EARNED (green energy earned); VOLUNTEER: SIGN_UP (to an activity), CHECK_IN (at an "
                    + "activity), PLEDGE (the yearly 3-hour pledge taken); REUNION: LEAD (a lead sent on a "
                    + "missing-child alert). Each fact counts once, by when it happened.")
    @APIResponseSchema(value = CampaignView.class, responseCode = "201", responseDescription = "The campaign defined")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(
                                        name = "charity-week",
                                        summary =
                                                "9.5 Charity Week (9.5公益周): 5 to 12 September, China Standard Time; every action of the four systems; 300 million participations",
                                        value = """
                                        {"name": "9.5公益周 9.5 Charity Week", "start": "2027-09-05T00:00", "end": "2027-09-12T00:00",
                                         "actions": ["DONATION", "TREE_PLANTED", "ENERGY_EARNED", "SIGN_UP", "CHECK_IN", "PLEDGE", "LEAD"],
                                         "goal": 300000000}"""),
                                @ExampleObject(
                                        name = "lei-feng-day",
                                        summary =
                                                "Lei Feng Day (学雷锋日), 5 March: volunteering only, sign-ups and check-ins",
                                        value = """
                                        {"name": "学雷锋日 Lei Feng Day", "start": "2027-03-05T00:00", "end": "2027-03-06T00:00",
                                         "actions": ["SIGN_UP", "CHECK_IN"], "goal": 100000}""")
                            }))
    public Uni<Response> define(@NotNull @Valid NewCampaign body, UriInfo uri) {
        return campaigns
                .define(
                        body.name(),
                        body.start().atZone(ChinaTime.ZONE).toInstant(),
                        body.end().atZone(ChinaTime.ZONE).toInstant(),
                        body.actions(),
                        body.goal())
                .map(c -> Created.at(uri, CampaignView.of(c), "campaigns/{id}", c.id()));
    }

    @GET
    @PermitAll
    @Operation(summary = "Campaigns, latest first")
    public Uni<List<CampaignView>> list(
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Paging.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        return campaigns
                .list(page, size)
                .map(l -> l.stream().map(CampaignView::of).toList());
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Cache(maxAge = 1)
    @Operation(
            summary = "A campaign's live counter: participations and participants, per system and province, and "
                    + "the goal's progress")
    public Uni<CounterView> counter(@PathParam("id") UUID id) {
        return campaigns.counter(id).map(CounterView::of);
    }
}
