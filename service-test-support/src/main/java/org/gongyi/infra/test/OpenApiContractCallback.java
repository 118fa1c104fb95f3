package org.gongyi.infra.test;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;

/**
 * Puts {@link OpenApiContractCheck} in front of every REST Assured call of a {@code @QuarkusTest} when the module's
 * tests run with {@code gongyi.openapi.contract-check} set ({@code fail} or {@code report}).
 */
public final class OpenApiContractCallback implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        String mode = System.getProperty(OpenApiContractCheck.PROPERTY);
        if (mode == null || mode.isBlank()) {
            return;
        }
        if (RestAssured.filters().stream().noneMatch(OpenApiContractCheck.class::isInstance)) {
            RestAssured.filters(new OpenApiContractCheck(!"report".equals(mode)));
        }
    }
}
