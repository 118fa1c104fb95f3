package org.gongyi.volunteer.persistence;

import io.vertx.mutiny.sqlclient.Row;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.UUID;

/** A blood donation a volunteer declared; an organisation verifies (credits welfare time) or rejects it. */
public record BloodDonation(
        UUID id,
        String userId,
        String organisationId,
        Instant donatedAt,
        int volumeMl,
        Status status,
        Instant declaredAt,
        String decidedBy,
        Instant decidedAt) {

    @Schema(name = "BloodDonationStatus")
    public enum Status {
        PENDING,
        VERIFIED,
        REJECTED
    }

    static final String COLUMNS = """
            id, user_id, organisation_id, donated_at, volume_ml, status, declared_at, decided_by, decided_at""";

    static BloodDonation from(Row row) {
        return new BloodDonation(
                row.getUUID("id"),
                row.getString("user_id"),
                row.getString("organisation_id"),
                Db.instant(row, "donated_at"),
                row.getInteger("volume_ml"),
                Status.valueOf(row.getString("status")),
                Db.instant(row, "declared_at"),
                row.getString("decided_by"),
                Db.instant(row, "decided_at"));
    }
}
