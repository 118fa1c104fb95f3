package org.gongyi.infra.test;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.gongyi.infra.DevTokenIssuer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The authorization matrix of one service, from one table: for every endpoint and every caller (no token, an
 * expired token, a token signed by another key, forged tokens — unsigned, HMAC keyed with the public key, another
 * issuer, another audience —, and each role) the expected status. An endpoint in the OpenAPI
 * document without a row (or a row without an endpoint) fails the build; so does a {@code 201} whose
 * {@code Location} its creator cannot follow.
 */
public abstract class AuthorizationMatrixContract {

    public static final List<String> ROLES =
            List.of("buyer", "user", "seller", "charity", "police", "guardian", "auditor", "admin");

    /** Who calls: {@code role} is null for the callers without a valid token. */
    public record Caller(String name, String role, String token) {
        public String subject() {
            return "matrix-" + name;
        }

        /** A request with this caller's credentials. */
        public RequestSpecification request() {
            RequestSpecification spec = RestAssured.given();
            return token == null ? spec : spec.header("Authorization", "Bearer " + token);
        }
    }

    /**
     * One row: {@code method} and {@code path} as in the OpenAPI document; {@code allowed} roles (empty when
     * {@code publicRead}); {@code call} performs a valid request as the caller (setting up whatever it needs);
     * an allowed caller gets {@code okStatus}.
     */
    public record Row(
            String method,
            String path,
            boolean publicRead,
            Set<String> allowed,
            int okStatus,
            Function<Caller, Response> call) {
        public static Row open(String method, String path, int okStatus, Function<Caller, Response> call) {
            return new Row(method, path, true, Set.of(), okStatus, call);
        }

        public static Row roles(
                String method, String path, Set<String> allowed, int okStatus, Function<Caller, Response> call) {
            return new Row(method, path, false, allowed, okStatus, call);
        }

        String key() {
            return method.toUpperCase() + " " + path;
        }
    }

    /** The table. */
    protected abstract List<Row> rows();

    /** The rows checked: the service's own table and any every service shares. */
    protected List<Row> allRows() {
        return rows();
    }

    /** The organisation claim given to every role's token. */
    public static final String ORG = "matrix-org";

    public static List<Caller> callers() {
        DevTokenIssuer tokens = EmbeddedTestInfrastructure.tokens();
        List<Caller> callers = new ArrayList<>();
        callers.add(new Caller("anonymous", null, null));
        callers.add(new Caller("expired", null, tokens.expiredToken("matrix-expired", ROLES)));
        callers.add(new Caller(
                "foreign-key", null, DevTokenIssuer.generate().token("matrix-foreign", ROLES, Duration.ofHours(1))));
        // forged tokens with every role: unsigned, HMAC keyed with the public key, another issuer, another audience
        for (DevTokenIssuer.Forgery forgery : DevTokenIssuer.Forgery.values()) {
            String name = forgery.name().toLowerCase(Locale.ROOT).replace('_', '-');
            callers.add(new Caller(name, null, tokens.forged(forgery, "matrix-" + name, ROLES)));
        }
        for (String role : ROLES) {
            callers.add(new Caller(
                    role,
                    role,
                    tokens.token("matrix-" + role, List.of(role), Duration.ofHours(1), Map.of("org", ORG))));
        }
        return callers;
    }

    @Test
    public void everyEndpointHasExactlyOneRow() {
        JsonPath openapi = RestAssured.given()
                .queryParam("format", "json")
                .get("/q/openapi")
                .jsonPath();
        Map<String, Map<String, Object>> paths = openapi.getMap("paths");
        Set<String> endpoints = new TreeSet<>();
        if (paths != null) {
            paths.forEach((path, ops) -> ops.keySet().stream()
                    .filter(m -> Set.of("get", "put", "post", "delete", "patch").contains(m))
                    .forEach(m -> endpoints.add(m.toUpperCase() + " " + path)));
        }
        Set<String> table = new TreeSet<>();
        allRows().forEach(r -> assertTrue(table.add(r.key()), "two rows for " + r.key()));
        assertEquals(endpoints, table, "endpoints (left) and matrix rows (right) differ");
    }

    @Test
    public void everyCallerGetsTheExpectedStatus() {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Row row : allRows()) {
            for (Caller caller : callers()) {
                int expected = expected(row, caller);
                Response response = row.call().apply(caller);
                checked++;
                int actual = response.statusCode();
                if (actual != expected) {
                    wrong.add(row.key() + " as " + caller.name() + ": expected " + expected + ", got " + actual + " "
                            + response.asString());
                } else if (actual >= 400
                        && !String.valueOf(response.contentType()).startsWith("application/problem+json")) {
                    wrong.add(row.key() + " as " + caller.name() + ": " + actual + " without problem+json");
                } else if (actual == 201) {
                    String location = createdLocation(caller, response);
                    if (location != null) {
                        wrong.add(row.key() + " as " + caller.name() + ": " + location);
                    }
                }
            }
        }
        assertEquals(List.of(), wrong, "of " + checked + " checks");
    }

    /**
     * What is wrong with a 201's {@code Location}, or null: it must name where the new resource is read, answering
     * its creator 200 (or 403 where others read it, as the police read a lead).
     */
    private static String createdLocation(Caller caller, Response created) {
        String location = created.header("Location");
        if (location == null) {
            return "201 without Location";
        }
        int read = caller.request().urlEncodingEnabled(false).get(location).statusCode(); // as sent
        return read == 200 || read == 403 ? null : "its Location " + location + " answered " + read;
    }

    private static int expected(Row row, Caller caller) {
        if (row.publicRead()) {
            return row.okStatus();
        }
        if (caller.role() == null) {
            return 401;
        }
        return row.allowed().contains(caller.role()) ? row.okStatus() : 403;
    }
}
