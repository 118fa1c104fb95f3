package org.gongyi.donation.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.security.Roles;
import org.gongyi.donation.domain.DonationRule;
import org.gongyi.donation.domain.DonationRule.RuleType;
import org.gongyi.donation.domain.InvalidRuleException;
import org.gongyi.donation.persistence.CharityRule;
import org.gongyi.donation.service.RuleService;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

@Path("/items/{itemId}/charity-rule")
@Tag(name = "Charity rules on items")
public class ItemRuleResource {

    private final RuleService rules;
    private final JsonWebToken caller;

    public ItemRuleResource(RuleService rules, JsonWebToken caller) {
        this.rules = rules;
        this.caller = caller;
    }

    /**
     * PERCENTAGE takes {@code percent} (0.1–100, e.g. 0.3 for 0.3 %); FIXED takes {@code fixedFen} (2, 10 or 100).
     */
    public record SetRule(@NotNull UUID projectId,
                          @NotNull RuleType type,
                          BigDecimal percent,
                          Long fixedFen) {
        DonationRule toRule() {
            try {
                return switch (type) {
                    case PERCENTAGE -> {
                        if (fixedFen != null) {
                            throw new InvalidRuleException("a PERCENTAGE rule takes percent, not fixedFen");
                        }
                        yield DonationRule.Percentage.ofPercent(percent);
                    }
                    case FIXED -> {
                        if (percent != null) {
                            throw new InvalidRuleException("a FIXED rule takes fixedFen, not percent");
                        }
                        if (fixedFen == null) {
                            throw new InvalidRuleException("fixedFen is required for a FIXED rule");
                        }
                        yield new DonationRule.Fixed(fixedFen);
                    }
                };
            } catch (InvalidRuleException e) {
                throw ProblemException.badRequest(e.getMessage());
            }
        }
    }

    public record RuleView(String itemId, String sellerId, UUID projectId, RuleType type, BigDecimal percent,
                           Long fixedFen, Instant effectiveFrom) {
        static RuleView of(CharityRule r) {
            BigDecimal percent = r.terms.basisPoints == null ? null
                    : BigDecimal.valueOf(r.terms.basisPoints, 2).stripTrailingZeros();
            return new RuleView(r.itemId, r.sellerId, r.projectId, r.terms.ruleType, percent, r.terms.fixedFen,
                    r.effectiveFrom);
        }
    }

    @PUT
    @RolesAllowed(Roles.SELLER)
    @Operation(summary = "Attach a charity project and a donation rule to one of your items; applies to deals "
            + "completed from now on")
    public Uni<RuleView> set(@PathParam("itemId") @Size(max = 200) String itemId, @NotNull @Valid SetRule request) {
        DonationRule rule = request.toRule();
        return rules.set(itemId, caller.getSubject(), request.projectId(), rule).map(RuleView::of);
    }

    @GET
    @PermitAll
    @Operation(summary = "The rule in force on an item")
    public Uni<RuleView> get(@PathParam("itemId") String itemId) {
        return rules.current(itemId).map(RuleView::of);
    }

    @DELETE
    @RolesAllowed(Roles.SELLER)
    @Operation(summary = "Stop donating for one of your items from now on")
    public Uni<Void> stop(@PathParam("itemId") @Size(max = 200) String itemId) {
        return rules.stop(itemId, caller.getSubject());
    }
}
