package org.gongyi.volunteer.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import org.gongyi.common.http.Paging;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.ratelimit.RateLimiter;
import org.gongyi.common.security.Roles;
import org.gongyi.common.time.ChinaTime;
import org.gongyi.volunteer.VolunteerConfig;
import org.gongyi.volunteer.api.ActivityDtos.ActivityView;
import org.gongyi.volunteer.api.ActivityDtos.CertificateView;
import org.gongyi.volunteer.api.ActivityDtos.NewActivity;
import org.gongyi.volunteer.api.ActivityDtos.OrganisationRankView;
import org.gongyi.volunteer.api.ActivityDtos.OrganisationView;
import org.gongyi.volunteer.api.ActivityDtos.PledgeView;
import org.gongyi.volunteer.api.ActivityDtos.PutOrganisation;
import org.gongyi.volunteer.api.ActivityDtos.SelfCheckIn;
import org.gongyi.volunteer.api.ActivityDtos.ServiceRecordView;
import org.gongyi.volunteer.api.ActivityDtos.SignUpView;
import org.gongyi.volunteer.api.ActivityDtos.TotalsView;
import org.gongyi.volunteer.api.ActivityDtos.WelfareYearView;
import org.gongyi.volunteer.domain.GeoPoint;
import org.gongyi.volunteer.persistence.Activities;
import org.gongyi.volunteer.persistence.Activity;
import org.gongyi.volunteer.service.ActivityService;
import org.gongyi.volunteer.service.AttendanceService;
import org.gongyi.volunteer.service.PledgeService;
import org.gongyi.volunteer.service.ReportService;
import org.gongyi.volunteer.service.WelfareLedger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Organisations publish activities; volunteers sign up; organisations check them in and out and verify the time. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "3 Hours")
public class ActivityResource {

    private final ActivityService activities;
    private final AttendanceService attendance;
    private final WelfareLedger welfare;
    private final PledgeService pledges;
    private final ReportService reports;
    private final RateLimiter limiter;
    private final JsonWebToken caller;
    private final Clock clock;
    private final int signUpsPerWindow;
    private final Duration signUpWindow;

    public ActivityResource(
            ActivityService activities,
            AttendanceService attendance,
            WelfareLedger welfare,
            PledgeService pledges,
            ReportService reports,
            RateLimiter limiter,
            JsonWebToken caller,
            Clock clock,
            VolunteerConfig config) {
        this.activities = activities;
        this.attendance = attendance;
        this.welfare = welfare;
        this.pledges = pledges;
        this.reports = reports;
        this.limiter = limiter;
        this.caller = caller;
        this.clock = clock;
        this.signUpsPerWindow = config.signUpsPerWindow();
        this.signUpWindow = config.signUpWindow();
    }

    @PUT
    @Path("organisations/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Register or verify an organisation; only verified ones publish activities")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(
                                        name = "verified",
                                        summary =
                                                "A blood centre, verified: it may publish activities and take blood donation declarations",
                                        value = """
                                        {"name": "杭州市血液中心 Hangzhou Blood Centre", "verified": true}""")
                            }))
    public Uni<OrganisationView> putOrganisation(
            @PathParam("id")
                    @Pattern(regexp = "[A-Za-z0-9._-]{1,100}", message = "letters, digits, . _ - (at most 100)")
                    String id,
            @NotNull @Valid PutOrganisation in) {
        return activities.putOrganisation(id, in.name(), in.verified()).map(OrganisationView::of);
    }

    @GET
    @Path("organisations")
    @PermitAll
    @Operation(summary = "Organisations and whether they are verified")
    public Uni<List<OrganisationView>> organisations(
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Paging.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        return activities
                .organisations(page, size)
                .map(l -> l.stream().map(OrganisationView::of).toList());
    }

    @POST
    @Path("activities")
    @RolesAllowed({Roles.CHARITY, Roles.ADMIN})
    @Operation(
            summary =
                    "Publish an activity of your organisation: place, start/end, capacity, sign-up deadline; its city, "
                            + "category (default OTHER) and where it is on the map (latitude, longitude) with the check-in "
                            + "radius (checkInRadiusM, default 500)")
    @APIResponseSchema(value = ActivityView.class, responseCode = "201", responseDescription = "The activity published")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(
                                        name = "with-a-place",
                                        summary =
                                                "Lei Feng Day (学雷锋日), 09:00 to 12:00 in Hangzhou: on the map, check-in within 300 m, sign-ups until 20:00 the evening before (an admin names the organisation; a charity's own token needs no organisationId)",
                                        value = """
                                        {"organisationId": "hangzhou-blood-centre", "title": "学雷锋日献血引导 Guiding blood donors on Lei Feng Day",
                                         "description": "Welcome donors at the blood bus, help with the form, hand out water and snacks",
                                         "place": "杭州 Hangzhou, Wulin Square blood bus", "city": "Hangzhou", "category": "HEALTH",
                                         "latitude": 30.2741, "longitude": 120.1551, "checkInRadiusM": 300,
                                         "startsAt": "2027-03-05T01:00:00Z", "endsAt": "2027-03-05T04:00:00Z", "signUpDeadline": "2027-03-04T12:00:00Z",
                                         "capacity": 20}"""),
                                @ExampleObject(
                                        name = "online",
                                        summary =
                                                "Online, 19:00 to 20:30: no place on the map (no check-in position) and no city; sign-ups until the start",
                                        value = """
                                        {"organisationId": "hangzhou-blood-centre", "title": "线上急救课 First aid, online", "place": "Online (video call)",
                                         "category": "EDUCATION", "startsAt": "2027-03-06T11:00:00Z", "endsAt": "2027-03-06T12:30:00Z", "capacity": 200}""")
                            }))
    public Uni<Response> create(@NotNull @Valid NewActivity in, UriInfo uri) {
        String org = Roles.actingOrganisation(caller);
        if (org != null && in.organisationId() != null && !org.equals(in.organisationId())) {
            throw ProblemException.forbidden("You can publish activities of your own organisation only");
        }
        String owner = org != null ? org : in.organisationId();
        if (owner == null) {
            throw ProblemException.badRequest("organisationId is required");
        }
        return activities
                .create(in.toDraft(owner, caller.getSubject()))
                .map(a -> Created.at(uri, ActivityView.of(a), "activities/{id}", a.id()));
    }

    @GET
    @Path("activities")
    @PermitAll
    @Operation(
            summary = "Open activities not yet over, soonest first, with places left; found by city (exactly, any "
                    + "case), category, the days they start on (from, to: dates in China Standard Time, both included) "
                    + "and distance (near=lat,lon and withinKm, default 10), together")
    public Uni<List<ActivityView>> list(
            @QueryParam("city") @Size(max = 100) String city,
            @QueryParam("category") String category,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("near") @Size(max = 100) String near,
            @QueryParam("withinKm") @Size(max = 20) String withinKm,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Paging.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        LocalDate fromDay = day("from", from);
        LocalDate toDay = day("to", to);
        if (fromDay != null && toDay != null && fromDay.isAfter(toDay)) {
            throw ProblemException.badRequest("from (" + fromDay + ") must not be after to (" + toDay + ")");
        }
        if (near == null && withinKm != null) {
            throw ProblemException.badRequest("withinKm needs near=latitude,longitude");
        }
        Activities.Search search = new Activities.Search(
                city == null || city.isBlank() ? null : city.strip(),
                category(category),
                fromDay == null ? null : startOf(fromDay),
                toDay == null ? null : startOf(toDay.plusDays(1)),
                near == null ? null : new Activities.Near(point("near", near), metres(withinKm)));
        return activities
                .search(search, page, size)
                .map(l -> l.stream().map(ActivityView::of).toList());
    }

    /** How far {@code near} reaches when {@code withinKm} is not given. */
    static final int DEFAULT_WITHIN_KM = 10;

    static final int MAX_WITHIN_KM = 2_000;

    /** A category named in a query, or null; 400 naming the categories for any other. */
    private static Activity.Category category(String name) {
        if (name == null) {
            return null;
        }
        try {
            return Activity.Category.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(
                    "category must be one of " + Arrays.toString(Activity.Category.values()) + ": not " + name);
        }
    }

    /** A day (2026-10-01) named in a query, or null; 400 for anything else. */
    private static LocalDate day(String param, String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(param + " must be a date like 2026-10-01: not " + text);
        }
    }

    /** The first instant of {@code day} in China Standard Time. */
    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ChinaTime.ZONE).toInstant();
    }

    /** A point {@code lat,lon} in a query; 400 saying what is wrong. */
    private static GeoPoint point(String param, String text) {
        try {
            return GeoPoint.parse(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(param + ": " + e.getMessage());
        }
    }

    /** {@code withinKm} (kilometres to the metre, more than 0, at most 2,000; default 10) in metres; 400 otherwise. */
    private static int metres(String withinKm) {
        if (withinKm == null) {
            return DEFAULT_WITHIN_KM * 1_000;
        }
        BigDecimal km;
        try {
            km = new BigDecimal(withinKm.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("withinKm must be a number of kilometres: not " + withinKm);
        }
        if (km.signum() <= 0 || km.compareTo(BigDecimal.valueOf(MAX_WITHIN_KM)) > 0) {
            throw ProblemException.badRequest(
                    "withinKm must be more than 0 and at most " + MAX_WITHIN_KM + ": not " + withinKm);
        }
        if (km.stripTrailingZeros().scale() > 3) {
            throw ProblemException.badRequest(
                    "withinKm is kilometres to the metre (3 decimals at most): not " + withinKm);
        }
        return km.movePointRight(3).intValueExact();
    }

    @GET
    @Path("activities/{id}")
    @PermitAll
    @Operation(summary = "One activity")
    public Uni<ActivityView> get(@PathParam("id") UUID id) {
        return activities.get(id).map(ActivityView::of);
    }

    @POST
    @Path("activities/{id}/cancel")
    @RolesAllowed({Roles.CHARITY, Roles.ADMIN})
    @Operation(summary = "Cancel an activity of your organisation")
    public Uni<ActivityView> cancel(@PathParam("id") UUID id) {
        return activities.cancel(Roles.actingOrganisation(caller), id).map(ActivityView::of);
    }

    @POST
    @Path("activities/{id}/sign-ups")
    @RolesAllowed({Roles.BUYER, Roles.USER})
    @Operation(
            summary = "Sign up: CONFIRMED while places are left, then WAITLISTED in arrival order. At most 10 "
                    + "sign-ups per person per minute (429 with Retry-After beyond).")
    @APIResponseSchema(
            value = SignUpView.class,
            responseCode = "201",
            responseDescription = "The sign-up (or the one made before): CONFIRMED or WAITLISTED")
    @APIResponse(responseCode = "409", description = "The activity was cancelled, or its sign-up deadline has passed")
    @APIResponse(
            responseCode = "429",
            description = "Too many sign-ups by the person in the window; Retry-After says when to try again")
    public Uni<Response> signUp(@PathParam("id") UUID id, UriInfo uri) {
        return limiter.acquire("sign-ups", caller.getSubject(), signUpsPerWindow, signUpWindow)
                .chain(() -> activities.signUp(caller.getSubject(), id))
                .map(s -> Created.at(uri, SignUpView.of(s), "activities/{id}/sign-ups/me", id));
    }

    @GET
    @Path("activities/{id}/sign-ups/me")
    @RolesAllowed({Roles.BUYER, Roles.USER})
    @Operation(summary = "Your sign-up to an activity (404 when you are not signed up)")
    public Uni<SignUpView> mySignUp(@PathParam("id") UUID id) {
        return activities.signUpOf(caller.getSubject(), id).map(SignUpView::of);
    }

    @DELETE
    @Path("activities/{id}/sign-ups/me")
    @RolesAllowed({Roles.BUYER, Roles.USER})
    @Operation(summary = "Cancel your sign-up before the deadline; your place goes to the first on the wait-list")
    @APIResponse(responseCode = "204", description = "The sign-up is cancelled")
    @APIResponse(responseCode = "409", description = "The activity's sign-up deadline has passed")
    public Uni<Response> cancelSignUp(@PathParam("id") UUID id) {
        return activities
                .cancelSignUp(caller.getSubject(), id)
                .replaceWith(Response.noContent().build());
    }

    @GET
    @Path("me/sign-ups")
    @RolesAllowed({Roles.BUYER, Roles.USER})
    @Operation(summary = "Your sign-ups, newest first")
    public Uni<List<SignUpView>> mySignUps() {
        return activities
                .mine(caller.getSubject())
                .map(l -> l.stream().map(SignUpView::of).toList());
    }

    @GET
    @Path("activities/{id}/sign-ups")
    @RolesAllowed({Roles.CHARITY, Roles.ADMIN})
    @Operation(summary = "The roster of an activity of your organisation: confirmed, then the wait-list in order")
    public Uni<List<SignUpView>> roster(@PathParam("id") UUID id) {
        return activities
                .roster(Roles.actingOrganisation(caller), id)
                .map(l -> l.stream().map(SignUpView::of).toList());
    }

    @POST
    @Path("activities/{id}/attendance/{userId}/check-in")
    @RolesAllowed({Roles.CHARITY, Roles.ADMIN})
    @Operation(
            summary = "Check a confirmed volunteer in: from 30 minutes (the grace configured) before the start to 30 "
                    + "minutes after the end; with ?at=lat,lon (the volunteer's position, optional) within the "
                    + "activity's radius")
    @APIResponse(
            responseCode = "409",
            description = "Too early or too late for the activity's check-in window, the volunteer has no confirmed "
                    + "place, or was checked in already")
    @APIResponseSchema(value = ServiceRecordView.class, responseDescription = "The volunteer checked in")
    public Uni<ServiceRecordView> checkIn(
            @PathParam("id") UUID id,
            @PathParam("userId") @Size(min = 1, max = 200) String userId,
            @QueryParam("at") @Size(max = 100) String at) {
        return attendance
                .checkIn(Roles.actingOrganisation(caller), id, userId, at == null ? null : point("at", at))
                .map(ServiceRecordView::of);
    }

    @POST
    @Path("activities/{id}/attendance/{userId}/check-out")
    @RolesAllowed({Roles.CHARITY, Roles.ADMIN})
    @Operation(summary = "Check a volunteer out: the time served is recorded (0.1 welfare hour per full 6 minutes)")
    @APIResponse(responseCode = "400", description = "The userId is not valid (1 to 200 characters)")
    @APIResponse(responseCode = "409", description = "The volunteer was checked out already")
    @APIResponseSchema(value = ServiceRecordView.class, responseDescription = "The time served, recorded")
    public Uni<ServiceRecordView> checkOut(
            @PathParam("id") UUID id, @PathParam("userId") @Size(min = 1, max = 200) String userId) {
        return attendance.checkOut(Roles.actingOrganisation(caller), id, userId).map(ServiceRecordView::of);
    }

    public record CheckInCode(@NotBlank @Size(max = 12) String code) {}

    @GET
    @Path("activities/{id}/check-in-code")
    @RolesAllowed({Roles.CHARITY, Roles.ADMIN})
    @Operation(summary = "The code to show on site so that volunteers can check themselves in and out")
    public Uni<CheckInCode> checkInCode(@PathParam("id") UUID id) {
        return activities.checkInCode(Roles.actingOrganisation(caller), id).map(CheckInCode::new);
    }

    @POST
    @Path("activities/{id}/self-check-in")
    @RolesAllowed({Roles.BUYER, Roles.USER})
    @Operation(
            summary = "Check yourself in with the code the organisation shows (5 tries per 10 minutes): from 30 "
                    + "minutes (the grace configured) before the start to 30 minutes after the end; at an activity "
                    + "with a place, give your position (latitude, longitude): within the activity's radius")
    @APIResponse(
            responseCode = "409",
            description = "Too early or too late for the activity's check-in window, you have no confirmed place, or "
                    + "you were checked in already")
    @APIResponse(
            responseCode = "429",
            description = "Too many tries of a code at the activity (5 per 10 minutes); Retry-After says when to try "
                    + "again")
    @APIResponseSchema(value = ServiceRecordView.class, responseDescription = "You are checked in")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(
                                        name = "at-the-place",
                                        summary =
                                                "At an activity with a place: the code shown on site and where you are",
                                        value = """
                                        {"code": "482913", "latitude": 30.2745, "longitude": 120.1553}"""),
                                @ExampleObject(
                                        name = "code-only",
                                        summary = "At an activity without a place: the code alone",
                                        value = """
                                        {"code": "482913"}""")
                            }))
    public Uni<ServiceRecordView> selfCheckIn(@PathParam("id") UUID id, @NotNull @Valid SelfCheckIn in) {
        GeoPoint position = in.position();
        return limiter.acquire("check-in codes", caller.getSubject() + "@" + id, 5, Duration.ofMinutes(10))
                .chain(() -> attendance.selfCheckIn(caller.getSubject(), id, in.code(), position))
                .map(ServiceRecordView::of);
    }

    @POST
    @Path("activities/{id}/self-check-out")
    @RolesAllowed({Roles.BUYER, Roles.USER})
    @Operation(summary = "Check yourself out with the code the organisation shows (5 tries per 10 minutes)")
    @APIResponse(responseCode = "409", description = "You were checked out already")
    @APIResponse(
            responseCode = "429",
            description = "Too many tries of a code at the activity (5 per 10 minutes); Retry-After says when to try "
                    + "again")
    @APIResponseSchema(value = ServiceRecordView.class, responseDescription = "The time served, recorded")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {@ExampleObject(name = "code", summary = "The code shown on site", value = """
                                        {"code": "482913"}""")
                            }))
    public Uni<ServiceRecordView> selfCheckOut(@PathParam("id") UUID id, @NotNull @Valid CheckInCode code) {
        return limiter.acquire("check-in codes", caller.getSubject() + "@" + id, 5, Duration.ofMinutes(10))
                .chain(() -> attendance.selfCheckOut(caller.getSubject(), id, code.code()))
                .map(ServiceRecordView::of);
    }

    @POST
    @Path("service-records/{id}/verify")
    @RolesAllowed({Roles.CHARITY, Roles.ADMIN})
    @Operation(summary = "Verify a recorded service time, or correct it (?tenths=n); credits the welfare time")
    @APIResponse(
            responseCode = "409",
            description = "The volunteer is not checked out yet, or the time was verified already")
    @APIResponseSchema(value = ServiceRecordView.class, responseDescription = "The time verified and credited")
    public Uni<ServiceRecordView> verify(
            @PathParam("id") UUID id, @QueryParam("tenths") @Min(0) @Max(1_000) Integer tenths) {
        return attendance
                .verify(Roles.actingOrganisation(caller), caller.getSubject(), id, tenths)
                .map(ServiceRecordView::of);
    }

    @PUT
    @Path("me/pledge")
    @RolesAllowed({Roles.BUYER, Roles.USER})
    @Operation(
            summary = "Take this year's 3-hour pledge (China Standard Time year); taking it again that year gives the "
                    + "same pledge back")
    public Uni<PledgeView> takePledge() {
        return pledges.take(caller.getSubject()).map(PledgeView::of);
    }

    @GET
    @Path("me/certificates/{year}")
    @RolesAllowed({Roles.BUYER, Roles.USER})
    @Operation(summary = "Your certificate for a year in which you reached 3 hours (404 before)")
    @APIResponse(responseCode = "400", description = "The year is not between 2000 and 2100")
    @APIResponse(
            responseCode = "410",
            description = "The certificate was withdrawn: revoked credits keep the year below 3 hours")
    @APIResponseSchema(value = CertificateView.class, responseDescription = "Your certificate")
    public Uni<CertificateView> certificate(@PathParam("year") @Min(2000) @Max(2100) int year) {
        return welfare.certificate(caller.getSubject(), year).map(CertificateView::of);
    }

    @GET
    @Path("rankings/organisations")
    @PermitAll
    @Operation(
            summary = "The most active organisations of a quarter (?quarter=2026-Q4; default the current one) by "
                    + "verified service time")
    public Uni<List<OrganisationRankView>> rankings(
            @QueryParam("quarter") @Pattern(regexp = "\\d{4}-Q[1-4]", message = "must look like 2026-Q4")
                    String quarter) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ChinaTime.ZONE);
        int year = quarter == null ? today.getYear() : Integer.parseInt(quarter.substring(0, 4));
        int q = quarter == null ? (today.getMonthValue() - 1) / 3 + 1 : quarter.charAt(6) - '0';
        return reports.rankings(year, q, 20)
                .map(l -> l.stream().map(OrganisationRankView::of).toList());
    }

    @GET
    @Path("totals")
    @PermitAll
    @Operation(
            summary =
                    "Platform totals: volunteers (signed up or served), participants (anyone holding welfare "
                            + "time), verified organisations, activities, credits and welfare hours in force (revoked credits excluded)")
    public Uni<TotalsView> totals() {
        return reports.totals().map(TotalsView::of);
    }

    @GET
    @Path("me/welfare-time")
    @RolesAllowed({Roles.BUYER, Roles.USER})
    @Operation(
            summary = "Your welfare time this year (or ?year=): total, by source, progress toward the 3-hour pledge, "
                    + "when you took the year's pledge (pledgedAt, null if not)")
    public Uni<WelfareYearView> myWelfareTime(@QueryParam("year") @Min(2000) @Max(2100) Integer year) {
        return welfare.year(caller.getSubject(), year).map(WelfareYearView::of);
    }
}
