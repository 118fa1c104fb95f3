package org.gongyi.volunteer.persistence;

import io.vertx.mutiny.sqlclient.Row;
import org.gongyi.common.persistence.Db;

import java.time.Instant;

/** A charity organisation; only a verified one publishes activities and takes blood donation declarations. */
public record Organisation(String id, String name, Instant verifiedAt, Instant createdAt) {

    static final String COLUMNS = "id, name, verified_at, created_at";

    static Organisation from(Row row) {
        return new Organisation(
                row.getString("id"),
                row.getString("name"),
                Db.instant(row, "verified_at"),
                Db.instant(row, "created_at"));
    }

    public boolean verified() {
        return verifiedAt != null;
    }
}
