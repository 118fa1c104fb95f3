package org.gongyi.donation;

import io.restassured.http.ContentType;
import org.gongyi.infra.test.GongyiTestInfrastructure;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static io.restassured.RestAssured.given;

/** Shared test data: verified organisations exist before projects are created for them. */
public final class Fixtures {
    private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();

    private Fixtures() {}

    public static void verifiedOrganisations(String... ids) {
        for (String id : ids) {
            if (KNOWN.add(id)) {
                given().header("Authorization", "Bearer " + GongyiTestInfrastructure.bearer("root", "admin"))
                        .contentType(ContentType.JSON)
                        .body(Map.of("name", "Org " + id, "verified", true))
                        .put("/organisations/{id}", id)
                        .then()
                        .statusCode(200);
            }
        }
    }
}
