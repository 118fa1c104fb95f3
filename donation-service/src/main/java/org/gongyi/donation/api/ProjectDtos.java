package org.gongyi.donation.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.gongyi.common.http.ProblemException;
import org.gongyi.donation.domain.Province;
import org.gongyi.donation.persistence.CharityProject;
import org.gongyi.donation.persistence.Payout;
import org.gongyi.donation.service.ProjectService;
import org.gongyi.donation.service.SettlementService;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

public final class ProjectDtos {
    private ProjectDtos() {}

    public record CreateProject(
            @NotBlank @Size(max = 200) String name,
            @Schema(nullable = true) @Size(max = 4000) String description,

            @Schema(nullable = true) @Size(min = 1, max = 100)
            String charityId,

            @NotNull CharityProject.Kind kind,
            @Schema(nullable = true) CharityProject.Category category,
            @Schema(nullable = true) @Positive Long targetFen,
            @Schema(nullable = true) Instant startsAt,
            @Schema(nullable = true) Instant endsAt,
            @Schema(nullable = true) @Size(max = 34) List<@NotBlank @Size(max = 50) String> regions) {
        /** The project to create, of organisation {@code charityId}. */
        public CharityProject.Draft toDraft(String charityId) {
            return new CharityProject.Draft(
                    name,
                    description,
                    charityId,
                    kind,
                    category == null ? CharityProject.Category.OTHER : category,
                    targetFen,
                    startsAt,
                    endsAt);
        }
    }

    /** The divisions named, in the platform's spelling, each once; 400 naming any that is not one. */
    public static List<String> divisions(List<String> names) {
        if (names == null) {
            return List.of();
        }
        List<String> unknown =
                names.stream().filter(n -> Province.of(n).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw ProblemException.badRequest("regions must be China's provincial-level divisions (e.g. Gansu, "
                    + "Inner Mongolia, 甘肃): not " + String.join(", ", unknown));
        }
        return names.stream()
                .map(n -> Province.of(n).orElseThrow().displayName())
                .distinct()
                .toList();
    }

    /**
     * A project and its progress. {@code raisedFen} is net of reversals; {@code donorCount} counts distinct
     * buyers; {@code progressPercent} is set for projects with a target; {@code open} says whether it takes donations.
     */
    public record ProjectView(
            UUID id,
            String name,
            @Schema(nullable = true) String description,
            String charityId,
            CharityProject.Kind kind,
            CharityProject.Category category,
            @Schema(nullable = true) Long targetFen,
            @Schema(nullable = true) Instant startsAt,
            @Schema(nullable = true) Instant endsAt,
            long raisedFen,
            long donatedFen,
            long reversedFen,
            long donationCount,
            long reversalCount,
            long donorCount,
            @Schema(nullable = true) BigDecimal progressPercent,
            boolean open,
            List<String> regions,
            Instant createdAt,
            @Schema(nullable = true) Instant closedAt) {
        public static ProjectView of(ProjectService.Project listed, Instant now) {
            CharityProject p = listed.project();
            long raised = p.donatedFen() - p.reversedFen();
            BigDecimal progress = p.targetFen() == null
                    ? null
                    : BigDecimal.valueOf(raised)
                            .multiply(BigDecimal.valueOf(100))
                            .divide(BigDecimal.valueOf(p.targetFen()), 2, RoundingMode.DOWN);
            return new ProjectView(
                    p.id(),
                    p.name(),
                    p.description(),
                    p.charityId(),
                    p.kind(),
                    p.category(),
                    p.targetFen(),
                    p.startsAt(),
                    p.endsAt(),
                    raised,
                    p.donatedFen(),
                    p.reversedFen(),
                    p.donationCount(),
                    p.reversalCount(),
                    p.donorCount(),
                    progress,
                    p.acceptsAt(now),
                    listed.regions(),
                    p.createdAt(),
                    p.closedAt());
        }
    }

    /**
     * One closed period of one project: what was donated and reversed in it, and the net paid out. {@code periodStart}
     * is null for a project's first payout: from the beginning.
     */
    public record PayoutView(
            UUID id,
            UUID projectId,
            @Schema(nullable = true) Instant periodStart,
            Instant periodEnd,
            long donatedFen,
            long reversedFen,
            long netFen,
            long donationCount,
            long reversalCount,
            Instant createdAt) {
        static PayoutView of(Payout p) {
            return new PayoutView(
                    p.id(),
                    p.projectId(),
                    p.periodStart(),
                    p.periodEnd(),
                    p.donatedFen(),
                    p.reversedFen(),
                    p.netFen(),
                    p.donationCount(),
                    p.reversalCount(),
                    p.createdAt());
        }
    }

    /** A project's payouts, and the open balance not yet paid out (payouts + open = net donations). */
    public record StatementView(
            UUID projectId, List<PayoutView> payouts, long settledNetFen, long openBalanceFen, long netFen) {
        static StatementView of(SettlementService.Statement s) {
            return new StatementView(
                    s.projectId(),
                    s.payouts().stream().map(PayoutView::of).toList(),
                    s.settledNetFen(),
                    s.openBalanceFen(),
                    s.netFen());
        }
    }
}
