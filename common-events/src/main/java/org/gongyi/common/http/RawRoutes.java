package org.gongyi.common.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.function.Function;

/**
 * The raw service limit of the HTTP benchmark (deploy/bench-http.sh): a bare Vert.x route under {@code /raw/…} that
 * makes the same service call as a hot read and writes its view with the same JSON mapper — no REST layer, no token
 * check, no validation, no problem mapping. What the framework costs is the difference between the two in one run.
 * Only when {@code gongyi.bench.raw-routes=true} (GONGYI_BENCH_RAW_ROUTES): never in production.
 */
public final class RawRoutes {

    private RawRoutes() {}

    /**
     * Adds {@code GET path} ({@code :name} a path parameter) answering 200 with {@code read}'s item as JSON (404 when
     * it is null, 500 on failure). Behind the gateway the request's path carries its prefix ({@code /api/<service>},
     * from X-Forwarded-Prefix), which the route accepts too.
     */
    public static void get(Router router, String path, ObjectMapper json, Function<RoutingContext, Uni<?>> read) {
        String regex = "^(?:/api/[^/]+)?" + path.replaceAll(":(\\w+)", "(?<$1>[^/]+)") + "$";
        router.getWithRegex(regex)
                .handler(ctx -> read.apply(ctx)
                        .subscribe()
                        .with(
                                item -> {
                                    if (item == null) {
                                        ctx.response().setStatusCode(404).end();
                                        return;
                                    }
                                    try {
                                        ctx.response()
                                                .putHeader("Content-Type", "application/json")
                                                .end(json.writeValueAsString(item));
                                    } catch (Exception e) {
                                        ctx.fail(e);
                                    }
                                },
                                ctx::fail));
    }
}
