package org.gongyi.volunteer.api;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.gongyi.common.http.ProblemException;
import org.gongyi.volunteer.domain.GeoPoint;
import org.gongyi.volunteer.persistence.Activity;
import org.gongyi.volunteer.persistence.Organisation;
import org.gongyi.volunteer.persistence.Pledges;
import org.gongyi.volunteer.persistence.ServiceRecord;
import org.gongyi.volunteer.persistence.SignUp;
import org.gongyi.volunteer.persistence.WelfareCredits;
import org.gongyi.volunteer.service.ReportService;
import org.gongyi.volunteer.service.WelfareLedger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

public final class ActivityDtos {
    private ActivityDtos() {}

    public record PutOrganisation(
            @NotBlank @Size(max = 200) String name, @NotNull Boolean verified) {}

    public record OrganisationView(
            String id,
            String name,
            boolean verified,
            @Schema(nullable = true) Instant verifiedAt) {
        static OrganisationView of(Organisation o) {
            return new OrganisationView(o.id(), o.name(), o.verified(), o.verifiedAt());
        }
    }

    public record NewActivity(
            @Schema(nullable = true) @Size(min = 1, max = 100)
            String organisationId,

            @NotBlank @Size(max = 200) String title,
            @Schema(nullable = true) @Size(max = 4000) String description,
            @NotBlank @Size(max = 300) String place,
            @NotNull Instant startsAt,
            @NotNull Instant endsAt,
            @Schema(nullable = true) Instant signUpDeadline,
            @NotNull @Min(1) @Max(100_000) Integer capacity,

            @Schema(nullable = true) @Size(min = 1, max = 100)
            String city,

            @Schema(nullable = true) Activity.Category category,

            @Schema(nullable = true) @DecimalMin("-90") @DecimalMax("90")
            Double latitude,

            @Schema(nullable = true) @DecimalMin("-180") @DecimalMax("180")
            Double longitude,

            @Schema(nullable = true) @Min(10) @Max(10_000) Integer checkInRadiusM) {
        /**
         * The activity to publish: the deadline defaults to the start, the category to OTHER, the check-in radius to
         * {@value Activity#DEFAULT_CHECK_IN_RADIUS_M} m when there is a place; 400 for a blank city, half a place or a
         * radius without one.
         */
        Activity.Draft toDraft(String org, String by) {
            if (city != null && city.isBlank()) {
                throw ProblemException.badRequest("city must not be blank (leave it out if there is none)");
            }
            if ((latitude == null) != (longitude == null)) {
                throw ProblemException.badRequest("latitude and longitude go together: give both or neither");
            }
            if (latitude == null && checkInRadiusM != null) {
                throw ProblemException.badRequest("checkInRadiusM needs the activity's place (latitude, longitude)");
            }
            GeoPoint at = latitude == null ? null : new GeoPoint(latitude, longitude);
            return new Activity.Draft(
                    org,
                    title,
                    description,
                    place,
                    startsAt,
                    endsAt,
                    signUpDeadline == null ? startsAt : signUpDeadline,
                    capacity,
                    by,
                    city == null ? null : city.strip(),
                    category == null ? Activity.Category.OTHER : category,
                    at,
                    at == null ? null : checkInRadiusM == null ? Activity.DEFAULT_CHECK_IN_RADIUS_M : checkInRadiusM);
        }
    }

    /**
     * A volunteer's own check-in: the code shown on site and, at an activity with a place, where the volunteer is
     * (both or neither).
     */
    public record SelfCheckIn(
            @NotBlank @Size(max = 12) String code,

            @Schema(nullable = true) @DecimalMin("-90") @DecimalMax("90")
            Double latitude,

            @Schema(nullable = true) @DecimalMin("-180") @DecimalMax("180")
            Double longitude) {
        /** The position given, or null; 400 for half a position. */
        GeoPoint position() {
            if ((latitude == null) != (longitude == null)) {
                throw ProblemException.badRequest("latitude and longitude go together: give both or neither");
            }
            return latitude == null ? null : new GeoPoint(latitude, longitude);
        }
    }

    public record ActivityView(
            UUID id,
            String organisationId,
            String title,
            @Schema(nullable = true) String description,
            String place,
            Instant startsAt,
            Instant endsAt,
            Instant signUpDeadline,
            int capacity,
            int confirmed,
            int placesLeft,
            Activity.Status status,
            @Schema(nullable = true) String city,
            Activity.Category category,
            @Schema(nullable = true) Double latitude,
            @Schema(nullable = true) Double longitude,
            @Schema(nullable = true) Integer checkInRadiusM) {
        static ActivityView of(Activity a) {
            return new ActivityView(
                    a.id(),
                    a.organisationId(),
                    a.title(),
                    a.description(),
                    a.place(),
                    a.startsAt(),
                    a.endsAt(),
                    a.signUpDeadline(),
                    a.capacity(),
                    a.confirmed(),
                    a.placesLeft(),
                    a.status(),
                    a.city(),
                    a.category(),
                    a.location() == null ? null : a.location().latitude(),
                    a.location() == null ? null : a.location().longitude(),
                    a.checkInRadiusM());
        }
    }

    /** {@code confirmedAt}: null while wait-listed. */
    public record SignUpView(
            UUID id,
            UUID activityId,
            String userId,
            SignUp.Status status,
            Instant signedUpAt,
            @Schema(nullable = true) Instant confirmedAt) {
        static SignUpView of(SignUp s) {
            return new SignUpView(s.id(), s.activityId(), s.userId(), s.status(), s.signedUpAt(), s.confirmedAt());
        }
    }

    public record ServiceRecordView(
            UUID id,
            UUID activityId,
            String userId,
            Instant checkedInAt,
            @Schema(nullable = true) Instant checkedOutAt,
            @Schema(nullable = true) Integer minutes,
            @Schema(nullable = true) Integer tenths,
            ServiceRecord.Status status,
            @Schema(nullable = true) String disputeReason,
            @Schema(nullable = true) Instant verifiedAt) {
        static ServiceRecordView of(ServiceRecord r) {
            return new ServiceRecordView(
                    r.id(),
                    r.activityId(),
                    r.userId(),
                    r.checkedInAt(),
                    r.checkedOutAt(),
                    r.minutes(),
                    r.tenths(),
                    r.status(),
                    r.disputeReason(),
                    r.verifiedAt());
        }
    }

    /** The caller's certificate of a year (a withdrawn one answers 410). */
    public record CertificateView(
            String certificateNo, int year, long tenths, String hours, List<String> organisations, Instant issuedAt) {
        static CertificateView of(WelfareLedger.Certificate c) {
            return new CertificateView(
                    c.certificateNo(), c.year(), c.tenths(), c.hours(), c.organisations(), c.issuedAt());
        }
    }

    public record CreditView(String source, String sourceRef, int tenths, Instant creditedAt) {
        static CreditView of(WelfareCredits.Credit c) {
            return new CreditView(c.source(), c.sourceRef(), c.tenths(), c.creditedAt());
        }
    }

    /**
     * A person's year: total, per source, whether the 3-hour pledge is reached, when the person took the year's pledge
     * ({@code pledgedAt}, null if not), the latest credits.
     */
    public record WelfareYearView(
            int year,
            long tenths,
            String hours,
            int pledgeTenths,
            boolean pledgeReached,
            @Schema(nullable = true) Instant pledgedAt,
            Map<String, Long> bySource,
            List<CreditView> latest) {
        static WelfareYearView of(WelfareLedger.Year y) {
            return new WelfareYearView(
                    y.year(),
                    y.tenths(),
                    y.hours(),
                    y.pledgeTenths(),
                    y.pledgeReached(),
                    y.pledgedAt(),
                    y.bySource(),
                    y.latest().stream().map(CreditView::of).toList());
        }
    }

    /** The year's pledge a person took (China Standard Time year). */
    public record PledgeView(int year, Instant pledgedAt) {
        static PledgeView of(Pledges.Pledge p) {
            return new PledgeView(p.year(), p.pledgedAt());
        }
    }

    public record OrganisationRankView(
            int rank, String organisationId, String name, long volunteers, long tenths, String hours) {
        static OrganisationRankView of(ReportService.OrganisationRank r) {
            return new OrganisationRankView(
                    r.rank(), r.organisationId(), r.name(), r.volunteers(), r.tenths(), r.hours());
        }
    }

    /** Platform totals; {@code hours} is {@code tenths} as hours. */
    public record TotalsView(
            long volunteers,
            long participants,
            long organisations,
            long activities,
            long actions,
            long tenths,
            String hours) {
        static TotalsView of(ReportService.Totals t) {
            return new TotalsView(
                    t.volunteers(),
                    t.participants(),
                    t.organisations(),
                    t.activities(),
                    t.actions(),
                    t.tenths(),
                    t.hours());
        }
    }
}
