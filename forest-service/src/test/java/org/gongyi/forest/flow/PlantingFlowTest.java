package org.gongyi.forest.flow;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.gongyi.events.EventCodec;
import org.gongyi.events.EventType;
import org.gongyi.events.Topic;
import org.gongyi.events.contract.CoPlantingInvited;
import org.gongyi.events.contract.TreePlanted;
import org.gongyi.infra.test.AuditReplays;
import org.gongyi.infra.test.CertificatePdfs;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.gongyi.infra.test.KafkaTestClient;
import org.gongyi.infra.test.Parallel;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.IntFunction;

import static io.restassured.RestAssured.given;
import static org.gongyi.forest.Fixtures.bearer;
import static org.gongyi.forest.Fixtures.grant;
import static org.gongyi.infra.test.ServiceDb.count;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Spending energy on trees and land, against the real database (and the real broker for tree-planted). */
@QuarkusTest
@WithTestResource(value = GongyiTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "forest"))
class PlantingFlowTest {

    static final String ADMIN = "Bearer " + GongyiTestInfrastructure.bearer("root", "admin");
    static final long SAXAUL = 17_900;

    private static String user() {
        return "planter-" + UUID.randomUUID();
    }

    /** A project of the species with its stock and two plots; returns its id. */
    static String project(String species, int stock) {
        return given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        "Alxa " + species + " " + UUID.randomUUID(),
                        "region",
                        "Alxa League, Inner Mongolia",
                        "speciesCode",
                        species,
                        "partner",
                        "SEE Foundation",
                        "stock",
                        stock,
                        "plots",
                        List.of(
                                Map.of("name", "A1", "latitude", 38.85, "longitude", 105.7),
                                Map.of("name", "A2", "latitude", 38.86, "longitude", 105.71))))
                .post("/planting-projects")
                .then()
                .statusCode(201)
                .body("remaining", equalTo(stock))
                .body("plots", hasSize(2))
                .extract()
                .path("id");
    }

    static long balance(String user) throws Exception {
        return count("select coalesce(max(balance_grams), 0) from energy_account where user_id = ?", user);
    }

    @Test
    void plantingSpendsTheSpeciesCostAssignsAPlotAndAUniqueCertificate() throws Exception {
        String u = user();
        String project = project("SAXAUL", 10);
        grant(u, 40_000);
        String trace = UUID.randomUUID().toString().replace("-", "");
        String first = given().header("Authorization", bearer(u))
                .contentType(ContentType.JSON)
                .header("traceparent", "00-" + trace + "-b7ad6b7169203331-00")
                .body(Map.of("projectId", project))
                .post("/trees")
                .then()
                .statusCode(201)
                .body("certificateNo", matchesPattern("GF-T-\\d{4}-\\d{10}"))
                .body("speciesCode", equalTo("SAXAUL"))
                .body("speciesName", equalTo("梭梭"))
                .body("energyGrams", equalTo(17_900))
                .extract()
                .path("certificateNo");
        given().header("Authorization", bearer(u))
                .contentType(ContentType.JSON)
                .body(Map.of("projectId", project))
                .post("/trees")
                .then()
                .statusCode(201);
        assertEquals(40_000 - 2 * SAXAUL, balance(u));
        given().header("Authorization", bearer(u))
                .contentType(ContentType.JSON)
                .body(Map.of("projectId", project))
                .post("/trees")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", equalTo("Not enough energy: a 梭梭 (Saxaul) costs 17900 g, your balance is 4200 g"));
        assertEquals(4_200, balance(u));

        // two trees, one on each plot (the emptier plot first), with distinct certificates
        List<Map<String, Object>> trees = given().header("Authorization", bearer(u))
                .get("/me/trees")
                .then()
                .statusCode(200)
                .body("", hasSize(2))
                .extract()
                .jsonPath()
                .getList("");
        assertEquals(2, trees.stream().map(t -> t.get("plotId")).distinct().count());
        assertEquals(
                2, trees.stream().map(t -> t.get("certificateNo")).distinct().count());
        given().get("/planting-projects/{id}", project)
                .then()
                .body("planted", equalTo(2))
                .body("remaining", equalTo(8));
        given().header("Authorization", bearer(user()))
                .get("/me/trees")
                .then()
                .statusCode(200)
                .body("", hasSize(0));

        // the planting left through the outbox as forest.tree-planted
        List<ConsumerRecord<String, String>> read = KafkaTestClient.readUntil(
                Topic.FOREST_EVENTS.topicName(),
                Duration.ofSeconds(20),
                rs -> rs.stream().anyMatch(r -> r.value().contains(first)));
        ConsumerRecord<String, String> r =
                read.stream().filter(x -> x.value().contains(first)).findFirst().orElseThrow();
        assertEquals("forest.tree-planted", KafkaTestClient.header(r, "ce_type"));
        assertEquals(u, r.key());
        // in the trace of the request that planted it (W3C traceparent in, the relay's publish span out)
        assertTrue(
                KafkaTestClient.header(r, "traceparent").matches("00-" + trace + "-[0-9a-f]{16}-0[01]"),
                KafkaTestClient.header(r, "traceparent"));
        TreePlanted event = (TreePlanted) EventCodec.get().decode(EventType.TREE_PLANTED, r.value());
        assertEquals(SAXAUL, event.energyGrams());
        assertEquals(project, event.projectId());
        assertEquals("Alxa League, Inner Mongolia", event.region());
        // the history: every tree at the minute it was planted, by species, as the trees themselves say
        JsonPath history = given().queryParam("by", "MINUTE")
                .get("/totals/history")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        String since = history.getString("from");
        assertEquals(
                count("select count(*) from tree where planted_at >= cast(? as timestamptz)", since),
                history.getList("points.trees", Integer.class).stream()
                        .mapToLong(Integer::longValue)
                        .sum());
        assertEquals(
                count(
                        "select count(*) from tree where species_code = 'SAXAUL' and planted_at >= cast(? as timestamptz)",
                        since),
                history.getList("points.treesBySpecies.SAXAUL", Integer.class).stream()
                        .filter(Objects::nonNull)
                        .mapToLong(Integer::longValue)
                        .sum());
        assertTrue(
                history.getList("points.trees", Integer.class).stream()
                                .mapToLong(Integer::longValue)
                                .sum()
                        >= 2,
                history.prettify());
    }

    /** 200 requests at once on one balance worth 7 trees: exactly 7 succeed, the balance never goes negative. */
    @Test
    void concurrentPlantingOnOneBalancePlantsExactlyWhatItPaysFor() throws Exception {
        String u = user();
        String project = project("SAXAUL", 1_000);
        grant(u, 7 * SAXAUL + 5_000);
        List<Integer> statuses = parallelPosts(200, i -> u, "/trees", "{\"projectId\":\"" + project + "\"}");
        assertEquals(7, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(193, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        assertEquals(5_000, balance(u));
        assertEquals(7 * SAXAUL, count("select spent_grams from energy_account where user_id = ?", u));
        assertEquals(7, count("select count(*) from tree_owner where user_id = ?", u));
        assertEquals(
                7,
                count(
                        "select count(distinct t.certificate_no) from tree t join tree_owner o "
                                + "on o.tree_id = t.id where o.user_id = ?",
                        u));
        assertEquals(7, count("select planted from planting_project where id = cast(? as uuid)", project));
    }

    /** More buyers than stock, all at once: the stock is never exceeded and the losers keep their energy. */
    @Test
    void aProjectNeverPlantsMoreThanItsStock() throws Exception {
        String project = project("SAND_WILLOW", 3);
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            users.add(user());
            grant(users.get(i), 20_000);
        }
        List<Integer> statuses = parallelPosts(12, users::get, "/trees", "{\"projectId\":\"" + project + "\"}");
        assertEquals(3, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(9, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        assertEquals(3, count("select planted from planting_project where id = cast(? as uuid)", project));
        assertEquals(3, count("select count(*) from tree where project_id = cast(? as uuid)", project));
        List<String> losers = new ArrayList<>();
        for (String u : users) {
            if (balance(u) == 20_000) {
                losers.add(u);
            }
        }
        assertEquals(9, losers.size(), "those who did not get a tree keep their energy");
        given().header("Authorization", bearer(losers.get(0)))
                .contentType(ContentType.JSON)
                .body(Map.of("projectId", project))
                .post("/trees")
                .then()
                .statusCode(409)
                .body("detail", Matchers.endsWith("has planted all 3 of its trees"));
    }

    @Test
    void aTreeOwnerSeesTheLatestPhotoOfItsPlot() throws Exception {
        String u = user();
        String project = project("TAMARISK", 5);
        grant(u, 22_400);
        Map<String, Object> tree = given().header("Authorization", bearer(u))
                .contentType(ContentType.JSON)
                .body(Map.of("projectId", project))
                .post("/trees")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getMap("");
        String cert = (String) tree.get("certificateNo");
        given().header("Authorization", bearer(u))
                .get("/me/trees/{c}/photo", cert)
                .then()
                .statusCode(404)
                .body("detail", startsWith("No station has photographed"));

        String station = given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of("plotId", tree.get("plotId"), "name", "Station 7"))
                .post("/stations")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        for (String at : List.of("2026-05-01T00:00:00Z", "2026-05-03T00:00:00Z", "2026-05-02T00:00:00Z")) {
            given().header("Authorization", ADMIN)
                    .contentType(ContentType.JSON)
                    .body(Map.of("takenAt", at, "imageUrl", "https://img.example.org/" + at + ".jpg"))
                    .post("/stations/{id}/photos", station)
                    .then()
                    .statusCode(201);
        }
        given().header("Authorization", bearer(u))
                .get("/me/trees/{c}/photo", cert)
                .then()
                .statusCode(200)
                .body("takenAt", equalTo("2026-05-03T00:00:00Z"))
                .body("imageUrl", equalTo("https://img.example.org/2026-05-03T00:00:00Z.jpg"));
        given().header("Authorization", bearer(u))
                .get("/me/trees")
                .then()
                .body("latestPhoto.takenAt", contains("2026-05-03T00:00:00Z"));
        // not someone else's tree
        given().header("Authorization", bearer(user()))
                .get("/me/trees/{c}/photo", cert)
                .then()
                .statusCode(404);
        // a photo must have an http(s) URL
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of("takenAt", "2026-05-03T00:00:00Z", "imageUrl", "javascript:alert(1)"))
                .post("/stations/{id}/photos", station)
                .then()
                .statusCode(400);
    }

    @Test
    void landIsClaimedByTheSquareMetreUpToTheAreaAndCountyPlotsOnce() throws Exception {
        String u = user();
        String other = user();
        grant(u, 5_000);
        grant(other, 100_000);
        String area = given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Qilian Mountains", "region", "Gansu", "sizeM2", 100, "priceGramsPerM2", 100))
                .post("/protected-areas")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().header("Authorization", bearer(u))
                .contentType(ContentType.JSON)
                .body(Map.of("m2", 30))
                .post("/protected-areas/{id}/claims", area)
                .then()
                .statusCode(201)
                .body("m2", equalTo(30))
                .body("energyGrams", equalTo(3_000))
                .body("certificateNo", matchesPattern("GF-A-\\d{4}-\\d{10}"));
        assertEquals(2_000, balance(u));
        given().header("Authorization", bearer(u))
                .contentType(ContentType.JSON)
                .body(Map.of("m2", 30))
                .post("/protected-areas/{id}/claims", area)
                .then()
                .statusCode(409);
        given().header("Authorization", bearer(other))
                .contentType(ContentType.JSON)
                .body(Map.of("m2", 80))
                .post("/protected-areas/{id}/claims", area)
                .then()
                .statusCode(409)
                .body("detail", equalTo("Qilian Mountains has only 70 m² left to claim"));
        assertEquals(100_000, balance(other));
        given().header("Authorization", bearer(other))
                .contentType(ContentType.JSON)
                .body(Map.of("m2", 70))
                .post("/protected-areas/{id}/claims", area)
                .then()
                .statusCode(201);
        given().get("/protected-areas").then().body("find { it.id == '" + area + "' }.remainingM2", equalTo(0));

        String plot = given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of("county", "Lankao County", "name", "Plot 12", "sizeM2", 666, "priceGrams", 1_000))
                .post("/county-plots")
                .then()
                .statusCode(201)
                .body("claimed", equalTo(false))
                .extract()
                .path("id");
        given().header("Authorization", bearer(u))
                .post("/county-plots/{id}/claim", plot)
                .then()
                .statusCode(200)
                .body("certificateNo", matchesPattern("GF-C-\\d{4}-\\d{10}"));
        given().header("Authorization", bearer(other))
                .post("/county-plots/{id}/claim", plot)
                .then()
                .statusCode(409);
        assertEquals(1_000, balance(u));
        given().header("Authorization", bearer(u))
                .get("/me/land")
                .then()
                .statusCode(200)
                .body("protectedAreas.m2", contains(30))
                .body("countyPlots.name", contains("Plot 12"));
        given().get("/county-plots?unclaimed=true").then().body("id", Matchers.not(Matchers.hasItem(plot)));

        Map<String, Object> totals = given().get("/totals")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("");
        assertTrue(((Number) totals.get("protectedM2")).longValue() >= 100, totals.toString());
        assertTrue(((Number) totals.get("countyPlotsClaimed")).longValue() >= 1, totals.toString());
        assertEquals(count("select sum(planted) from planting_project"), ((Number) totals.get("trees")).longValue());
    }

    @Test
    void twoFriendsCoPlantATreeEachPayingHalf() throws Exception {
        String a = user();
        String b = user();
        String project = project("TAMARISK", 5);
        FriendFlowTest.befriend(a, b);
        grant(a, 11_200);
        grant(b, 5_000);
        String invitation = given().header("Authorization", bearer(a))
                .contentType(ContentType.JSON)
                .body(Map.of("projectId", project, "partnerId", b))
                .post("/co-plantings")
                .then()
                .statusCode(201)
                .body("status", equalTo("PENDING"))
                .body("initiatorGrams", equalTo(11_200))
                .body("partnerGrams", equalTo(11_200))
                .extract()
                .path("id");
        // the partner's phone is told (for the push gateway), through the outbox
        List<String> told = org.gongyi.infra.test.ServiceDb.strings(
                "select payload from outbox_event where ce_type = 'forest.co-planting-invited' and partition_key = ?",
                b);
        assertEquals(1, told.size());
        CoPlantingInvited invited =
                (CoPlantingInvited) EventCodec.get().decode(EventType.CO_PLANTING_INVITED, told.get(0));
        assertEquals(
                new CoPlantingInvited(invitation, b, a, project, invited.projectName(), 11_200, invited.invitedAt()),
                invited);
        assertTrue(invited.projectName().startsWith("Alxa TAMARISK "), invited.projectName());
        // only the partner can accept; b cannot pay yet: nothing happens and the invitation stays open
        given().header("Authorization", bearer(a))
                .post("/co-plantings/{id}/accept", invitation)
                .then()
                .statusCode(404);
        given().header("Authorization", bearer(b))
                .post("/co-plantings/{id}/accept", invitation)
                .then()
                .statusCode(409)
                .body(
                        "detail",
                        equalTo("Not enough energy: half a 红柳 (Tamarisk) costs 11200 g, your balance is 5000 g"));
        assertEquals(11_200, balance(a));
        given().header("Authorization", bearer(b))
                .get("/me/co-plantings")
                .then()
                .body("status", contains("PENDING"));
        grant(b, 7_000);
        String cert = given().header("Authorization", bearer(b))
                .post("/co-plantings/{id}/accept", invitation)
                .then()
                .statusCode(200)
                .body("energyGrams", equalTo(11_200))
                .body("sharedWith", equalTo(a))
                .extract()
                .path("certificateNo");
        assertEquals(0, balance(a));
        // anyone holding the certificate's number can check it: the tree, never who holds it
        String checked = given().get("/certificates/trees/{n}", cert)
                .then()
                .statusCode(200)
                .body("certificateNo", equalTo(cert))
                .body("speciesCode", equalTo("TAMARISK"))
                .body("region", equalTo("Alxa League, Inner Mongolia"))
                .body("owners", equalTo(2))
                .extract()
                .asString();
        assertTrue(!checked.contains(a) && !checked.contains(b), checked);
        given().get("/certificates/trees/{n}", "GF-T-1999-0000000000")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        // the certificate to keep: a PDF any reader opens, saying what the check says, its QR code the page to check it
        JsonPath tree = JsonPath.from(checked);
        byte[] pdf = given().get("/certificates/trees/{n}/pdf", cert)
                .then()
                .statusCode(200)
                .contentType("application/pdf")
                .header("Content-Disposition", "attachment; filename=\"" + cert + ".pdf\"")
                .extract()
                .asByteArray();
        CertificatePdfs.Opened opened = CertificatePdfs.open(pdf);
        assertEquals(1, opened.pages());
        assertEquals("植树证书 · Tree Certificate " + cert, opened.title());
        assertEquals("http://localhost:8080/certificates/" + cert, opened.qrCode());
        String planted = LocalDateTime.ofInstant(Instant.parse(tree.getString("plantedAt")), ZoneId.of("Asia/Shanghai"))
                .truncatedTo(ChronoUnit.MINUTES)
                .toString()
                .replace('T', ' ');
        // (the project's long test name wraps after a hyphen)
        assertEquals(
                String.join(
                        "\n",
                        "蚂蚁森林 · Green Forest",
                        "植树证书 · Tree Certificate",
                        "树种 · Species 红柳 · Tamarisk",
                        "项目 · Project " + tree.getString("projectName"),
                        "地区 · Region Alxa League, Inner Mongolia",
                        "地块 · Plot " + tree.getString("plotName"),
                        "种下时间 · Planted " + planted + " 北京时间 · China time",
                        "种树人 · Planted by 2 人合种 · 2 people, co-planted",
                        "证书编号 · Certificate No. " + cert,
                        "扫码或打开此链接核验证书 · Scan, or open this address, to verify:",
                        "http://localhost:8080/certificates/" + cert),
                String.join("\n", opened.lines()).replace("-\n", "-"));
        given().get("/certificates/trees/{n}/pdf", "GF-T-1999-0000000000")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        assertEquals(800, balance(b));
        given().header("Authorization", bearer(a))
                .get("/me/trees")
                .then()
                .body("certificateNo", contains(cert))
                .body("sharedWith", contains(b));
        given().header("Authorization", bearer(b))
                .post("/co-plantings/{id}/accept", invitation)
                .then()
                .statusCode(409);
        given().header("Authorization", bearer(a))
                .post("/co-plantings/{id}/withdraw", invitation)
                .then()
                .statusCode(409);
        assertEquals(1, count("select planted from planting_project where id = cast(? as uuid)", project));
        // one tree-planted event per owner, with what each paid
        List<ConsumerRecord<String, String>> read = KafkaTestClient.readUntil(
                Topic.FOREST_EVENTS.topicName(),
                Duration.ofSeconds(20),
                rs -> rs.stream().filter(r -> r.value().contains(cert)).count() >= 2);
        assertEquals(
                List.of(a, b),
                read.stream()
                        .filter(r -> r.value().contains(cert))
                        .map(ConsumerRecord::key)
                        .sorted(Comparator.comparing(k -> k.equals(a) ? 0 : 1))
                        .toList());
        // an auditor's replay checks each owner's share against its published event
        AuditReplays.assertFindsOnlyARowAlteredByHand(
                "update tree_owner set energy_grams = energy_grams + 1 where user_id = '" + b + "'",
                "update tree_owner set energy_grams = energy_grams - 1 where user_id = '" + b + "'",
                Map.of("trees from published events", Map.of("certificate_no", cert, "user_id", b)));

        // a declined invitation costs nothing; co-planting needs a friend
        String other = given().header("Authorization", bearer(a))
                .contentType(ContentType.JSON)
                .body(Map.of("projectId", project, "partnerId", b))
                .post("/co-plantings")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().header("Authorization", bearer(b))
                .post("/co-plantings/{id}/withdraw", other)
                .then()
                .statusCode(200)
                .body("status", equalTo("DECLINED"));
        given().header("Authorization", bearer(a))
                .contentType(ContentType.JSON)
                .body(Map.of("projectId", project, "partnerId", user()))
                .post("/co-plantings")
                .then()
                .statusCode(403);
    }

    /** {@code n} POSTs at once (one per caller index), returning their statuses (each a success or a 409). */
    static List<Integer> parallelPosts(int n, IntFunction<String> userOf, String path, String body) {
        List<Integer> statuses = new ArrayList<>();
        for (HttpResponse<String> r :
                Parallel.posts(n, i -> bearer(userOf.apply(i)), path, body.isEmpty() ? null : body)) {
            statuses.add(r.statusCode());
            assertTrue(
                    r.statusCode() == 200 || r.statusCode() == 201 || r.statusCode() == 409,
                    r.statusCode() + " " + r.body());
        }
        return statuses;
    }
}
