package org.gongyi.common.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * A request whose declared body is over {@code quarkus.http.limits.max-body-size} is refused before anything reads
 * it, with the same problem+json shape as every other error (the HTTP layer would answer an empty 413).
 */
@ApplicationScoped
public class HttpFailureProblems {

    private final long maxBodyBytes;

    public HttpFailureProblems(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> max) {
        this.maxBodyBytes = max.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::refuseOversized);
    }

    private void refuseOversized(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        long declared;
        try {
            declared = length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            declared = -1;
        }
        if (declared <= maxBodyBytes) {
            ctx.next();
            return;
        }
        JsonObject problem = new JsonObject()
                .put("type", "about:blank")
                .put("title", "Content Too Large")
                .put("status", 413)
                .put("detail", "The request body is larger than the " + maxBodyBytes + " bytes this service accepts.")
                .put("instance", ctx.request().path());
        ctx.response()
                .setStatusCode(413)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Connection", "close")
                .end(problem.encode());
    }
}
