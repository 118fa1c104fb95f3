package org.gongyi.donation.persistence;

import io.vertx.mutiny.sqlclient.Row;
import org.gongyi.common.persistence.Db;

import java.time.Instant;

/**
 * A charity organisation; {@code id} is what its staff's tokens carry in the {@code org} claim. {@code verifiedAt} is
 * set once the platform verified the organisation; only then do its projects take rules.
 */
public record CharityOrganisation(String id, String name, Instant verifiedAt, Instant createdAt) {

    static final String COLUMNS = "id, name, verified_at, created_at";

    static CharityOrganisation from(Row row) {
        return new CharityOrganisation(
                row.getString("id"),
                row.getString("name"),
                Db.instant(row, "verified_at"),
                Db.instant(row, "created_at"));
    }

    public boolean verified() {
        return verifiedAt != null;
    }
}
