package org.gongyi.reunion.api;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.gongyi.reunion.persistence.ChildReport;
import org.gongyi.reunion.persistence.MissingCase;

import java.time.Instant;
import java.util.UUID;

public final class ChildReportDtos {
    private ChildReportDtos() {}

    /** A family reports a missing child (under 18) to an agency, with how the police reach them. */
    public record NewChildReport(
            @NotBlank @Size(max = 100) String agencyId,
            @NotBlank @Size(max = 100) String name,
            @NotNull @Min(0) @Max(17) Integer age,
            @NotNull MissingCase.Sex sex,
            @Schema(nullable = true) @Size(max = 4000) String description,

            @Schema(nullable = true)
            @Size(max = 2000)
            @Pattern(regexp = CaseDtos.URL, message = "must be an http(s) URL")
            String photoUrl,

            @NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
            @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude,
            @NotNull Instant lostAt,
            @NotBlank @Size(max = 200) String reporterContact) {}

    /**
     * What police add to publish a case from a family's report (name, age, sex, place and time of loss come from
     * it): the public contact, and the description and photo the alert shows (the family's photo when none is given;
     * the family's own words are not published).
     */
    public record PublishFromReport(
            @NotBlank @Size(max = 200) String contact,
            @Schema(nullable = true) @Size(max = 4000) String description,

            @Schema(nullable = true)
            @Size(max = 2000)
            @Pattern(regexp = CaseDtos.URL, message = "must be an http(s) URL")
            String photoUrl) {}

    /** Why the agency does not publish a case from a report (the family reads it). */
    public record Decline(@NotBlank @Size(max = 2000) String reason) {}

    /**
     * A report as the agency's police and the reporting family see it ({@code decidedBy}, the officer, only for the
     * police).
     */
    public record ChildReportView(
            UUID id,
            String agencyId,
            String reporterId,
            String reporterContact,
            String name,
            int age,
            MissingCase.Sex sex,
            @Schema(nullable = true) String description,
            @Schema(nullable = true) String photoUrl,
            double latitude,
            double longitude,
            Instant lostAt,
            Instant createdAt,
            ChildReport.Status status,
            @Schema(nullable = true) Instant decidedAt,
            @Schema(nullable = true) String decidedBy,
            @Schema(nullable = true) String declineReason,
            @Schema(nullable = true) UUID caseId) {
        static ChildReportView forPolice(ChildReport r) {
            return of(r, r.decidedBy());
        }

        static ChildReportView forFamily(ChildReport r) {
            return of(r, null);
        }

        private static ChildReportView of(ChildReport r, String decidedBy) {
            return new ChildReportView(
                    r.id(),
                    r.agencyId(),
                    r.reporterId(),
                    r.reporterContact(),
                    r.childName(),
                    r.age(),
                    r.sex(),
                    r.description(),
                    r.photoUrl(),
                    r.latitude(),
                    r.longitude(),
                    r.lostAt(),
                    r.createdAt(),
                    r.status(),
                    r.decidedAt(),
                    decidedBy,
                    r.declineReason(),
                    r.caseId());
        }
    }
}
