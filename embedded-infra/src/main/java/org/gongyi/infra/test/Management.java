package org.gongyi.infra.test;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A service's management interface in a {@code @QuarkusTest}: health and metrics answer on a port of their own
 * ({@code quarkus.management.test-port=0}: a free one, which the running application reports), never on the API port.
 */
public final class Management {
    private Management() {}

    /** The port the management interface listens on. */
    public static int port() {
        return ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
    }

    /** A request to the management interface. */
    public static RequestSpecification given() {
        return RestAssured.given().port(port());
    }

    /** The Prometheus exposition ({@code /q/metrics}). */
    public static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
