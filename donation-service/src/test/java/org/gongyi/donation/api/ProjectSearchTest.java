package org.gongyi.donation.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.gongyi.donation.Fixtures;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Finding projects (issue #33): by name (contains, any case, the text taken literally), category and a region their
 * aid goes to, each alone and together, paged in creation order — exact at the edges. Every name starts with this
 * run's marker so other tests' projects never match.
 */
@QuarkusTest
@WithTestResource(value = GongyiTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "donation"))
class ProjectSearchTest {

    static final String ADMIN = "Bearer " + GongyiTestInfrastructure.bearer("admin-1", "admin");
    static final String M = "m" + UUID.randomUUID().toString().substring(0, 8);

    private static boolean created;

    /** The run's projects, once (the application is up only from the first test on). */
    @BeforeEach
    synchronized void projects() {
        if (created) {
            return;
        }
        created = true;
        Fixtures.verifiedOrganisations("search-charity");
        create(M + " Clean Water for Gansu", "HEALTH", List.of("Gansu"));
        create(M + " clean water schools", "EDUCATION", List.of("Yunnan", "Gansu"));
        create(M + " Forest 100%", "ENVIRONMENT", List.of("Inner Mongolia"));
        create(M + " Books_x", "EDUCATION", List.of());
        create(M + " 乡村教师", "EDUCATION", List.of("甘肃"));
    }

    static void create(String name, String category, List<String> regions) {
        Map<String, Object> body = new HashMap<>(
                Map.of("name", name, "charityId", "search-charity", "kind", "ONGOING", "category", category));
        body.put("regions", regions);
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/projects")
                .then()
                .statusCode(201);
    }

    static List<String> found(Map<String, Object> query) {
        return given().queryParams(query)
                .get("/projects")
                .then()
                .statusCode(200)
                .extract()
                .path("name");
    }

    static String n(String suffix) {
        return M + " " + suffix;
    }

    @Test
    void byNameContainingInAnyCaseTakenLiterally() {
        assertEquals(List.of(n("Clean Water for Gansu"), n("clean water schools")), found(Map.of("q", M + " CLEAN")));
        // anywhere in the name: other tests' projects may match too, this run's is one of them
        assertEquals(
                List.of(n("clean water schools")),
                found(Map.of("q", "WATER SCHOOLS", "size", 200)).stream()
                        .filter(name -> name.startsWith(M))
                        .toList());
        assertEquals(List.of(n("Forest 100%")), found(Map.of("q", M + " forest 100%")));
        assertEquals(List.of(), found(Map.of("q", M + " forest 1%0")), "% is a character, not a wildcard");
        assertEquals(List.of(n("Books_x")), found(Map.of("q", M + " books_")));
        assertEquals(List.of(), found(Map.of("q", M + " book_x")), "_ is a character, not a wildcard");
        assertEquals(List.of(n("乡村教师")), found(Map.of("q", M + " 乡村")));
    }

    @Test
    void byCategoryAndRegionAloneAndTogether() {
        assertEquals(
                List.of(n("clean water schools"), n("Books_x"), n("乡村教师")),
                found(Map.of("q", M, "category", "EDUCATION")));
        assertEquals(
                List.of(n("Clean Water for Gansu"), n("clean water schools"), n("乡村教师")),
                found(Map.of("q", M, "region", "Gansu")));
        assertEquals(found(Map.of("q", M, "region", "Gansu")), found(Map.of("q", M, "region", "甘肃")));
        assertEquals(
                List.of(n("clean water schools"), n("乡村教师")),
                found(Map.of("q", M, "category", "EDUCATION", "region", "Gansu")));
        assertEquals(List.of(), found(Map.of("q", M, "category", "ANIMALS")));
        given().queryParam("category", "ENVIRONMENT")
                .get("/projects")
                .then()
                .statusCode(200)
                .body("category", everyItem(equalTo("ENVIRONMENT")));
    }

    @Test
    void anEmptySearchBoxFindsEverything() {
        assertEquals(found(Map.of("size", 7)), found(Map.of("q", "  ", "size", 7)));
    }

    @Test
    void pagedInCreationOrder() {
        assertEquals(
                List.of(n("Clean Water for Gansu"), n("clean water schools")),
                found(Map.of("q", M, "size", 2, "page", 0)));
        assertEquals(List.of(n("Forest 100%"), n("Books_x")), found(Map.of("q", M, "size", 2, "page", 1)));
        assertEquals(List.of(n("乡村教师")), found(Map.of("q", M, "size", 2, "page", 2)));
        assertEquals(List.of(), found(Map.of("q", M, "size", 2, "page", 3)));
    }

    @Test
    void badSearchesAreClearProblems() {
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("region", "Atlantis"),
                Map.of("category", "FOO"),
                Map.of("q", "x".repeat(101)),
                Map.of("size", 0))) {
            given().queryParams(bad)
                    .get("/projects")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("status", equalTo(400));
        }
    }
}
