package org.gongyi.forest;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.gongyi.infra.test.ServiceBootContract;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;

@QuarkusTest
@WithTestResource(value = GongyiTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "forest"))
class ForestServiceContractTest extends ServiceBootContract {

    private static final Set<String> USERS = Set.of("buyer", "user");

    @Override
    protected String schema() {
        return "forest";
    }

    private static String ballOf(Caller c) {
        try {
            return c.role() != null && USERS.contains(c.role())
                    ? Fixtures.ripeBall(c.subject(), 10)
                    : UUID.randomUUID().toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String ADMIN = "Bearer " + GongyiTestInfrastructure.bearer("root", "admin");
    private static String project;
    private static String plot;
    private static String area;

    /** A planting project (with a plot) and a protected area the rows use. */
    private static synchronized void fixtures() {
        if (project == null) {
            project = given().header("Authorization", ADMIN)
                    .contentType(ContentType.JSON)
                    .body(Map.of(
                            "name",
                            "Matrix project",
                            "region",
                            "Alxa",
                            "speciesCode",
                            "SAXAUL",
                            "stock",
                            10_000,
                            "plots",
                            List.of(Map.of("name", "M1"))))
                    .post("/planting-projects")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            plot = given().get("/planting-projects/{id}", project)
                    .then()
                    .extract()
                    .path("plots[0].id");
            area = given().header("Authorization", ADMIN)
                    .contentType(ContentType.JSON)
                    .body(Map.of("name", "Matrix area", "region", "Gansu", "sizeM2", 1_000_000, "priceGramsPerM2", 1))
                    .post("/protected-areas")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
        }
    }

    private static String station() {
        fixtures();
        return station(plot);
    }

    private static String station(String plotId) {
        return given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of("plotId", plotId, "name", "Matrix station"))
                .post("/stations")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static String countyPlot() {
        return given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of("county", "Matrix county", "name", "P", "sizeM2", 10, "priceGrams", 5))
                .post("/county-plots")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static String photo(String station) {
        return given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of("takenAt", "2026-01-01T00:00:00Z", "imageUrl", "https://img.example.org/p.jpg"))
                .post("/stations/{id}/photos", station)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static String certificate;

    /** A tree certificate someone holds, for anyone to check. */
    private static synchronized String certificate() {
        if (certificate == null) {
            fixtures();
            String owner = "matrix-certificate-owner";
            try {
                org.gongyi.forest.Fixtures.grant(owner, 17_900);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            certificate = given().header("Authorization", org.gongyi.forest.Fixtures.bearer(owner))
                    .contentType(ContentType.JSON)
                    .body(Map.of("projectId", project))
                    .post("/trees")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("certificateNo");
        }
        return certificate;
    }

    /** A tree of the caller's (any certificate for callers who cannot plant). */
    private static String tree(Caller c) {
        if (!user(c)) {
            return "GF-T-2026-0000000000";
        }
        fund(c, 17_900);
        return c.request()
                .contentType(ContentType.JSON)
                .body(Map.of("projectId", project))
                .post("/trees")
                .then()
                .statusCode(201)
                .extract()
                .path("certificateNo");
    }

    /** Energy for a caller who may spend it (set-up only). */
    private static void fund(Caller c, long grams) {
        fixtures();
        if (c.role() != null && USERS.contains(c.role())) {
            try {
                Fixtures.grant(c.subject(), grams);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A certificate of the caller's with a photo of its plot (any certificate for other callers). */
    private static String photographedTree(Caller c) {
        if (c.role() == null || !USERS.contains(c.role())) {
            return "GF-T-2026-0000000000";
        }
        fund(c, 17_900);
        Map<String, Object> tree = c.request()
                .contentType(ContentType.JSON)
                .body(Map.of("projectId", project))
                .post("/trees")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getMap("");
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of("takenAt", "2026-01-01T00:00:00Z", "imageUrl", "https://img.example.org/m.jpg"))
                .post("/stations/{id}/photos", station((String) tree.get("plotId")))
                .then()
                .statusCode(201);
        return (String) tree.get("certificateNo");
    }

    private static boolean user(Caller c) {
        return c.role() != null && USERS.contains(c.role());
    }

    /** A new friend of the caller's (for callers who may have friends; any id for the others). */
    private static String pal(Caller c) {
        String pal = "matrix-pal-" + UUID.randomUUID();
        if (user(c)) {
            c.request().put("/me/friends/{f}", pal).then().statusCode(200);
            given().header("Authorization", Fixtures.bearer(pal))
                    .put("/me/friends/{f}", c.subject())
                    .then()
                    .statusCode(200);
        }
        return pal;
    }

    /** A pending co-planting invitation to the caller from a new friend (funded for the tree); any id otherwise. */
    private static String invitationTo(Caller c, long grams) {
        if (!user(c)) {
            return UUID.randomUUID().toString();
        }
        fixtures();
        String pal = pal(c);
        fund(c, grams);
        try {
            Fixtures.grant(pal, grams);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return given().header("Authorization", Fixtures.bearer(pal))
                .contentType(ContentType.JSON)
                .body(Map.of("projectId", project, "partnerId", c.subject()))
                .post("/co-plantings")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static void shieldItem(Caller c) {
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of("userId", c.subject(), "items", 1, "hours", 1))
                .post("/shield-items")
                .then()
                .statusCode(200);
    }

    @Override
    protected List<Row> rows() {
        return List.of(
                Row.open("GET", "/energy-rules", 200, c -> c.request().get("/energy-rules")),
                Row.roles(
                        "POST",
                        "/energy-rules",
                        Set.of("admin"),
                        201,
                        c -> c.request()
                                .contentType("application/json")
                                .body(Map.of(
                                        "rules",
                                        RestAssured.get("/energy-rules")
                                                .jsonPath()
                                                .getList("rules")))
                                .post("/energy-rules")),
                Row.roles("GET", "/me/energy", USERS, 200, c -> c.request().get("/me/energy")),
                Row.roles("GET", "/me/actions", USERS, 200, c -> c.request().get("/me/actions")),
                Row.roles(
                        "POST",
                        "/me/balls/{ballId}/collect",
                        USERS,
                        200,
                        c -> c.request().post("/me/balls/{id}/collect", ballOf(c))),
                Row.roles(
                        "POST",
                        "/me/balls/collect",
                        USERS,
                        200,
                        c -> c.request().post("/me/balls/collect")),
                Row.open("GET", "/species", 200, c -> c.request().get("/species")),
                Row.roles(
                        "PUT",
                        "/species/{code}",
                        Set.of("admin"),
                        200,
                        c -> c.request()
                                .contentType(ContentType.JSON)
                                .body(Map.of("nameZh", "樟子松", "nameEn", "Mongolian pine", "energyGrams", 146_210))
                                .put("/species/{code}", "MONGOLIAN_PINE")),
                Row.open("GET", "/planting-projects", 200, c -> c.request().get("/planting-projects")),
                Row.open("GET", "/planting-projects/{id}", 200, c -> {
                    fixtures();
                    return c.request().get("/planting-projects/{id}", project);
                }),
                Row.roles(
                        "POST",
                        "/planting-projects",
                        Set.of("admin"),
                        201,
                        c -> c.request()
                                .contentType(ContentType.JSON)
                                .body(Map.of(
                                        "name",
                                        "By " + c.name(),
                                        "region",
                                        "Alxa",
                                        "speciesCode",
                                        "SAXAUL",
                                        "stock",
                                        5,
                                        "plots",
                                        List.of(Map.of("name", "P1"))))
                                .post("/planting-projects")),
                Row.roles("POST", "/planting-projects/{id}/plots", Set.of("admin"), 201, c -> {
                    fixtures();
                    return c.request()
                            .contentType(ContentType.JSON)
                            .body(Map.of("name", "Extra"))
                            .post("/planting-projects/{id}/plots", project);
                }),
                Row.open("GET", "/protected-areas", 200, c -> c.request().get("/protected-areas")),
                Row.open("GET", "/protected-areas/{id}", 200, c -> {
                    fixtures();
                    return c.request().get("/protected-areas/{id}", area);
                }),
                Row.open("GET", "/planting-projects/{id}/plots/{plot}", 200, c -> {
                    fixtures();
                    return c.request().get("/planting-projects/{id}/plots/{plot}", project, plot);
                }),
                Row.open("GET", "/stations/{id}", 200, c -> c.request().get("/stations/{id}", station())),
                Row.open("GET", "/stations/{id}/photos/{photo}", 200, c -> {
                    String station = station();
                    return c.request().get("/stations/{id}/photos/{photo}", station, photo(station));
                }),
                Row.roles(
                        "POST",
                        "/protected-areas",
                        Set.of("admin"),
                        201,
                        c -> c.request()
                                .contentType(ContentType.JSON)
                                .body(Map.of("name", "A", "region", "R", "sizeM2", 10, "priceGramsPerM2", 3))
                                .post("/protected-areas")),
                Row.open("GET", "/county-plots", 200, c -> c.request().get("/county-plots")),
                Row.open("GET", "/county-plots/{id}", 200, c -> c.request().get("/county-plots/{id}", countyPlot())),
                Row.roles(
                        "POST",
                        "/county-plots",
                        Set.of("admin"),
                        201,
                        c -> c.request()
                                .contentType(ContentType.JSON)
                                .body(Map.of("county", "C", "name", "P", "sizeM2", 10, "priceGrams", 5))
                                .post("/county-plots")),
                Row.roles("POST", "/stations", Set.of("admin"), 201, c -> {
                    fixtures();
                    return c.request()
                            .contentType(ContentType.JSON)
                            .body(Map.of("plotId", plot, "name", "S"))
                            .post("/stations");
                }),
                Row.roles(
                        "POST",
                        "/stations/{id}/photos",
                        Set.of("admin"),
                        201,
                        c -> c.request()
                                .contentType(ContentType.JSON)
                                .body(Map.of(
                                        "takenAt", "2026-01-01T00:00:00Z", "imageUrl", "https://img.example.org/s.jpg"))
                                .post("/stations/{id}/photos", station())),
                Row.open("GET", "/totals", 200, c -> c.request().get("/totals")),
                Row.open("GET", "/totals/history", 200, c -> c.request().get("/totals/history")),
                Row.roles("POST", "/trees", USERS, 201, c -> {
                    fund(c, 17_900);
                    return c.request()
                            .contentType(ContentType.JSON)
                            .body(Map.of("projectId", project))
                            .post("/trees");
                }),
                Row.roles("GET", "/me/trees", USERS, 200, c -> c.request().get("/me/trees")),
                Row.open(
                        "GET",
                        "/certificates/trees/{certificateNo}",
                        200,
                        c -> c.request().get("/certificates/trees/{n}", certificate())),
                Row.open(
                        "GET",
                        "/certificates/trees/{certificateNo}/pdf",
                        200,
                        c -> c.request().get("/certificates/trees/{n}/pdf", certificate())),
                Row.roles(
                        "GET",
                        "/me/trees/{certificateNo}",
                        USERS,
                        200,
                        c -> c.request().get("/me/trees/{c}", tree(c))),
                Row.roles("GET", "/me/trees/{certificateNo}/photo", USERS, 200, c -> {
                    fixtures();
                    return c.request().get("/me/trees/{c}/photo", photographedTree(c));
                }),
                Row.roles("POST", "/protected-areas/{id}/claims", USERS, 201, c -> {
                    fund(c, 10);
                    return c.request()
                            .contentType(ContentType.JSON)
                            .body(Map.of("m2", 10))
                            .post("/protected-areas/{id}/claims", area);
                }),
                Row.roles("POST", "/county-plots/{id}/claim", USERS, 200, c -> {
                    fund(c, 5);
                    return c.request().post("/county-plots/{id}/claim", countyPlot());
                }),
                Row.roles("GET", "/me/land", USERS, 200, c -> c.request().get("/me/land")),
                Row.roles("POST", "/co-plantings", USERS, 201, c -> {
                    fixtures();
                    return c.request()
                            .contentType(ContentType.JSON)
                            .body(Map.of("projectId", project, "partnerId", pal(c)))
                            .post("/co-plantings");
                }),
                Row.roles(
                        "GET", "/me/co-plantings", USERS, 200, c -> c.request().get("/me/co-plantings")),
                Row.roles(
                        "GET",
                        "/co-plantings/{id}",
                        USERS,
                        200,
                        c -> c.request().get("/co-plantings/{id}", invitationTo(c, 0))),
                Row.roles(
                        "POST",
                        "/co-plantings/{id}/accept",
                        USERS,
                        200,
                        c -> c.request().post("/co-plantings/{id}/accept", invitationTo(c, 20_000))),
                Row.roles(
                        "POST",
                        "/co-plantings/{id}/withdraw",
                        USERS,
                        200,
                        c -> c.request().post("/co-plantings/{id}/withdraw", invitationTo(c, 0))),
                Row.roles("GET", "/me/friends", USERS, 200, c -> c.request().get("/me/friends")),
                Row.roles("GET", "/me/leaderboard", USERS, 200, c -> c.request().get("/me/leaderboard")),
                Row.roles("GET", "/me/feed", USERS, 200, c -> c.request().get("/me/feed")),
                Row.roles(
                        "PUT",
                        "/me/friends/{friendId}",
                        USERS,
                        200,
                        c -> c.request().put("/me/friends/{f}", "matrix-someone")),
                Row.roles(
                        "DELETE",
                        "/me/friends/{friendId}",
                        USERS,
                        204,
                        c -> c.request().delete("/me/friends/{f}", pal(c))),
                Row.roles(
                        "GET",
                        "/friends/{friendId}/energy",
                        USERS,
                        200,
                        c -> c.request().get("/friends/{f}/energy", pal(c))),
                Row.roles("POST", "/friends/{friendId}/balls/{ballId}/collect", USERS, 200, c -> {
                    String pal = pal(c);
                    try {
                        return c.request().post("/friends/{f}/balls/{b}/collect", pal, Fixtures.ripeBall(pal, 100));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }),
                Row.roles("POST", "/friends/{friendId}/water", USERS, 200, c -> {
                    fund(c, 10);
                    return c.request().post("/friends/{f}/water", pal(c));
                }),
                Row.roles("GET", "/me/shield", USERS, 200, c -> c.request().get("/me/shield")),
                Row.roles("POST", "/me/shield", USERS, 200, c -> {
                    shieldItem(c);
                    return c.request().post("/me/shield");
                }),
                Row.roles(
                        "POST",
                        "/shield-items",
                        Set.of("admin"),
                        200,
                        c -> c.request()
                                .contentType(ContentType.JSON)
                                .body(Map.of("userId", "matrix-shielded", "items", 1, "hours", 24))
                                .post("/shield-items")));
    }
}
