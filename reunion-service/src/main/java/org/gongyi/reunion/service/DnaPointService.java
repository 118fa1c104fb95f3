package org.gongyi.reunion.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.http.ProblemException;
import org.gongyi.reunion.persistence.DnaPoint;
import org.gongyi.reunion.persistence.DnaPoints;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Free police DNA collection points, searched by distance (GiST index). */
@ApplicationScoped
public class DnaPointService {

    private final DnaPoints points;
    private final Clock clock;

    public DnaPointService(DnaPoints points, Clock clock) {
        this.points = points;
        this.clock = clock;
    }

    public Uni<DnaPoint> create(String name, String address, String phone, String hours, double lat, double lon) {
        return points.create(UUID.randomUUID(), name, address, phone, hours, lat, lon, clock.instant());
    }

    public Uni<DnaPoint> get(UUID id) {
        return points.find(id).onItem().ifNull().failWith(() -> ProblemException.notFound("No collection point " + id));
    }

    public Uni<List<DnaPoints.Near>> near(double lat, double lon, double radiusKm, int limit) {
        return points.near(lat, lon, radiusKm * 1000, limit);
    }
}
