package org.gongyi.forest.persistence;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;

import java.util.UUID;

/** Monitoring stations and the photos they take of their plots. */
@ApplicationScoped
public class Stations {

    private static final String INSERT = "insert into station (id, plot_id, name, created_at) values ($1, $2, $3, $4)";
    private static final String BY_ID = "select %s from station where id = $1".formatted(Station.COLUMNS);
    private static final String PHOTO_BY_ID = """
            select %s from plot_photo where id = $1 and station_id = $2
            """.formatted(PlotPhoto.COLUMNS);
    private static final String INSERT_PHOTO = """
            insert into plot_photo (id, station_id, plot_id, taken_at, image_url, received_at)
            values ($1, $2, $3, $4, $5, $6)
            """;

    private final Db db;

    public Stations(Db db) {
        this.db = db;
    }

    public Uni<Station> insert(Station s) {
        return db.update(INSERT, s.id(), s.plotId(), s.name(), s.createdAt()).replaceWith(s);
    }

    /** The station, or null. */
    public Uni<Station> find(UUID id) {
        return db.first(BY_ID, Station::from, id);
    }

    /** The station's photo, or null. */
    public Uni<PlotPhoto> findPhoto(UUID stationId, UUID id) {
        return db.first(PHOTO_BY_ID, PlotPhoto::from, id, stationId);
    }

    public Uni<PlotPhoto> insertPhoto(PlotPhoto p) {
        return db.update(INSERT_PHOTO, p.id(), p.stationId(), p.plotId(), p.takenAt(), p.imageUrl(), p.receivedAt())
                .replaceWith(p);
    }
}
