package org.gongyi.forest.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.gongyi.forest.domain.ActionType;
import org.gongyi.forest.domain.CapPeriod;
import org.gongyi.forest.domain.EnergyDecision;
import org.gongyi.forest.domain.EnergyRule;
import org.gongyi.forest.persistence.EnergyAction;
import org.gongyi.forest.persistence.EnergyBall;
import org.gongyi.forest.persistence.EnergyRules;
import org.gongyi.forest.service.BallService;
import org.gongyi.forest.service.BallService.Collected;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public final class EnergyDtos {
    private EnergyDtos() {}

    /** One action type's rule; null limits mean none. */
    public record RuleView(
            @NotNull ActionType actionType,
            @Min(1) @Max(1_000_000) long grams,
            @Schema(nullable = true) @Min(1) @Max(1_000_000) Long stepsPerUnit,
            @Schema(nullable = true) CapPeriod capPeriod,
            @Schema(nullable = true) @Min(1) @Max(1_000_000) Integer capCount,

            @Schema(nullable = true) @Min(1) @Max(1_000_000_000)
            Long capGrams,

            @Schema(nullable = true) @Min(0) @Max(100_000_000)
            Long minAmountFen,

            @Schema(nullable = true) @Min(1) @Max(1_000_000) Integer householdMonthlyCap) {
        static RuleView of(EnergyRule r) {
            return new RuleView(
                    r.actionType(),
                    r.grams(),
                    r.stepsPerUnit(),
                    r.capPeriod(),
                    r.capCount(),
                    r.capGrams(),
                    r.minAmountFen(),
                    r.householdMonthlyCap());
        }

        EnergyRule toRule() {
            return new EnergyRule(
                    actionType, grams, stepsPerUnit, capPeriod, capCount, capGrams, minAmountFen, householdMonthlyCap);
        }
    }

    public record RuleTableView(int version, Instant effectiveFrom, List<RuleView> rules) {
        static RuleTableView of(EnergyRules.Version v) {
            return new RuleTableView(
                    v.version(),
                    v.effectiveFrom(),
                    v.table().rules().stream().map(RuleView::of).toList());
        }
    }

    /** A new version of the rule table: a rule for every action type; it takes effect now or at a future time. */
    public record NewRuleTable(
            @Schema(nullable = true) Instant effectiveFrom,
            @NotEmpty @Size(max = 20) List<@NotNull @Valid RuleView> rules) {}

    public record BallView(
            UUID id,
            EnergyBall.Kind kind,
            @Schema(nullable = true) String actionType,
            @Schema(nullable = true) String fromUser,
            long grams,
            @Schema(nullable = true) Long takenByFriends,
            Instant ripensAt,
            Instant expiresAt) {
        static BallView of(EnergyBall b) {
            return new BallView(
                    b.id(),
                    b.kind(),
                    b.actionType(),
                    b.fromUser(),
                    b.collectableGrams(),
                    b.friendGrams(),
                    b.ripensAt(),
                    b.expiresAt());
        }
    }

    public record EnergyView(
            String userId,
            long balanceGrams,
            long collectedGrams,
            long spentGrams,
            List<BallView> ripe,
            List<BallView> pending) {
        static EnergyView of(BallService.Energy e) {
            return new EnergyView(
                    e.account().userId(),
                    e.account().balanceGrams(),
                    e.account().collectedGrams(),
                    e.account().spentGrams(),
                    e.ripe().stream().map(BallView::of).toList(),
                    e.pending().stream().map(BallView::of).toList());
        }
    }

    public record ActionView(
            UUID id,
            String actionType,
            String sourceRef,
            long quantity,
            @Schema(nullable = true) Long amountFen,
            Instant occurredAt,
            int ruleVersion,
            EnergyDecision.Status status,
            long grams,
            @Schema(nullable = true) String reason,
            @Schema(nullable = true) UUID ballId,
            Instant recordedAt) {
        static ActionView of(EnergyAction a) {
            return new ActionView(
                    a.id(),
                    a.actionType(),
                    a.sourceRef(),
                    a.quantity(),
                    a.amountFen(),
                    a.occurredAt(),
                    a.ruleVersion(),
                    a.status(),
                    a.grams(),
                    a.reason(),
                    a.ballId(),
                    a.recordedAt());
        }
    }

    /** Grams collected, from how many balls, and the balance after. */
    /** {@code shieldItemEarned}: this collection made the week's fifth day of collecting, earning a shield item. */
    public record CollectedView(long grams, int balls, long balanceGrams, boolean shieldItemEarned) {
        static CollectedView of(Collected c) {
            return new CollectedView(c.grams(), c.balls(), c.balanceGrams(), c.shieldItemEarned());
        }
    }
}
