package org.gongyi.forest.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gongyi.common.http.RawRoutes;
import org.gongyi.forest.api.EnergyDtos.EnergyView;
import org.gongyi.forest.service.BallService;

/**
 * The benchmark's raw route for a person's energy (see {@link RawRoutes}): the same service call, no framework — and
 * so no token: the person is in the path.
 */
@ApplicationScoped
public class RawReads {

    void routes(
            @Observes Router router,
            BallService balls,
            ObjectMapper json,
            @ConfigProperty(name = "gongyi.bench.raw-routes", defaultValue = "false") boolean on) {
        if (on) {
            RawRoutes.get(
                    router,
                    "/raw/energy/:user",
                    json,
                    ctx -> balls.energy(ctx.pathParam("user")).map(EnergyView::of));
        }
    }
}
