package org.gongyi.donation.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gongyi.common.http.Paging;
import org.gongyi.common.security.Roles;
import org.gongyi.donation.persistence.Donation;
import org.gongyi.donation.persistence.Donations;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A buyer's own donations: the caller's, never anyone else's. */
@Path("/me/donations")
@Tag(name = "My donations")
public class MyDonationsResource {

    private final JsonWebToken caller;
    private final Donations donations;

    public MyDonationsResource(JsonWebToken caller, Donations donations) {
        this.caller = caller;
        this.donations = donations;
    }

    public record DonationView(
            UUID id,
            String orderId,
            String itemId,
            UUID projectId,
            long paidFen,
            long amountFen,
            Instant completedAt,
            @Schema(nullable = true) Instant reversedAt,
            @Schema(nullable = true) UUID luckyBagPoolId) {
        static DonationView of(Donation d) {
            return new DonationView(
                    d.id(),
                    d.orderId(),
                    d.itemId(),
                    d.projectId(),
                    d.paidFen(),
                    d.amountFen(),
                    d.completedAt(),
                    d.reversedAt(),
                    d.luckyPoolId());
        }
    }

    @GET
    @RolesAllowed({Roles.BUYER, Roles.USER})
    @Operation(summary = "Your donations, newest first")
    public Uni<List<DonationView>> mine(
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Paging.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        return donations
                .pageOfBuyer(caller.getSubject(), page, size)
                .map(list -> list.stream().map(DonationView::of).toList());
    }
}
