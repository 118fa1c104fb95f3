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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.security.Roles;
import org.gongyi.donation.domain.DonationRule;
import org.gongyi.donation.domain.DonationRule.RuleType;
import org.gongyi.donation.domain.InvalidRuleException;
import org.gongyi.donation.domain.Programme;
import org.gongyi.donation.persistence.CharityProgramme;
import org.gongyi.donation.persistence.CharityRule;
import org.gongyi.donation.service.ProgrammeService;
import org.gongyi.donation.service.RuleService;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

@Path("/items/{itemId}/charity-rule")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Charity rules on items")
public class ItemRuleResource {

    private final RuleService rules;
    private final ProgrammeService programmes;
    private final JsonWebToken caller;

    public ItemRuleResource(RuleService rules, ProgrammeService programmes, JsonWebToken caller) {
        this.rules = rules;
        this.programmes = programmes;
        this.caller = caller;
    }

    /** What a seller picks: a percent of their own, a fixed amount, or the platform's 0.3 % preset (千三公益). */
    @Schema(name = "ItemRuleResourceRuleChoice")
    public enum RuleChoice {
        PERCENTAGE,
        FIXED,
        PRESET
    }

    /**
     * PERCENTAGE takes {@code percent} (0.1–100, e.g. 0.3 for 0.3 %); FIXED takes {@code fixedFen} (2, 10 or 100);
     * PRESET takes neither and is stored as the PERCENTAGE rule of 0.3 %.
     */
    public record SetRule(
            @NotNull UUID projectId,
            @NotNull RuleChoice type,
            @Schema(nullable = true) BigDecimal percent,
            @Schema(nullable = true) Long fixedFen) {
        DonationRule toRule() {
            try {
                return switch (type) {
                    case PRESET -> {
                        if (percent != null || fixedFen != null) {
                            throw new InvalidRuleException(
                                    "the PRESET rule (0.3 %) takes neither percent nor fixedFen");
                        }
                        yield DonationRule.preset();
                    }
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

    /** The label of a shop whose mother a programme enrolled (魔豆妈妈): the programme, by id and name. */
    public record ProgrammeLabel(UUID programmeId, String name, Programme.Kind kind) {
        static ProgrammeLabel of(CharityProgramme p) {
            return p == null ? null : new ProgrammeLabel(p.id(), p.name(), p.kind());
        }
    }

    /** A rule in force; {@code programme}: the label the seller's items carry when a programme enrolled her shop. */
    public record RuleView(
            String itemId,
            String sellerId,
            UUID projectId,
            RuleType type,
            @Schema(nullable = true) BigDecimal percent,
            @Schema(nullable = true) Long fixedFen,
            Instant effectiveFrom,
            @Schema(nullable = true) ProgrammeLabel programme) {
        static RuleView of(CharityRule r, CharityProgramme shopOf) {
            BigDecimal percent = r.terms().basisPoints() == null
                    ? null
                    : BigDecimal.valueOf(r.terms().basisPoints(), 2).stripTrailingZeros();
            return new RuleView(
                    r.itemId(),
                    r.sellerId(),
                    r.projectId(),
                    r.terms().ruleType(),
                    percent,
                    r.terms().fixedFen(),
                    r.effectiveFrom(),
                    ProgrammeLabel.of(shopOf));
        }
    }

    @PUT
    @RolesAllowed(Roles.SELLER)
    @Operation(
            summary = "Attach a charity project and a donation rule to one of your items; applies to your deals "
                    + "completed from now on")
    @APIResponse(
            responseCode = "409",
            description = "The project is closed or has ended, or its organisation is not verified yet")
    @APIResponseSchema(value = RuleView.class, responseDescription = "The rule in force from now")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(
                                        name = "preset",
                                        summary = "The platform's preset: 0.3 % of what the buyer paid",
                                        value = """
                                        {"projectId": "6f1c2a9e-0b7d-4c1e-9a52-3d8e4f7a1b20", "type": "PRESET"}"""),
                                @ExampleObject(
                                        name = "percentage",
                                        summary =
                                                "A percentage of what the buyer paid (0.1 to 100, at most two decimals)",
                                        value = """
                                        {"projectId": "6f1c2a9e-0b7d-4c1e-9a52-3d8e4f7a1b20", "type": "PERCENTAGE", "percent": 1.5}"""),
                                @ExampleObject(
                                        name = "fixed",
                                        summary = "A fixed amount per item sold: 2 yuan (200 fen)",
                                        value = """
                                        {"projectId": "6f1c2a9e-0b7d-4c1e-9a52-3d8e4f7a1b20", "type": "FIXED", "fixedFen": 200}""")
                            }))
    public Uni<RuleView> set(@PathParam("itemId") @Size(max = 200) String itemId, @NotNull @Valid SetRule request) {
        DonationRule rule = request.toRule();
        return rules.set(itemId, caller.getSubject(), request.projectId(), rule).chain(this::labelled);
    }

    @GET
    @PermitAll
    @Operation(
            summary = "The rule in force on an item: the seller's (sellerId, as the item's page knows it), or the "
                    + "only seller's with one; 409 when rules of several sellers name the item")
    @APIResponse(responseCode = "409", description = "Rules of several sellers name the item: say whose (sellerId)")
    @APIResponseSchema(value = RuleView.class, responseDescription = "The rule in force")
    public Uni<RuleView> get(
            @PathParam("itemId") String itemId, @QueryParam("sellerId") @Size(max = 200) String sellerId) {
        return rules.current(itemId, sellerId).chain(this::labelled);
    }

    private Uni<RuleView> labelled(CharityRule r) {
        return programmes.ofShop(r.sellerId()).map(p -> RuleView.of(r, p));
    }

    @DELETE
    @RolesAllowed(Roles.SELLER)
    @Operation(summary = "Stop donating for one of your items from now on")
    public Uni<Void> stop(@PathParam("itemId") @Size(max = 200) String itemId) {
        return rules.stop(itemId, caller.getSubject());
    }
}
