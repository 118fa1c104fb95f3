package org.gongyi.donation.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.security.Roles;
import org.gongyi.common.time.ChinaTime;
import org.gongyi.donation.api.ProjectDtos.PayoutView;
import org.gongyi.donation.service.SettlementService;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

@Path("/settlements")
@Tag(name = "Payouts")
public class PayoutResource {

    private final SettlementService settlements;

    private final Clock clock;

    public PayoutResource(SettlementService settlements, Clock clock) {
        this.clock = clock;
        this.settlements = settlements;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Close the period up to periodEnd (an instant; default: the start of today, China Standard "
                    + "Time) for every project. Runs daily by itself; running it again changes nothing.")
    public Uni<List<PayoutView>> settle(@QueryParam("periodEnd") String periodEnd) {
        Instant end;
        try {
            end = periodEnd == null || periodEnd.isBlank()
                    ? LocalDate.ofInstant(clock.instant(), ChinaTime.ZONE)
                            .atStartOfDay(ChinaTime.ZONE)
                            .toInstant()
                    : Instant.parse(periodEnd);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("periodEnd must be an instant such as 2026-11-12T00:00:00Z");
        }
        if (end.isAfter(clock.instant())) {
            throw ProblemException.badRequest("periodEnd cannot be in the future");
        }
        return settlements.settle(end).map(l -> l.stream().map(PayoutView::of).toList());
    }
}
