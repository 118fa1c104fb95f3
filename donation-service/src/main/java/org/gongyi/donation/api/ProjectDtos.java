package org.gongyi.donation.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.gongyi.donation.persistence.CharityProject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.UUID;

public final class ProjectDtos {
    private ProjectDtos() {
    }

    public record CreateProject(@NotBlank @Size(max = 200) String name,
                                @Size(max = 4000) String description,
                                @Size(min = 1, max = 100) String charityId,
                                @NotNull CharityProject.Kind kind,
                                @Positive Long targetFen,
                                Instant startsAt,
                                Instant endsAt) {
        public CharityProject toEntity() {
            CharityProject p = new CharityProject();
            p.name = name;
            p.description = description;
            p.charityId = charityId;
            p.kind = kind;
            p.targetFen = targetFen;
            p.startsAt = startsAt;
            p.endsAt = endsAt;
            return p;
        }
    }

    /**
     * A project and its progress. {@code raisedFen} is net of reversals; {@code donorCount} counts distinct
     * buyers; {@code progressPercent} is set for projects with a target; {@code open} says whether it takes donations.
     */
    public record ProjectView(UUID id, String name, String description, String charityId, CharityProject.Kind kind,
                              Long targetFen, Instant startsAt, Instant endsAt, long raisedFen, long donatedFen,
                              long reversedFen, long donationCount, long reversalCount, long donorCount,
                              BigDecimal progressPercent, boolean open, Instant createdAt, Instant closedAt) {
        public static ProjectView of(CharityProject p, Instant now) {
            long raised = p.donatedFen - p.reversedFen;
            BigDecimal progress = p.targetFen == null ? null
                    : BigDecimal.valueOf(raised).multiply(BigDecimal.valueOf(100))
                    .divide(BigDecimal.valueOf(p.targetFen), 2, RoundingMode.DOWN);
            return new ProjectView(p.id, p.name, p.description, p.charityId, p.kind, p.targetFen, p.startsAt,
                    p.endsAt, raised, p.donatedFen, p.reversedFen, p.donationCount, p.reversalCount, p.donorCount,
                    progress, p.acceptsAt(now), p.createdAt, p.closedAt);
        }
    }
}
