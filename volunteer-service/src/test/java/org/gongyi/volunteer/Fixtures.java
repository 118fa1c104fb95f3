package org.gongyi.volunteer;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.gongyi.infra.test.GongyiTestInfrastructure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

import static io.restassured.RestAssured.given;

/** Test helpers: tokens, verified organisations, activities, many requests at once. */
public final class Fixtures {
    private static final Set<String> VERIFIED = ConcurrentHashMap.newKeySet();

    private Fixtures() {
    }

    public static final String ADMIN = "Bearer " + GongyiTestInfrastructure.bearer("root", "admin");

    public static String user(String subject) {
        return "Bearer " + GongyiTestInfrastructure.bearer(subject, "user");
    }

    public static String charity(String subject, String org) {
        return "Bearer " + GongyiTestInfrastructure.tokens().token(subject, List.of("charity"), Duration.ofHours(1),
                Map.of("org", org));
    }

    public static void verified(String org) {
        if (VERIFIED.add(org)) {
            given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                    .body(Map.of("name", "Org " + org, "verified", true)).put("/organisations/{id}", org)
                    .then().statusCode(200);
        }
    }

    /** An activity of the organisation starting in {@code startsIn}, with the capacity; returns its id. */
    public static String activity(String org, int capacity, Instant now, Duration startsIn) {
        verified(org);
        Instant start = now.plus(startsIn);
        return given().header("Authorization", charity("coordinator-" + org, org)).contentType(ContentType.JSON)
                .body(Map.of("title", "Beach clean-up", "place", "Xiamen, Huandao Rd", "startsAt", start.toString(),
                        "endsAt", start.plus(Duration.ofHours(3)).toString(),
                        "signUpDeadline", start.minus(Duration.ofHours(1)).toString(), "capacity", capacity))
                .post("/activities").then().statusCode(201).extract().path("id");
    }

    /** {@code n} POSTs at once (one per caller index); returns their statuses and bodies. */
    public static List<HttpResponse<String>> parallelPosts(int n, IntFunction<String> tokenOf, String path) {
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(32)).build();
        URI uri = URI.create("http://localhost:" + RestAssured.port + path);
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(http.sendAsync(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120))
                    .header("Authorization", tokenOf.apply(i)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        return calls.stream().map(CompletableFuture::join).toList();
    }
}
