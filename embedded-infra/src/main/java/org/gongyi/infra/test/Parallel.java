package org.gongyi.infra.test;

import io.restassured.RestAssured;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

/** Many requests at once against the service under test, to prove what holds under concurrency. */
public final class Parallel {
    private Parallel() {}

    /** {@code n} POSTs of {@code jsonBody} (none when null) sent together, request {@code i} authorised by its token. */
    public static List<HttpResponse<String>> posts(int n, IntFunction<String> bearerOf, String path, String jsonBody) {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            HttpClient http = HttpClient.newBuilder().executor(pool).build();
            URI uri = URI.create("http://localhost:" + RestAssured.port + path);
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                HttpRequest.Builder r = HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(120))
                        .header("Authorization", bearerOf.apply(i));
                r = jsonBody == null
                        ? r.POST(HttpRequest.BodyPublishers.noBody())
                        : r.header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(jsonBody));
                calls.add(http.sendAsync(r.build(), HttpResponse.BodyHandlers.ofString()));
            }
            return calls.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdown();
        }
    }
}
