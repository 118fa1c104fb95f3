package org.gongyi.donation.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
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
import org.gongyi.common.http.Paging;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.security.Roles;
import org.gongyi.donation.domain.Programme;
import org.gongyi.donation.persistence.Beneficiary;
import org.gongyi.donation.persistence.Benefit;
import org.gongyi.donation.persistence.BenefitClaim;
import org.gongyi.donation.persistence.CharityProgramme;
import org.gongyi.donation.persistence.Programmes;
import org.gongyi.donation.service.ProgrammeService;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Beneficiary programmes: where a project's payouts go. Charities manage their own; the programme pages are public;
 * beneficiaries are read by the programme's charity and by auditors only.
 */
@Path("/programmes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Beneficiary programmes")
public class ProgrammeResource {

    private static final String OPAQUE_ID = "[A-Za-z0-9._:-]{1,100}";
    private static final String OPAQUE_ID_MESSAGE = "an opaque id: letters, digits, '.', '_', ':' or '-', at most 100";

    private final ProgrammeService programmes;
    private final JsonWebToken caller;

    public ProgrammeResource(ProgrammeService programmes, JsonWebToken caller) {
        this.programmes = programmes;
        this.caller = caller;
    }

    public record NewProgramme(
            @NotNull UUID projectId,
            @NotBlank @Size(max = 200) String name,
            @NotNull Programme.Kind kind,
            @NotNull @Positive Long unitFen,
            @Schema(nullable = true) @Size(max = 2000) List<@NotBlank @Size(max = 100) String> poorCounties) {}

    public record PoorCounties(@NotNull @Size(max = 2000) List<@NotBlank @Size(max = 100) String> counties) {}

    public record NewBeneficiary(
            @NotNull @Pattern(regexp = OPAQUE_ID, message = OPAQUE_ID_MESSAGE)
            String reference,

            @NotBlank @Size(max = 100) String county,
            @Schema(nullable = true) @Min(0) @Max(150) Integer age,

            @Schema(nullable = true) @Pattern(regexp = OPAQUE_ID, message = OPAQUE_ID_MESSAGE)
            String householdId,

            @Schema(nullable = true) @Size(min = 1, max = 100)
            String sellerId) {}

    public record NewClaim(
            @NotNull @Pattern(regexp = OPAQUE_ID, message = OPAQUE_ID_MESSAGE)
            String reference,

            @NotNull @Positive @Max(Programme.MAX_UNIT_FEN * 100)
            Long amountFen,

            @NotNull LocalDate paidOn) {}

    /**
     * A programme page: what its project's payouts became. {@code helpedCount}: people with at least one benefit
     * (households covered, mothers helped); {@code carriedFen}: what the last payout left for the next (negative: a
     * shortfall the next payouts make up first); {@code shopSaleCount}, {@code shopSalesFen}: the completed orders of
     * the enrolled mothers' shops since they were enrolled; {@code jobCount}: the jobs the charity reported.
     */
    public record ProgrammeView(
            UUID id,
            UUID projectId,
            String charityId,
            Programme.Kind kind,
            String name,
            long unitFen,
            long benefitCount,
            long spentFen,
            long helpedCount,
            long carriedFen,
            long claimCount,
            long claimsPaidFen,
            long shopSaleCount,
            long shopSalesFen,
            long jobCount,
            @Schema(nullable = true) List<String> poorCounties,
            Instant createdAt) {
        static ProgrammeView of(ProgrammeService.Listed l) {
            return of(l.programme(), l.poorCounties());
        }

        static ProgrammeView of(CharityProgramme p, List<String> poorCounties) {
            return new ProgrammeView(
                    p.id(),
                    p.projectId(),
                    p.charityId(),
                    p.kind(),
                    p.name(),
                    p.unitFen(),
                    p.benefitCount(),
                    p.spentFen(),
                    p.helpedCount(),
                    p.carriedFen(),
                    p.claimCount(),
                    p.claimsPaidFen(),
                    p.shopSaleCount(),
                    p.shopSalesFen(),
                    p.jobCount(),
                    poorCounties,
                    p.createdAt());
        }
    }

    public record BeneficiaryView(
            UUID id,
            UUID programmeId,
            long enrolmentNo,
            String reference,
            String county,
            @Schema(nullable = true) String householdId,
            @Schema(nullable = true) String ageBand,
            @Schema(nullable = true) String sellerId,
            Instant enrolledAt,
            @Schema(nullable = true) Instant firstBenefitAt) {
        static BeneficiaryView of(Beneficiary b) {
            return new BeneficiaryView(
                    b.id(),
                    b.programmeId(),
                    b.enrolmentNo(),
                    b.reference(),
                    b.county(),
                    b.householdId(),
                    b.ageBand(),
                    b.sellerId(),
                    b.enrolledAt(),
                    b.firstBenefitAt());
        }
    }

    public record BenefitView(
            UUID id, UUID payoutId, long amountFen, LocalDate startsOn, LocalDate endsOn, Instant boughtAt) {
        static BenefitView of(Benefit b) {
            return new BenefitView(b.id(), b.payoutId(), b.amountFen(), b.startsOn(), b.endsOn(), b.boughtAt());
        }
    }

    public record ClaimView(
            UUID id, UUID benefitId, String reference, long amountFen, LocalDate paidOn, Instant recordedAt) {
        static ClaimView of(BenefitClaim c) {
            return new ClaimView(c.id(), c.benefitId(), c.reference(), c.amountFen(), c.paidOn(), c.recordedAt());
        }
    }

    public record Jobs(
            @NotNull @Min(0) @Max(Programme.MAX_JOBS_A_MONTH)
            Integer jobs) {}

    public record MonthJobsView(YearMonth month, int jobs, Instant reportedAt) {
        static MonthJobsView of(Programmes.MonthJobs j) {
            return new MonthJobsView(j.month(), j.jobs(), j.reportedAt());
        }
    }

    /** A beneficiary with the benefits payouts bought them and the claims paid against their covers. */
    public record EnrolmentView(BeneficiaryView beneficiary, List<BenefitView> benefits, List<ClaimView> claims) {
        static EnrolmentView of(ProgrammeService.Enrolment e) {
            return new EnrolmentView(
                    BeneficiaryView.of(e.beneficiary()),
                    e.benefits().stream().map(BenefitView::of).toList(),
                    e.claims().stream().map(ClaimView::of).toList());
        }
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.CHARITY})
    @Operation(
            summary = "Run a programme on a project: HEALTH_INSURANCE (unitFen: a household's yearly premium; "
                    + "poorCounties: the national-level poor counties it covers) or MOTHERS_BUSINESS (unitFen: a "
                    + "start-up grant). One per project; a charity on its own organisation's projects only, once the "
                    + "organisation is verified.")
    @APIResponseSchema(value = ProgrammeView.class, responseCode = "201", responseDescription = "The programme made")
    @APIResponse(responseCode = "404", description = "No such project")
    @APIResponse(
            responseCode = "409",
            description = "The project's organisation is not verified yet, or the project runs a programme already")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(
                                        name = "health-insurance",
                                        summary =
                                                "Health insurance: a household's yearly premium of 100 yuan, in two poor counties",
                                        value = """
                                        {"projectId": "6f1c2a9e-0b7d-4c1e-9a52-3d8e4f7a1b20", "name": "Health cover for Tianzhu households", "kind": "HEALTH_INSURANCE", "unitFen": 10000, "poorCounties": ["Tianzhu", "Dongxiang"]}"""),
                                @ExampleObject(
                                        name = "mothers-business",
                                        summary = "Mothers' business: a start-up grant of 2,000 yuan",
                                        value = """
                                        {"projectId": "6f1c2a9e-0b7d-4c1e-9a52-3d8e4f7a1b20", "name": "Shops for mothers in Liangshan", "kind": "MOTHERS_BUSINESS", "unitFen": 200000}""")
                            }))
    public Uni<Response> create(@NotNull @Valid NewProgramme body, UriInfo uri) {
        Set<String> counties = body.poorCounties() == null ? Set.of() : new LinkedHashSet<>(body.poorCounties());
        return programmes
                .create(
                        body.projectId(),
                        Roles.actingOrganisation(caller),
                        new ProgrammeService.Draft(body.name(), body.kind(), body.unitFen(), counties))
                .map(l -> Created.at(
                        uri,
                        ProgrammeView.of(l),
                        "programmes/{id}",
                        l.programme().id()));
    }

    @GET
    @PermitAll
    @Operation(summary = "Programmes and their figures, oldest first")
    public Uni<List<ProgrammeView>> list(
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Paging.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        return programmes
                .list(page, size)
                .map(l -> l.stream().map(p -> ProgrammeView.of(p, null)).toList());
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(
            summary = "A programme page: benefits bought by the project's payouts, people helped, claims paid, the "
                    + "poor counties it covers")
    public Uni<ProgrammeView> get(@PathParam("id") UUID id) {
        return programmes.get(id).map(ProgrammeView::of);
    }

    @PUT
    @Path("/{id}/poor-counties")
    @RolesAllowed(Roles.CHARITY)
    @Operation(summary = "Replace an insurance programme's list of national-level poor counties (its charity only)")
    public Uni<ProgrammeView> putCounties(@PathParam("id") UUID id, @NotNull @Valid PoorCounties body) {
        return programmes
                .replaceCounties(id, Roles.organisation(caller), new LinkedHashSet<>(body.counties()))
                .map(ProgrammeView::of);
    }

    @POST
    @Path("/{id}/beneficiaries")
    @RolesAllowed(Roles.CHARITY)
    @Operation(
            summary = "Enrol a beneficiary (the programme's charity only) with the least the benefit needs: the "
                    + "charity's opaque reference and the county; for insurance the household id and the insured's age "
                    + "(18 to 60, kept as a band; the county on the programme's list); for a mothers' business "
                    + "optionally her shop's seller id. Never a name or an ID number.")
    @APIResponseSchema(value = BeneficiaryView.class, responseCode = "201", responseDescription = "The person enrolled")
    @APIResponse(responseCode = "409", description = "The person (reference or household) is enrolled already")
    public Uni<Response> enrol(@PathParam("id") UUID id, @NotNull @Valid NewBeneficiary body, UriInfo uri) {
        return programmes
                .enrol(
                        id,
                        Roles.organisation(caller),
                        new Programme.Applicant(body.county(), body.age(), body.householdId(), body.sellerId()),
                        body.reference())
                .map(b -> Created.at(
                        uri, BeneficiaryView.of(b), "programmes/{id}/beneficiaries/{beneficiary}", id, b.id()));
    }

    @GET
    @Path("/{id}/beneficiaries")
    @RolesAllowed({Roles.CHARITY, Roles.AUDITOR})
    @Operation(summary = "A programme's beneficiaries in enrolment order (its charity and auditors only)")
    public Uni<List<BeneficiaryView>> beneficiaries(
            @PathParam("id") UUID id,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Paging.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        return programmes
                .beneficiaries(id, reader(), page, size)
                .map(l -> l.stream().map(BeneficiaryView::of).toList());
    }

    @GET
    @Path("/{id}/beneficiaries/{beneficiary}")
    @RolesAllowed({Roles.CHARITY, Roles.AUDITOR})
    @Operation(summary = "A beneficiary, the benefits bought for them and the claims paid (its charity and auditors)")
    public Uni<EnrolmentView> beneficiary(@PathParam("id") UUID id, @PathParam("beneficiary") UUID beneficiary) {
        return programmes.enrolment(id, beneficiary, reader()).map(EnrolmentView::of);
    }

    @POST
    @Path("/{id}/benefits/{benefit}/claims")
    @RolesAllowed(Roles.CHARITY)
    @Operation(
            summary = "Record a claim the insurer paid against a cover (the programme's charity only): the insurer's "
                    + "reference, the amount and the day it was paid")
    @APIResponseSchema(value = ClaimView.class, responseCode = "201", responseDescription = "The claim paid")
    @APIResponse(
            responseCode = "409",
            description =
                    "The claim is recorded against this cover already, or the programme (mothers' business) has no claims")
    public Uni<Response> claim(
            @PathParam("id") UUID id, @PathParam("benefit") UUID benefit, @NotNull @Valid NewClaim body, UriInfo uri) {
        return programmes
                .recordClaim(
                        id,
                        benefit,
                        Roles.organisation(caller),
                        new ProgrammeService.PaidClaim(body.reference(), body.amountFen(), body.paidOn()))
                .map(c -> Created.at(uri, ClaimView.of(c), "programmes/{id}/claims/{claim}", id, c.id()));
    }

    @PUT
    @Path("/{id}/jobs/{month}")
    @RolesAllowed(Roles.CHARITY)
    @Operation(
            summary = "Report the jobs a mothers' business programme's shops created in a month (YYYY-MM; its charity "
                    + "only); a later report of the month replaces the earlier")
    @APIResponse(responseCode = "409", description = "Jobs are reported by mothers' business programmes only")
    @APIResponseSchema(value = MonthJobsView.class, responseDescription = "The month's jobs as reported")
    public Uni<MonthJobsView> reportJobs(
            @PathParam("id") UUID id, @PathParam("month") String month, @NotNull @Valid Jobs body) {
        YearMonth m;
        try {
            m = YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("month must be YYYY-MM, such as 2026-11");
        }
        return programmes
                .reportJobs(id, Roles.organisation(caller), m, body.jobs())
                .map(MonthJobsView::of);
    }

    @GET
    @Path("/{id}/jobs")
    @PermitAll
    @Operation(summary = "The jobs a mothers' business programme's charity reported, by month")
    public Uni<List<MonthJobsView>> jobs(@PathParam("id") UUID id) {
        return programmes.jobs(id).map(l -> l.stream().map(MonthJobsView::of).toList());
    }

    @GET
    @Path("/{id}/claims/{claim}")
    @RolesAllowed({Roles.CHARITY, Roles.AUDITOR})
    @Operation(summary = "A claim recorded against a cover (the programme's charity and auditors)")
    public Uni<ClaimView> getClaim(@PathParam("id") UUID id, @PathParam("claim") UUID claim) {
        return programmes.claim(id, claim, reader()).map(ClaimView::of);
    }

    /** The organisation whose programmes the caller reads; null for an auditor, who reads every programme. */
    private String reader() {
        return caller.getGroups().contains(Roles.AUDITOR) ? null : Roles.organisation(caller);
    }
}
