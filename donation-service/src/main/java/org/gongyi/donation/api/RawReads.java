package org.gongyi.donation.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gongyi.common.http.RawRoutes;
import org.gongyi.donation.api.ProjectDtos.ProjectView;
import org.gongyi.donation.service.ProjectService;

import java.time.Clock;
import java.util.UUID;

/** The benchmark's raw route for a project's progress (see {@link RawRoutes}): the same service call, no framework. */
@ApplicationScoped
public class RawReads {

    void routes(
            @Observes Router router,
            ProjectService projects,
            Clock clock,
            ObjectMapper json,
            @ConfigProperty(name = "gongyi.bench.raw-routes", defaultValue = "false") boolean on) {
        if (on) {
            RawRoutes.get(
                    router,
                    "/raw/projects/:id",
                    json,
                    ctx -> projects.get(UUID.fromString(ctx.pathParam("id")))
                            .map(p -> ProjectView.of(p, clock.instant())));
        }
    }
}
