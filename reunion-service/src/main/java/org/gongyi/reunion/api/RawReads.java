package org.gongyi.reunion.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gongyi.common.http.RawRoutes;
import org.gongyi.reunion.api.CaseDtos.AlertView;
import org.gongyi.reunion.domain.GridCell;
import org.gongyi.reunion.service.CaseService;

/** The benchmark's raw route for the alerts near a point (see {@link RawRoutes}): the same service call, no framework. */
@ApplicationScoped
public class RawReads {

    void routes(
            @Observes Router router,
            CaseService cases,
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
        }
    }
}
