package org.gongyi.reunion.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.gongyi.reunion.domain.SafeZone;
import org.gongyi.reunion.persistence.Elder;
import org.gongyi.reunion.persistence.ElderAlert;
import org.gongyi.reunion.persistence.Elders;
import org.gongyi.reunion.persistence.Escalation;
import org.gongyi.reunion.persistence.MissingCase;
import org.gongyi.reunion.service.ElderService;
import org.gongyi.reunion.service.EscalationService;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public final class ElderDtos {
    private ElderDtos() {}

    public record Zone(
            @NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
            @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude,
            @NotNull @Min(50) @Max(100_000) Integer radiusMetres) {}

    /**
     * Someone 60 or older, or with a condition that makes them wander, wearing the locator whose activation code (in
     * its box) the guardian gives.
     */
    public record NewElder(
            @NotBlank @Size(max = 100) String name,
            @NotNull @Min(1880) @Max(2100) Integer birthYear,
            @Schema(nullable = true) @Size(max = 200) String condition,
            @NotBlank @Size(max = 200) String locatorId,
            @NotBlank @Size(max = 64) String activationCode,
            @NotNull @Valid Zone safeZone) {}

    /** A locator's activation code, as its gateway registers it. */
    public record LocatorRegistration(
            @NotBlank @Size(min = 8, max = 64) String activationCode) {}

    /** Who guards the person, and who was invited and has not accepted yet. */
    public record Guardians(List<String> guardians, List<String> invited) {
        static Guardians of(ElderService.GuardianList l) {
            return new Guardians(l.guardians(), l.invited());
        }
    }

    /** An invitation to guard someone, seen by the invited guardian. */
    public record InvitationView(UUID elderId, String name, String invitedBy, Instant invitedAt) {}

    public record ElderView(
            UUID id,
            String name,
            int birthYear,
            @Schema(nullable = true) String condition,
            String locatorId,
            Zone safeZone,
            SafeZone.State zoneState,
            @Schema(nullable = true) Instant lastSeenAt) {
        public static ElderView of(Elder e) {
            return new ElderView(
                    e.id(),
                    e.name(),
                    e.birthYear(),
                    e.condition(),
                    e.locatorId(),
                    new Zone(e.zoneLatitude(), e.zoneLongitude(), e.zoneRadiusM()),
                    e.zoneState(),
                    e.lastSeenAt());
        }
    }

    public record NewGuardian(@NotBlank @Size(max = 200) String guardianId) {}

    public record Position(
            double latitude,
            double longitude,
            @Schema(nullable = true) Instant recordedAt) {
        static Position of(Elders.Position p) {
            return new Position(p.latitude(), p.longitude(), p.recordedAt());
        }
    }

    /** An alert that the person left the safe zone, and when they came back. */
    @Schema(name = "ElderAlertView")
    public record AlertView(
            UUID id,
            Instant leftAt,
            @Schema(nullable = true) Double latitude,
            @Schema(nullable = true) Double longitude,
            @Schema(nullable = true) Instant returnedAt) {
        public static AlertView of(ElderAlert a) {
            return new AlertView(a.id(), a.leftAt(), a.latitude(), a.longitude(), a.returnedAt());
        }
    }

    public record NewEscalation(
            @NotBlank @Size(max = 100) String agencyId,
            @Schema(nullable = true) @Size(max = 2000) String note) {}

    /**
     * What the agency sees of an escalated elder, enough to publish a case: where they were when the guardian
     * escalated ({@code lastKnown}; no time when only the safe zone's centre was known), until {@code expiresAt}.
     */
    public record EscalationView(
            UUID id,
            UUID elderId,
            String name,
            int age,
            @Schema(nullable = true) String condition,
            String guardianId,
            @Schema(nullable = true) String note,
            Position lastKnown,
            @Schema(nullable = true) Instant leftZoneAt,
            Instant createdAt,
            @Schema(nullable = true) UUID caseId,
            Instant expiresAt) {
        static EscalationView of(EscalationService.Escalated e) {
            Escalation x = e.escalation();
            return new EscalationView(
                    x.id(),
                    e.elder().id(),
                    e.elder().name(),
                    e.age(),
                    e.elder().condition(),
                    x.guardianId(),
                    x.note(),
                    new Position(x.lastLatitude(), x.lastLongitude(), x.lastRecordedAt()),
                    x.leftZoneAt(),
                    x.createdAt(),
                    x.caseId(),
                    x.expiresAt());
        }
    }

    /** What police add to publish a case from an escalation (name, age, place and time come from it). */
    public record PublishFromEscalation(
            @NotNull MissingCase.Sex sex,
            @NotBlank @Size(max = 200) String contact,
            @Schema(nullable = true) @Size(max = 4000) String description,

            @Schema(nullable = true)
            @Size(max = 2000)
            @Pattern(regexp = CaseDtos.URL, message = "must be an http(s) URL")
            String photoUrl) {}
}
