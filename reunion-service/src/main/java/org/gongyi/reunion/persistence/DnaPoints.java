package org.gongyi.reunion.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** DNA collection points, searched by distance (GiST index on {@code pos}). */
@ApplicationScoped
public class DnaPoints {

    public record Near(DnaPoint point, double distanceKm) {
        static Near from(Row row) {
            return new Near(DnaPoint.from(row), row.getDouble("distance_km"));
        }
    }

    private static final String CREATE = """
            insert into dna_point (id, name, address, phone, opening_hours, latitude, longitude, pos, created_at)
            values ($1, $2, $3, $4, $5, $6, $7, ll_to_earth($6, $7), $8)
            returning %s
            """.formatted(DnaPoint.COLUMNS);
    /** The points within {@code $3} m of the point, nearest first. */
    private static final String NEAR = """
            select %s, earth_distance(ll_to_earth($1, $2), pos) / 1000 as distance_km
            from dna_point
            where earth_box(ll_to_earth($1, $2), $3) @> pos and earth_distance(ll_to_earth($1, $2), pos) <= $3
            order by distance_km limit $4
            """.formatted(DnaPoint.COLUMNS);

    private static final String BY_ID = """
            select %s from dna_point where id = $1
            """.formatted(DnaPoint.COLUMNS);

    private final Db db;

    public DnaPoints(Db db) {
        this.db = db;
    }

    public Uni<DnaPoint> create(
            UUID id, String name, String address, String phone, String hours, double lat, double lon, Instant now) {
        return db.first(CREATE, DnaPoint::from, id, name, address, phone, hours, lat, lon, now);
    }

    /** The point, or null. */
    public Uni<DnaPoint> find(UUID id) {
        return db.first(BY_ID, DnaPoint::from, id);
    }

    public Uni<List<Near>> near(double lat, double lon, double radiusMetres, int limit) {
        return db.list(NEAR, Near::from, lat, lon, radiusMetres, limit);
    }
}
