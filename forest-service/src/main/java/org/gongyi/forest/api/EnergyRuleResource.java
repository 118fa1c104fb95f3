package org.gongyi.forest.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gongyi.common.http.Created;
import org.gongyi.common.http.Params;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.security.Roles;
import org.gongyi.forest.api.EnergyDtos.NewRuleTable;
import org.gongyi.forest.api.EnergyDtos.RuleTableView;
import org.gongyi.forest.domain.EnergyRuleTable;
import org.gongyi.forest.persistence.EnergyRules;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

@Path("/energy-rules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Energy rules")
public class EnergyRuleResource {

    private final EnergyRules rules;
    private final JsonWebToken caller;
    private final Clock clock;

    public EnergyRuleResource(EnergyRules rules, JsonWebToken caller, Clock clock) {
        this.rules = rules;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @PermitAll
    @Operation(summary = "The energy rule table in force now (or at the time given by ?at=)")
    public Uni<RuleTableView> inForce(@QueryParam("at") String atParam) {
        Instant at = Params.instant("at", atParam);
        return rules.inForce(at == null ? clock.instant() : at).map(RuleTableView::of);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Publish a new version of the rule table (a rule for every action type), in force from "
                    + "effectiveFrom (now when absent; never in the past). Actions are judged by the version in force when "
                    + "they happened.")
    @APIResponseSchema(value = RuleTableView.class, responseCode = "201", responseDescription = "The version published")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(
                                        name = "published-figures",
                                        summary =
                                                "The published figures (2022), in force at once: a rule for every action type",
                                        value = """
                                        {"rules": [
                                         {"actionType": "WALKING", "grams": 200, "stepsPerUnit": 10000, "capPeriod": "DAY", "capGrams": 296},
                                         {"actionType": "OFFLINE_PAYMENT", "grams": 5, "capPeriod": "DAY", "capCount": 10, "minAmountFen": 100},
                                         {"actionType": "UTILITY_BILL", "grams": 262, "capPeriod": "MONTH", "capCount": 10, "minAmountFen": 100, "householdMonthlyCap": 1},
                                         {"actionType": "CINEMA_TICKET", "grams": 180, "capPeriod": "MONTH", "capCount": 10},
                                         {"actionType": "TRAIN_TICKET", "grams": 136, "capPeriod": "MONTH", "capCount": 10},
                                         {"actionType": "HOSPITAL_APPOINTMENT", "grams": 277, "capPeriod": "MONTH", "capCount": 5},
                                         {"actionType": "METRO_RIDE", "grams": 52, "capPeriod": "DAY", "capCount": 5},
                                         {"actionType": "BUS_RIDE", "grams": 80, "capPeriod": "DAY", "capCount": 5},
                                         {"actionType": "ETC_TOLL", "grams": 23, "capPeriod": "DAY", "capCount": 5},
                                         {"actionType": "E_INVOICE", "grams": 5, "capPeriod": "DAY", "capCount": 5}]}"""),
                                @ExampleObject(
                                        name = "metro-doubled-from-july",
                                        summary =
                                                "From 1 July 2027, 00:00 in Shanghai: a metro ride earns 104 g (still 5 a day); the other rules as published",
                                        value = """
                                        {"effectiveFrom": "2027-06-30T16:00:00Z", "rules": [
                                         {"actionType": "WALKING", "grams": 200, "stepsPerUnit": 10000, "capPeriod": "DAY", "capGrams": 296},
                                         {"actionType": "OFFLINE_PAYMENT", "grams": 5, "capPeriod": "DAY", "capCount": 10, "minAmountFen": 100},
                                         {"actionType": "UTILITY_BILL", "grams": 262, "capPeriod": "MONTH", "capCount": 10, "minAmountFen": 100, "householdMonthlyCap": 1},
                                         {"actionType": "CINEMA_TICKET", "grams": 180, "capPeriod": "MONTH", "capCount": 10},
                                         {"actionType": "TRAIN_TICKET", "grams": 136, "capPeriod": "MONTH", "capCount": 10},
                                         {"actionType": "HOSPITAL_APPOINTMENT", "grams": 277, "capPeriod": "MONTH", "capCount": 5},
                                         {"actionType": "METRO_RIDE", "grams": 104, "capPeriod": "DAY", "capCount": 5},
                                         {"actionType": "BUS_RIDE", "grams": 80, "capPeriod": "DAY", "capCount": 5},
                                         {"actionType": "ETC_TOLL", "grams": 23, "capPeriod": "DAY", "capCount": 5},
                                         {"actionType": "E_INVOICE", "grams": 5, "capPeriod": "DAY", "capCount": 5}]}""")
                            }))
    public Uni<Response> publish(@NotNull @Valid NewRuleTable request, UriInfo uri) {
        Instant now = clock.instant();
        Instant from = request.effectiveFrom() == null ? now : request.effectiveFrom();
        if (from.isBefore(now.minus(Duration.ofMinutes(1)))) {
            throw ProblemException.badRequest(
                    "effectiveFrom must not be in the past: recorded actions keep their rules");
        }
        EnergyRuleTable table;
        try {
            table = new EnergyRuleTable(
                    request.rules().stream().map(EnergyDtos.RuleView::toRule).toList());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        return rules.publish(table, from, caller.getSubject(), now)
                .map(version -> Created.at(
                        uri.getBaseUriBuilder()
                                .path("energy-rules")
                                .queryParam("at", from.toString())
                                .build(),
                        RuleTableView.of(new EnergyRules.Version(version, from, table))));
    }
}
