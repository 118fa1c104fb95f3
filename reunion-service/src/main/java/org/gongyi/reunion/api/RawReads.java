package org.gongyi.reunion.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gongyi.common.http.RawRoutes;
import org.gongyi.reunion.api.CaseDtos.AlertView;
import org.gongyi.reunion.domain.GridCell;
import org.gongyi.reunion.service.AlertPusher;
import org.gongyi.reunion.service.CaseService;

import java.util.Map;
import java.util.UUID;

/**
 * The benchmarks' raw routes (see {@link RawRoutes}): the alerts near a point (the same service call as the hot read, no
 * framework), and the devices a push of a case reads in a ring, counted alone (the fan-out benchmark's reference).
 */
@ApplicationScoped
public class RawReads {

    void routes(
            @Observes Router router,
            CaseService cases,
            AlertPusher pusher,
            ObjectMapper json,
            @ConfigProperty(name = "gongyi.bench.raw-routes", defaultValue = "false") boolean on) {
        if (on) {
            RawRoutes.get(
                    router,
                    "/raw/alerts",
                    json,
                    ctx -> cases.nearCell(GridCell.of(
                                    Double.parseDouble(ctx.queryParam("lat").getFirst()),
                                    Double.parseDouble(ctx.queryParam("lon").getFirst())))
                            .map(l -> l.stream().map(AlertView::near).toList()));
            RawRoutes.get(
                    router,
                    "/raw/cases/:id/devices-in-ring",
                    json,
                    ctx -> pusher.devicesInRing(
                                    UUID.fromString(ctx.pathParam("id")),
                                    Integer.parseInt(ctx.queryParam("fromKm").getFirst()),
                                    Integer.parseInt(ctx.queryParam("toKm").getFirst()))
                            .map(n -> n == null ? null : Map.of("devices", n)));
        }
    }
}
