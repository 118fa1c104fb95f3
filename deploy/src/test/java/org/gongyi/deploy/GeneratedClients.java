package org.gongyi.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.Nonnull;
import jakarta.annotation.Nullable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.gongyi.deploy.bench.PurchaseLoad;
import org.gongyi.deploy.bench.Purchases;
import org.gongyi.deploy.client.donation.api.CharityOrganisationsApi;
import org.gongyi.deploy.client.donation.api.CharityProjectsApi;
import org.gongyi.deploy.client.donation.api.CharityRulesOnItemsApi;
import org.gongyi.deploy.client.donation.api.MyDonationsApi;
import org.gongyi.deploy.client.donation.api.TransparencyApi;
import org.gongyi.deploy.client.donation.model.CharityBillView;
import org.gongyi.deploy.client.donation.model.CharityProjectKind;
import org.gongyi.deploy.client.donation.model.CreateProject;
import org.gongyi.deploy.client.donation.model.DonationView;
import org.gongyi.deploy.client.donation.model.ItemRuleResourceRuleChoice;
import org.gongyi.deploy.client.donation.model.ProjectLineView;
import org.gongyi.deploy.client.donation.model.ProjectView;
import org.gongyi.deploy.client.donation.model.PutOrganisation;
import org.gongyi.deploy.client.donation.model.RuleView;
import org.gongyi.deploy.client.donation.model.SetRule;
import org.gongyi.deploy.client.forest.api.CatalogueApi;
import org.gongyi.deploy.client.forest.api.MyEnergyApi;
import org.gongyi.deploy.client.forest.api.TreesAndLandApi;
import org.gongyi.deploy.client.forest.model.ActionView;
import org.gongyi.deploy.client.forest.model.BallView;
import org.gongyi.deploy.client.forest.model.CollectedView;
import org.gongyi.deploy.client.forest.model.EnergyView;
import org.gongyi.deploy.client.forest.model.MyTreeView;
import org.gongyi.deploy.client.forest.model.NewPlot;
import org.gongyi.deploy.client.forest.model.NewProject;
import org.gongyi.deploy.client.forest.model.PlantRequest;
import org.gongyi.deploy.client.forest.model.SpeciesInput;
import org.gongyi.deploy.client.forest.model.SpeciesView;
import org.gongyi.deploy.client.reunion.api.AlertsPublicApi;
import org.gongyi.deploy.client.reunion.api.CasesPoliceApi;
import org.gongyi.deploy.client.reunion.api.DevicesApi;
import org.gongyi.deploy.client.reunion.model.AlertView;
import org.gongyi.deploy.client.reunion.model.CaseView;
import org.gongyi.deploy.client.reunion.model.DevicePlatform;
import org.gongyi.deploy.client.reunion.model.DeviceView;
import org.gongyi.deploy.client.reunion.model.LeadReceipt;
import org.gongyi.deploy.client.reunion.model.LeadView;
import org.gongyi.deploy.client.reunion.model.MissingCaseSex;
import org.gongyi.deploy.client.reunion.model.NewCase;
import org.gongyi.deploy.client.reunion.model.NewLead;
import org.gongyi.deploy.client.reunion.model.Registration;
import org.gongyi.deploy.client.volunteer.api.Class3HoursApi;
import org.gongyi.deploy.client.volunteer.model.ActivityView;
import org.gongyi.deploy.client.volunteer.model.CreditView;
import org.gongyi.deploy.client.volunteer.model.NewActivity;
import org.gongyi.deploy.client.volunteer.model.PledgeView;
import org.gongyi.deploy.client.volunteer.model.ServiceRecordView;
import org.gongyi.deploy.client.volunteer.model.SignUpView;
import org.gongyi.deploy.client.volunteer.model.WelfareYearView;
import org.gongyi.infra.DevTokenIssuer;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The main flows of each service, called through the gateway by the Java client that the build generated from the
 * service's own OpenAPI document (deploy's pom: openapi-generator, library native; docs/openapi.md). Each answer is
 * read into the generated models as the document describes it: a field the document does not name fails, so does a
 * value outside an enum, and every field the document says is always there (required, not nullable) must be there.
 * Each client keeps its document's first server (the gateway's path, e.g. /api/donations); only the gateway's
 * address is set.
 */
final class GeneratedClients {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final Map<String, String> SERVICES = Map.of(
            "donations", "donation-service",
            "forest", "forest-service",
            "reunion", "reunion-service",
            "volunteer", "volunteer-service");

    private final int gatewayPort;
    private final DevTokenIssuer issuer;
    private final String bootstrapServers;
    /** Names of this run's own things (organisations, items, users): the platform may have run other tests. */
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    GeneratedClients(int gatewayPort, DevTokenIssuer issuer, String bootstrapServers) {
        this.gatewayPort = gatewayPort;
        this.issuer = issuer;
        this.bootstrapServers = bootstrapServers;
    }

    /** The documents the clients were generated from are the ones the gateway serves, member for member. */
    void generatedFromTheServedDocuments(Path root) throws Exception {
        ObjectMapper json = new ObjectMapper();
        HttpClient http = HttpClient.newHttpClient();
        List<String> differences = new ArrayList<>();
        for (var api : new TreeMap<>(SERVICES).entrySet()) {
            HttpResponse<String> served = http.send(
                    HttpRequest.newBuilder(URI.create(
                                    "http://127.0.0.1:" + gatewayPort + "/openapi/" + api.getKey() + "?format=json"))
                            .timeout(Duration.ofSeconds(20))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, served.statusCode(), api.getKey());
            JsonNode generatedFrom = json.readTree(root.resolve(api.getValue())
                    .resolve("target/openapi/openapi.json")
                    .toFile());
            differences(api.getValue() + ":", generatedFrom, json.readTree(served.body()), differences);
        }
        assertEquals(
                List.of(),
                differences,
                "where the documents the build wrote (left) and the served ones (right) differ");
    }

    /** "pointer: left | right" for each member where {@code left} and {@code right} differ. */
    private static void differences(String at, JsonNode left, JsonNode right, List<String> out) {
        if (left.isObject() && right.isObject()) {
            Set<String> names = new TreeSet<>();
            left.fieldNames().forEachRemaining(names::add);
            right.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String member = at + "/" + name.replace("~", "~0").replace("/", "~1");
                if (!left.has(name) || !right.has(name)) {
                    out.add(member + ": " + left.get(name) + " | " + right.get(name));
                } else {
                    differences(member, left.get(name), right.get(name), out);
                }
            }
        } else if (left.isArray() && right.isArray() && left.size() == right.size()) {
            for (int i = 0; i < left.size(); i++) {
                differences(at + "/" + i, left.get(i), right.get(i), out);
            }
        } else if (!left.equals(right)) {
            out.add(at + ": " + left + " | " + right);
        }
    }

    /**
     * A verified organisation's project and a seller's rule on an item (¥1.00 a deal); a purchase of the item
     * becomes a donation of 100 fen on the project, in the buyer's donations and in their bill for the year.
     */
    void donation() throws Exception {
        String admin = token("admin-gc", "admin");
        String seller = "seller-gc-" + run;
        String buyer = "buyer-gc-" + run;
        String charity = "gc-" + run;

        var organisation = complete(new CharityOrganisationsApi(donation(admin))
                .organisationsIdPut(
                        charity,
                        new PutOrganisation().name("Generated Client Fund").verified(true)));
        assertEquals(charity, organisation.getId());
        assertEquals(true, organisation.getVerified());
        assertNotNull(organisation.getVerifiedAt());

        var made = new CharityProjectsApi(donation(admin))
                .projectsPostWithHttpInfo(new CreateProject()
                        .name("Books for Qinghai")
                        .charityId(charity)
                        .kind(CharityProjectKind.ONGOING));
        assertEquals(201, made.getStatusCode());
        ProjectView project = complete(made.getData());
        UUID projectId = project.getId();
        assertEquals(
                List.of("http://127.0.0.1:" + gatewayPort + "/api/donations/projects/" + projectId),
                made.getHeaders().get("location"));
        assertEquals("Books for Qinghai", project.getName());
        assertEquals(charity, project.getCharityId());
        assertEquals("ONGOING", project.getKind().getValue());
        assertNull(project.getDescription());
        assertNull(project.getTargetFen());
        assertNull(project.getProgressPercent());
        assertNull(project.getEndsAt());
        assertNull(project.getClosedAt());
        assertEquals(0L, project.getRaisedFen());
        assertEquals(0L, project.getDonationCount());
        assertEquals(true, project.getOpen());
        assertEquals(List.of(), project.getRegions());

        String item = "item-gc-" + run;
        RuleView rule = complete(new CharityRulesOnItemsApi(donation(token(seller, "seller")))
                .itemsItemIdCharityRulePut(
                        item,
                        new SetRule()
                                .projectId(projectId)
                                .type(ItemRuleResourceRuleChoice.FIXED)
                                .fixedFen(100L)));
        assertEquals(item, rule.getItemId());
        assertEquals(seller, rule.getSellerId());
        assertEquals(projectId, rule.getProjectId());
        assertEquals("FIXED", rule.getType().getValue());
        assertEquals(100L, rule.getFixedFen());
        assertNull(rule.getPercent());
        assertNull(rule.getProgramme(), "no programme runs on the project");

        // completed once the rule is in force (its time has microseconds; the event's, milliseconds)
        Instant completedAt = rule.getEffectiveFrom().toInstant().plusMillis(1).truncatedTo(ChronoUnit.MILLIS);
        String order = "order-gc-" + run;
        send(PurchaseLoad.cloudEvent(
                "commerce.orders",
                order,
                "{\"orderId\":\"" + order + "\",\"buyerId\":\"" + buyer + "\",\"sellerId\":\"" + seller
                        + "\",\"province\":\"Qinghai\",\"completedAt\":\"" + completedAt
                        + "\",\"lines\":[{\"itemId\":\"" + item + "\",\"quantity\":1,\"paidFen\":5000}]}",
                "commerce.purchase-completed",
                "generated-clients"));

        var projects = new CharityProjectsApi(donation(null));
        ProjectView raised = complete(await(
                "the donation on the project", () -> projects.projectsIdGet(projectId), p -> p.getRaisedFen() > 0));
        assertEquals(100L, raised.getRaisedFen());
        assertEquals(100L, raised.getDonatedFen());
        assertEquals(0L, raised.getReversedFen());
        assertEquals(1L, raised.getDonationCount());
        assertEquals(1L, raised.getDonorCount());

        String buyerToken = token(buyer, "buyer", "user");
        List<DonationView> donations = complete(new MyDonationsApi(donation(buyerToken)).meDonationsGet(null, null));
        assertEquals(1, donations.size(), donations.toString());
        DonationView donation = donations.getFirst();
        assertEquals(order, donation.getOrderId());
        assertEquals(item, donation.getItemId());
        assertEquals(projectId, donation.getProjectId());
        assertEquals(5000L, donation.getPaidFen());
        assertEquals(100L, donation.getAmountFen());
        assertEquals(completedAt, donation.getCompletedAt().toInstant());
        assertNull(donation.getReversedAt());
        assertNull(donation.getLuckyBagPoolId());

        int year = LocalDate.ofInstant(completedAt, CHINA).getYear();
        CharityBillView bill = complete(new TransparencyApi(donation(buyerToken)).meCharityBillGet(year));
        assertEquals(buyer, bill.getBuyerId());
        assertEquals(year, bill.getYear());
        assertEquals(1L, bill.getDonationCount());
        assertEquals(100L, bill.getDonatedFen());
        assertEquals(0L, bill.getReversedFen());
        assertEquals(100L, bill.getNetFen());
        assertEquals(0L, bill.getSponsoredFen());
        assertEquals(1, bill.getProjectCount());
        ProjectLineView line = bill.getProjects().getFirst();
        assertEquals(projectId, line.getProjectId());
        assertEquals("Books for Qinghai", line.getName());
        assertEquals(100L, line.getNetFen());
        assertNull(line.getBenefits(), "no programme bought anything with it");
    }

    /**
     * A metro ride of two days ago, reported by a partner app, becomes a ripe ball of 52 g (rule table version 1),
     * collected; the energy plants a tree of a species that takes 50 g, on a project's plot.
     */
    void forest() throws Exception {
        String walker = "walker-gc-" + run;
        String walkerToken = token(walker, "user");
        Instant rode = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        String ride = "metro-gc-" + run;
        send(PurchaseLoad.cloudEvent(
                "lowcarbon.actions",
                walker,
                "{\"userId\":\"" + walker + "\",\"actionType\":\"METRO_RIDE\",\"quantity\":1,\"occurredAt\":\"" + rode
                        + "\",\"sourceRef\":\"" + ride + "\"}",
                "lowcarbon.action-recorded",
                "generated-clients"));

        var energy = new MyEnergyApi(forest(walkerToken));
        EnergyView ripe = complete(
                await("the ride's ball", energy::meEnergyGet, e -> !e.getRipe().isEmpty()));
        assertEquals(walker, ripe.getUserId());
        assertEquals(List.of(), ripe.getPending());
        assertEquals(1, ripe.getRipe().size(), ripe.toString());
        BallView ball = ripe.getRipe().getFirst();
        assertEquals("ACTION", ball.getKind().getValue());
        assertEquals("METRO_RIDE", ball.getActionType());
        assertEquals(52L, ball.getGrams());
        assertNull(ball.getFromUser(), "the walker's own");
        assertNull(ball.getTakenByFriends());

        CollectedView collected = complete(energy.meBallsCollectPost());
        assertEquals(52L, collected.getGrams());
        assertEquals(1, collected.getBalls());
        assertEquals(52L, collected.getBalanceGrams());
        assertEquals(false, collected.getShieldItemEarned());

        List<ActionView> actions = complete(energy.meActionsGet(null, null));
        assertEquals(1, actions.size(), actions.toString());
        ActionView action = actions.getFirst();
        assertEquals("METRO_RIDE", action.getActionType());
        assertEquals(ride, action.getSourceRef());
        assertEquals(1L, action.getQuantity());
        assertEquals(rode, action.getOccurredAt().toInstant());
        assertEquals(1, action.getRuleVersion());
        assertEquals("CREDITED", action.getStatus().getValue());
        assertEquals(52L, action.getGrams());
        assertEquals(ball.getId(), action.getBallId());
        assertNull(action.getAmountFen());
        assertNull(action.getReason());

        String admin = token("admin-gc", "admin");
        String species = "GC" + run.toUpperCase();
        SpeciesView seedling = complete(new CatalogueApi(forest(admin))
                .speciesCodePut(
                        species,
                        new SpeciesInput().nameZh("试验苗").nameEn("Test seedling").energyGrams(50L)));
        assertEquals(species, seedling.getCode());
        assertEquals(50L, seedling.getEnergyGrams());
        var project = complete(new CatalogueApi(forest(admin))
                .plantingProjectsPost(new NewProject()
                        .name("Generated client grove")
                        .region("Kubuqi Desert, Inner Mongolia")
                        .speciesCode(species)
                        .stock(3)
                        .plots(List.of(new NewPlot()
                                .name("GC-1")
                                .latitude(new BigDecimal("40.35"))
                                .longitude(new BigDecimal("108.7"))))));
        assertNull(project.getPartner());
        assertEquals(0, project.getPlanted());
        assertEquals(3, project.getRemaining());

        MyTreeView tree = complete(
                new TreesAndLandApi(forest(walkerToken)).treesPost(new PlantRequest().projectId(project.getId())));
        assertTrue(tree.getCertificateNo().startsWith("GF-T-"), tree.getCertificateNo());
        assertEquals(species, tree.getSpeciesCode());
        assertEquals(project.getId(), tree.getProjectId());
        assertEquals("Generated client grove", tree.getProjectName());
        assertEquals("Kubuqi Desert, Inner Mongolia", tree.getRegion());
        assertEquals(project.getPlots().getFirst().getId(), tree.getPlotId());
        assertEquals("GC-1", tree.getPlotName());
        assertEquals(0, new BigDecimal("40.35").compareTo(tree.getLatitude()), tree.getLatitude() + "");
        assertEquals(50L, tree.getEnergyGrams());
        assertNull(tree.getSharedWith(), "planted alone");
        assertNull(tree.getLatestPhoto(), "no station has photographed the plot");

        EnergyView after = complete(energy.meEnergyGet());
        assertEquals(2L, after.getBalanceGrams());
        assertEquals(52L, after.getCollectedGrams());
        assertEquals(50L, after.getSpentGrams());
    }

    /**
     * A phone opted in near Lhasa; an officer publishes a missing child's case there, which reaches the phone and is
     * among the public alerts near it; a lead on the alert reaches the case's police, not yet handled.
     */
    void reunion() throws Exception {
        String agency = "gc-psb-" + run;
        String police = issuer.token("officer-gc", List.of("police"), Duration.ofMinutes(10), Map.of("org", agency));
        String reader = "reader-gc-" + run;
        String readerToken = token(reader, "user");

        DeviceView phone = complete(new DevicesApi(reunion(readerToken))
                .devicesPost(new Registration()
                        .platform(DevicePlatform.ANDROID)
                        .pushToken("fcm:gc-" + run)
                        .latitude(29.6612)
                        .longitude(91.1108)));
        assertEquals("ANDROID", phone.getPlatform().getValue());
        assertEquals(29.66, phone.getLatitude(), "kept to 0.01°");
        assertEquals(91.11, phone.getLongitude(), "kept to 0.01°");

        Instant lostAt = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
        var cases = new CasesPoliceApi(reunion(police));
        CaseView published = complete(cases.casesPost(new NewCase()
                .name("Tashi")
                .age(7)
                .sex(MissingCaseSex.MALE)
                .description("Red jacket")
                .latitude(29.65)
                .longitude(91.10)
                .lostAt(lostAt.atOffset(ZoneOffset.UTC))
                .contact("Lhasa PSB 110")));
        UUID caseId = published.getId();
        assertEquals(agency, published.getAgencyId());
        assertEquals("officer-gc", published.getOfficerId());
        assertEquals("MALE", published.getSex().getValue());
        assertEquals("PUBLISHED", published.getStatus().getValue());
        assertEquals(lostAt, published.getLostAt().toInstant());
        assertNull(published.getPhotoUrl());
        assertNull(published.getClosedAt());
        assertNull(published.getClosedBy());
        assertNull(published.getClosure());
        assertNull(published.getOutcome());

        CaseView reached = complete(
                await("the push to the phone", () -> cases.casesIdGet(caseId), c -> c.getDevicesReached() > 0));
        assertEquals(1L, reached.getDevicesReached());

        var alerts = new AlertsPublicApi(reunion(null));
        AlertView alert = complete(await(
                        "the alert near the phone, with the device it reached",
                        () -> alerts.alertsGet(29.6612, 91.1108),
                        list -> list.stream().anyMatch(a -> a.getCaseId().equals(caseId) && a.getDevicesReached() == 1))
                .stream()
                .filter(a -> a.getCaseId().equals(caseId))
                .findFirst()
                .orElseThrow());
        assertEquals("Tashi", alert.getName());
        assertEquals(7, alert.getAge());
        assertEquals("Red jacket", alert.getDescription());
        assertEquals("Lhasa PSB 110", alert.getContact());
        assertEquals("PUBLISHED", alert.getStatus().getValue());
        assertEquals(reached.getRadiusKm(), alert.getRadiusKm());
        assertNotNull(alert.getDistanceKm());
        assertNull(alert.getPhotoUrl());
        assertNull(alert.getClosure());
        assertNull(alert.getOutcome());

        LeadReceipt receipt = complete(new AlertsPublicApi(reunion(readerToken))
                .alertsIdLeadsPost(
                        caseId,
                        new NewLead()
                                .text("A boy in a red jacket at the Barkhor")
                                .latitude(29.65)
                                .longitude(91.13)));
        assertEquals(caseId, receipt.getCaseId());
        List<LeadView> leads = complete(cases.casesIdLeadsGet(caseId));
        assertEquals(1, leads.size(), leads.toString());
        LeadView lead = leads.getFirst();
        assertEquals(receipt.getId(), lead.getId());
        assertEquals(reader, lead.getAuthorId());
        assertEquals("A boy in a red jacket at the Barkhor", lead.getText());
        assertEquals(29.65, lead.getLatitude());
        assertNull(lead.getPhotoUrl());
        assertNull(lead.getHandling(), "not handled yet");
    }

    /**
     * A verified organisation's activity, starting in 20 minutes (check-in open); a volunteer signs up, is checked
     * in and out, the organisation verifies two hours; the volunteer's welfare time shows them, then the pledge.
     */
    void volunteer() throws Exception {
        String organisation = "gc-org-" + run;
        String volunteer = "volunteer-gc-" + run;
        String ngo =
                issuer.token("coordinator-gc", List.of("charity"), Duration.ofMinutes(10), Map.of("org", organisation));
        String volunteerToken = token(volunteer, "user");

        var verified = complete(new Class3HoursApi(volunteer(token("admin-gc", "admin")))
                .organisationsIdPut(
                        organisation,
                        new org.gongyi.deploy.client.volunteer.model.PutOrganisation()
                                .name("Lhasa River Volunteers")
                                .verified(true)));
        assertEquals(organisation, verified.getId());
        assertNotNull(verified.getVerifiedAt());

        OffsetDateTime startsAt =
                OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(20).truncatedTo(ChronoUnit.SECONDS);
        var organiser = new Class3HoursApi(volunteer(ngo));
        ActivityView activity = complete(organiser.activitiesPost(new NewActivity()
                .title("River clean-up")
                .place("Lhasa, Lhalu wetland")
                .startsAt(startsAt)
                .endsAt(startsAt.plusHours(3))
                .capacity(10)));
        UUID activityId = activity.getId();
        assertEquals(organisation, activity.getOrganisationId());
        assertEquals(startsAt.toInstant(), activity.getSignUpDeadline().toInstant(), "the deadline is the start");
        assertEquals(0, activity.getConfirmed());
        assertEquals(10, activity.getPlacesLeft());
        assertEquals("OPEN", activity.getStatus().getValue());
        assertEquals("OTHER", activity.getCategory().getValue());
        assertNull(activity.getDescription());
        assertNull(activity.getCity());
        assertNull(activity.getLatitude());
        assertNull(activity.getCheckInRadiusM(), "no place on the map");

        SignUpView signUp = complete(new Class3HoursApi(volunteer(volunteerToken)).activitiesIdSignUpsPost(activityId));
        assertEquals(volunteer, signUp.getUserId());
        assertEquals("CONFIRMED", signUp.getStatus().getValue());
        assertNotNull(signUp.getConfirmedAt());

        ServiceRecordView checkedIn =
                complete(organiser.activitiesIdAttendanceUserIdCheckInPost(activityId, volunteer, null));
        assertEquals("OPEN", checkedIn.getStatus().getValue());
        assertNull(checkedIn.getCheckedOutAt());
        assertNull(checkedIn.getMinutes());
        assertNull(checkedIn.getTenths());
        assertNull(checkedIn.getVerifiedAt());
        ServiceRecordView checkedOut =
                complete(organiser.activitiesIdAttendanceUserIdCheckOutPost(activityId, volunteer));
        assertEquals(checkedIn.getId(), checkedOut.getId());
        assertEquals("RECORDED", checkedOut.getStatus().getValue());
        assertEquals(0, checkedOut.getTenths(), "checked out at once");
        ServiceRecordView verifiedRecord = complete(organiser.serviceRecordsIdVerifyPost(checkedIn.getId(), 20));
        assertEquals("VERIFIED", verifiedRecord.getStatus().getValue());
        assertEquals(20, verifiedRecord.getTenths(), "corrected to two hours");
        assertNull(verifiedRecord.getDisputeReason());
        assertNotNull(verifiedRecord.getVerifiedAt());

        var mine = new Class3HoursApi(volunteer(volunteerToken));
        WelfareYearView year = complete(
                await("the verified hours credited", () -> mine.meWelfareTimeGet(null), y -> y.getTenths() > 0));
        assertEquals(20L, year.getTenths());
        assertEquals("2.0", year.getHours());
        assertEquals(30, year.getPledgeTenths());
        assertEquals(false, year.getPledgeReached());
        assertNull(year.getPledgedAt(), "no pledge taken");
        assertEquals(Map.of("OFFLINE_SERVICE", 20L), year.getBySource());
        CreditView credit = year.getLatest().getFirst();
        assertEquals("OFFLINE_SERVICE", credit.getSource());
        assertEquals(checkedIn.getId().toString(), credit.getSourceRef());
        assertEquals(20, credit.getTenths());

        PledgeView pledge = complete(mine.mePledgePut());
        assertEquals(year.getYear(), pledge.getYear());
        assertEquals(
                pledge.getPledgedAt(), complete(mine.meWelfareTimeGet(null)).getPledgedAt());
    }

    private org.gongyi.deploy.client.donation.ApiClient donation(String token) {
        var c = new org.gongyi.deploy.client.donation.ApiClient();
        c.setObjectMapper(strict(org.gongyi.deploy.client.donation.ApiClient.createDefaultObjectMapper()));
        c.setScheme("http").setHost("127.0.0.1").setPort(gatewayPort);
        c.setReadTimeout(Duration.ofSeconds(20));
        return c.setRequestInterceptor(b -> authorize(b, token));
    }

    private org.gongyi.deploy.client.forest.ApiClient forest(String token) {
        var c = new org.gongyi.deploy.client.forest.ApiClient();
        c.setObjectMapper(strict(org.gongyi.deploy.client.forest.ApiClient.createDefaultObjectMapper()));
        c.setScheme("http").setHost("127.0.0.1").setPort(gatewayPort);
        c.setReadTimeout(Duration.ofSeconds(20));
        return c.setRequestInterceptor(b -> authorize(b, token));
    }

    private org.gongyi.deploy.client.reunion.ApiClient reunion(String token) {
        var c = new org.gongyi.deploy.client.reunion.ApiClient();
        c.setObjectMapper(strict(org.gongyi.deploy.client.reunion.ApiClient.createDefaultObjectMapper()));
        c.setScheme("http").setHost("127.0.0.1").setPort(gatewayPort);
        c.setReadTimeout(Duration.ofSeconds(20));
        return c.setRequestInterceptor(b -> authorize(b, token));
    }

    private org.gongyi.deploy.client.volunteer.ApiClient volunteer(String token) {
        var c = new org.gongyi.deploy.client.volunteer.ApiClient();
        c.setObjectMapper(strict(org.gongyi.deploy.client.volunteer.ApiClient.createDefaultObjectMapper()));
        c.setScheme("http").setHost("127.0.0.1").setPort(gatewayPort);
        c.setReadTimeout(Duration.ofSeconds(20));
        return c.setRequestInterceptor(b -> authorize(b, token));
    }

    /** The generated mapper, but a field the document does not name fails instead of being dropped. */
    private static ObjectMapper strict(ObjectMapper generated) {
        return generated.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private static void authorize(HttpRequest.Builder request, String token) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
    }

    private String token(String subject, String... roles) {
        return issuer.token(subject, List.of(roles), Duration.ofMinutes(10));
    }

    private void send(ProducerRecord<String, String> event) throws Exception {
        try (KafkaProducer<String, String> kafka = Purchases.producer(bootstrapServers)) {
            kafka.send(event).get(30, TimeUnit.SECONDS);
        }
    }

    /** Reads until {@code done} holds of the answer (60 s at most): what an event leads to shows a moment later. */
    private static <T> T await(String what, Callable<T> read, Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        T answer = read.call();
        while (!done.test(answer)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " never showed: " + answer);
            }
            Thread.sleep(250);
            answer = read.call();
        }
        return answer;
    }

    /**
     * {@code answer} with every field its document says is always there (required and not nullable: the generated
     * getter is {@code @Nonnull}) present, in it and in the models it holds.
     */
    static <T> T complete(T answer) throws Exception {
        assertNotNull(answer, "no answer");
        complete(answer, answer.getClass().getSimpleName());
        return answer;
    }

    private static void complete(Object value, String path) throws Exception {
        if (value instanceof Collection<?> values) {
            int i = 0;
            for (Object v : values) {
                complete(v, path + "[" + i++ + "]");
            }
        } else if (value instanceof Map<?, ?> values) {
            for (var e : values.entrySet()) {
                complete(e.getValue(), path + "." + e.getKey());
            }
        } else if (value != null
                && !(value instanceof Enum<?>)
                && value.getClass().getPackageName().startsWith("org.gongyi.deploy.client.")) {
            for (Method getter : value.getClass().getMethods()) {
                if (getter.getName().startsWith("get") && getter.getParameterCount() == 0) {
                    String field = path + "." + getter.getName().substring(3);
                    if (getter.isAnnotationPresent(Nonnull.class)) {
                        Object v = getter.invoke(value);
                        assertNotNull(v, field + " is required and not nullable, but the answer has none");
                        complete(v, field);
                    } else if (getter.isAnnotationPresent(Nullable.class)) {
                        complete(getter.invoke(value), field);
                    }
                }
            }
        }
    }
}
