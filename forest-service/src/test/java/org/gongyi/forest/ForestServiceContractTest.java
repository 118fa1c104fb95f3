package org.gongyi.forest;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.gongyi.infra.test.ServiceBootContract;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

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
            return c.role() != null && USERS.contains(c.role()) ? Fixtures.ripeBall(c.subject(), 10) : UUID.randomUUID().toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected List<Row> rows() {
        return List.of(
                Row.open("GET", "/energy-rules", 200, c -> c.request().get("/energy-rules")),
                Row.roles("POST", "/energy-rules", Set.of("admin"), 201, c -> c.request().contentType("application/json")
                        .body(Map.of("rules", RestAssured.get("/energy-rules").jsonPath().getList("rules")))
                        .post("/energy-rules")),
                Row.roles("GET", "/me/energy", USERS, 200, c -> c.request().get("/me/energy")),
                Row.roles("GET", "/me/actions", USERS, 200, c -> c.request().get("/me/actions")),
                Row.roles("POST", "/me/balls/{ballId}/collect", USERS, 200,
                        c -> c.request().post("/me/balls/{id}/collect", ballOf(c))),
                Row.roles("POST", "/me/balls/collect", USERS, 200, c -> c.request().post("/me/balls/collect")));
    }
}
