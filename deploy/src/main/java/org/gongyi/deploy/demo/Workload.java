package org.gongyi.deploy.demo;

import com.fasterxml.jackson.databind.JsonNode;
import org.gongyi.infra.DevTokenIssuer;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Real work for a platform without traffic, straight to the services (no gateway needed): the demo's seeding and its
 * stream for a while (purchases and refunds, low-carbon actions, sign-ups and check-ins, a missing child published,
 * widened and found, leads, friends collecting energy and planting trees, settlements buying the programmes' benefits,
 * the campaign's lucky bags funded and opened),
 * then the reads users make most — a project's progress, one's energy balance, the alerts near a point, activities,
 * the live report's totals and programmes. The AOT caches are trained on it ({@code org.gongyi.deploy.aot.AotTraining})
 * and the footprint is measured after it ({@code deploy/bench-footprint.sh}).
 */
public final class Workload {

    /** What was sent: HTTP requests and Kafka events. */
    public record Done(long requests, long events, Duration took) {
        public long total() {
            return requests + events;
        }
    }

    private Workload() {}

    /**
     * The demo for {@code length} at {@code rate} events a second and then {@code atOnce} events at once
     * ({@link Demo#thenAtOnce}), then every hot read {@code reads} times.
     */
    public static Done run(
            Map<String, Integer> portsByGatewayName,
            String bootstrap,
            DevTokenIssuer issuer,
            double rate,
            Duration length,
            int atOnce,
            int reads,
            PrintStream out)
            throws Exception {
        long t0 = System.nanoTime();
        Demo.Summary demo = Demo.straightToServices(portsByGatewayName, bootstrap, issuer, rate, length, out)
                .thenAtOnce(atOnce)
                .run();
        Api api = new Api(Api.straightToServices(portsByGatewayName));
        String user = issuer.token("demo-walker-1", List.of("user"), Duration.ofHours(1));
        JsonNode projects = api.get("/api/donations/projects?size=10");
        List<String> paths = List.of(
                "/api/donations/projects/" + projects.path(0).path("id").asText(),
                "/api/donations/projects?size=10",
                "/api/donations/totals",
                "/api/donations/programmes",
                "/api/forest/totals",
                "/api/reunion/alerts?lat=34.80&lon=113.60",
                "/api/reunion/statistics",
                "/api/volunteer/activities",
                "/api/volunteer/totals");
        for (int i = 0; i < reads; i++) {
            for (String path : paths) {
                api.get(path);
            }
            api.expect("GET", "/api/forest/me/energy", user, null);
        }
        return new Done(demo.requests() + api.calls(), demo.events(), Duration.ofNanos(System.nanoTime() - t0));
    }
}
