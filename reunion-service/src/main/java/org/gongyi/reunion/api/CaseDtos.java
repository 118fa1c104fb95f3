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
import org.gongyi.reunion.persistence.Cases;
import org.gongyi.reunion.persistence.Lead;
import org.gongyi.reunion.persistence.MissingCase;

import java.time.Instant;
import java.util.UUID;

public final class CaseDtos {
    private CaseDtos() {}

    static final String URL = "https?://\\S+";

    /** A case as an officer files it: who is missing, where and when they were lost, whom to call. */
    public record NewCase(
            @NotBlank @Size(max = 100) String name,
            @NotNull @Min(0) @Max(130) Integer age,
            @NotNull MissingCase.Sex sex,

            @Schema(nullable = true) @Size(max = 2000) @Pattern(regexp = URL, message = "must be an http(s) URL")
            String photoUrl,

            @Schema(nullable = true) @Size(max = 4000) String description,
            @NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
            @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude,
            @NotNull Instant lostAt,
            @NotBlank @Size(max = 200) String contact) {}

    /** How an officer closes a case: FOUND with an outcome, or a FALSE_REPORT without one. */
    public record Closing(
            @NotNull MissingCase.Closure closure,
            @Schema(nullable = true) MissingCase.Outcome outcome) {}

    /**
     * What the public alert shows: the person, the place and time of loss, whom to call, and how many devices it
     * reached; nothing else.
     */
    public record AlertView(
            UUID caseId,
            String title,
            String name,
            int age,
            MissingCase.Sex sex,
            @Schema(nullable = true) String photoUrl,
            @Schema(nullable = true) String description,
            double latitude,
            double longitude,
            Instant lostAt,
            String contact,
            MissingCase.Status status,
            @Schema(nullable = true) MissingCase.Closure closure,
            @Schema(nullable = true) MissingCase.Outcome outcome,

            Instant publishedAt,
            @Schema(nullable = true) Integer radiusKm,
            long devicesReached,
            @Schema(nullable = true) Double distanceKm) {
        public static AlertView of(MissingCase c, Double distanceKm) {
            return new AlertView(
                    c.id(),
                    c.title(),
                    c.personName(),
                    c.age(),
                    c.sex(),
                    c.photoUrl(),
                    c.description(),
                    c.latitude(),
                    c.longitude(),
                    c.lostAt(),
                    c.contact(),
                    c.status(),
                    c.closure(),
                    c.outcome(),
                    c.publishedAt(),
                    c.radiusKm(),
                    c.devicesReached(),
                    distanceKm);
        }

        /** An alert near a reader, with its distance from them to 100 m. */
        public static AlertView near(Cases.Nearby n) {
            return of(n.alert(), Math.round(n.distanceKm() * 10) / 10.0);
        }
    }

    /** The case as its agency sees it. */
    public record CaseView(
            UUID id,
            String agencyId,
            String officerId,
            String name,
            int age,
            MissingCase.Sex sex,
            @Schema(nullable = true) String photoUrl,
            @Schema(nullable = true) String description,
            double latitude,
            double longitude,
            Instant lostAt,
            String contact,
            MissingCase.Status status,
            Instant publishedAt,
            @Schema(nullable = true) Integer radiusKm,
            long devicesReached,
            @Schema(nullable = true) Instant nextPushAt,
            @Schema(nullable = true) Instant closedAt,
            @Schema(nullable = true) String closedBy,
            @Schema(nullable = true) MissingCase.Closure closure,
            @Schema(nullable = true) MissingCase.Outcome outcome) {
        public static CaseView of(MissingCase c) {
            return new CaseView(
                    c.id(),
                    c.agencyId(),
                    c.officerId(),
                    c.personName(),
                    c.age(),
                    c.sex(),
                    c.photoUrl(),
                    c.description(),
                    c.latitude(),
                    c.longitude(),
                    c.lostAt(),
                    c.contact(),
                    c.status(),
                    c.publishedAt(),
                    c.radiusKm(),
                    c.devicesReached(),
                    c.nextPushAt(),
                    c.closedAt(),
                    c.closedBy(),
                    c.closure(),
                    c.outcome());
        }
    }

    public record NewLead(
            @NotBlank @Size(max = 2000) String text,

            @Schema(nullable = true) @DecimalMin("-90") @DecimalMax("90")
            Double latitude,

            @Schema(nullable = true) @DecimalMin("-180") @DecimalMax("180")
            Double longitude,

            @Schema(nullable = true) @Size(max = 2000) @Pattern(regexp = URL, message = "must be an http(s) URL")
            String photoUrl) {}

    /** How an officer marks a lead handled: what came of it, and a note for the case's file. */
    @Schema(name = "LeadHandlingRequest")
    public record LeadHandling(
            @NotNull Lead.Handling outcome,
            @Schema(nullable = true) @Size(max = 2000) String note) {}

    /** A lead as its case's agency sees it; {@code handling} is null until an officer marked it handled. */
    public record LeadView(
            UUID id,
            UUID caseId,
            String authorId,
            String text,
            @Schema(nullable = true) Double latitude,
            @Schema(nullable = true) Double longitude,
            @Schema(nullable = true) String photoUrl,
            Instant createdAt,
            @Schema(nullable = true) HandlingView handling) {
        public static LeadView of(Lead l) {
            return new LeadView(
                    l.id(),
                    l.caseId(),
                    l.authorId(),
                    l.text(),
                    l.latitude(),
                    l.longitude(),
                    l.photoUrl(),
                    l.createdAt(),
                    l.handled()
                            ? new HandlingView(l.handlingOutcome(), l.handlingNote(), l.handledBy(), l.handledAt())
                            : null);
        }
    }

    public record HandlingView(
            Lead.Handling outcome, @Schema(nullable = true) String note, String handledBy, Instant handledAt) {}
}
