package org.gongyi.volunteer.persistence;

import io.vertx.mutiny.sqlclient.Row;
import org.gongyi.common.persistence.Db;
import org.gongyi.volunteer.domain.Campaign;

import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** A campaign as defined. */
public record DefinedCampaign(UUID id, Campaign campaign, Instant createdAt) {

    static final String COLUMNS = "id, name, starts_at, ends_at, actions, goal, created_at";

    static DefinedCampaign from(Row row) {
        Set<Campaign.Action> actions = Arrays.stream(row.getArrayOfStrings("actions"))
                .map(Campaign.Action::valueOf)
                .collect(Collectors.toSet());
        return new DefinedCampaign(
                row.getUUID("id"),
                new Campaign(
                        row.getString("name"),
                        Db.instant(row, "starts_at"),
                        Db.instant(row, "ends_at"),
                        actions,
                        row.getLong("goal")),
                Db.instant(row, "created_at"));
    }
}
