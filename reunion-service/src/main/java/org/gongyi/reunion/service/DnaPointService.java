package org.gongyi.reunion.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Sql;
import org.gongyi.reunion.persistence.DnaPoint;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.gongyi.common.persistence.Sql.utc;

/** Free police DNA collection points, searched by distance (GiST index). */
@ApplicationScoped
public class DnaPointService {

    private final Clock clock;

    public DnaPointService(Clock clock) {
        this.clock = clock;
    }

    public record Near(DnaPoint point, double distanceKm) {
    }

    @WithTransaction
    public Uni<DnaPoint> create(String name, String address, String phone, String hours, double lat, double lon) {
        UUID id = UUID.randomUUID();
        return Sql.exec("insert into dna_point (id, name, address, phone, opening_hours, latitude, longitude, pos, "
                                + "created_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ll_to_earth(?6, ?7), ?8)",
                        id, name, address, phone, hours, lat, lon, utc(clock.instant()))
                .chain(() -> DnaPoint.<DnaPoint>findById(id));
    }

    @WithSession
    public Uni<List<Near>> near(double lat, double lon, double radiusKm, int limit) {
        return Sql.rows("select cast(id as text), earth_distance(ll_to_earth(?1, ?2), pos) / 1000 from dna_point "
                                + "where earth_box(ll_to_earth(?1, ?2), ?3) @> pos "
                                + "and earth_distance(ll_to_earth(?1, ?2), pos) <= ?3 order by 2 limit ?4",
                        r -> new Object[]{UUID.fromString((String) r[0]), ((Number) r[1]).doubleValue()},
                        lat, lon, radiusKm * 1000, limit)
                .chain(rows -> rows.isEmpty() ? Uni.createFrom().item(List.<Near>of())
                        : DnaPoint.<DnaPoint>list("id in ?1", rows.stream().map(r -> (UUID) r[0]).toList())
                        .map(points -> {
                            Map<UUID, DnaPoint> byId = new HashMap<>();
                            points.forEach(p -> byId.put(p.id, p));
                            List<Near> out = new ArrayList<>();
                            rows.forEach(r -> out.add(new Near(byId.get((UUID) r[0]), (Double) r[1])));
                            return out;
                        }));
    }
}
