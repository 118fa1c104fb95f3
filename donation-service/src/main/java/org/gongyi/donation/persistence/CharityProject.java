package org.gongyi.donation.persistence;

import io.vertx.mutiny.sqlclient.Row;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.UUID;

/**
 * A charity project and its counters. {@code donatedFen} is the gross amount donated; the net raised amount is
 * donated − reversed.
 */
public record CharityProject(
        UUID id,
        String name,
        String description,
        String charityId,
        Kind kind,
        Category category,
        Long targetFen,
        Instant startsAt,
        Instant endsAt,
        long donatedFen,
        long reversedFen,
        long donationCount,
        long reversalCount,
        long donorCount,
        Instant createdAt,
        Instant closedAt) {

    @Schema(name = "CharityProjectKind")
    public enum Kind {
        ONGOING,
        TIME_LIMITED
    }

    /** What a project is for, as people look for projects. */
    @Schema(name = "CharityProjectCategory")
    public enum Category {
        /** 扶贫济困: poverty relief */
        POVERTY,
        /** 助学: education */
        EDUCATION,
        /** 医疗救助: medical aid */
        HEALTH,
        /** 环境保护: the environment */
        ENVIRONMENT,
        /** 灾害救援: disaster relief */
        DISASTER,
        /** 儿童: children */
        CHILDREN,
        /** 助老: the elderly */
        ELDERLY,
        /** 助残: people with disabilities */
        DISABILITY,
        /** 动物保护: animals */
        ANIMALS,
        OTHER
    }

    static final String COLUMNS = """
            id, name, description, charity_id, kind, category, target_fen, starts_at, ends_at, donated_fen, reversed_fen,
            donation_count, reversal_count, donor_count, created_at, closed_at""";

    static CharityProject from(Row row) {
        return new CharityProject(
                row.getUUID("id"),
                row.getString("name"),
                row.getString("description"),
                row.getString("charity_id"),
                Kind.valueOf(row.getString("kind")),
                Category.valueOf(row.getString("category")),
                row.getLong("target_fen"),
                Db.instant(row, "starts_at"),
                Db.instant(row, "ends_at"),
                row.getLong("donated_fen"),
                row.getLong("reversed_fen"),
                row.getLong("donation_count"),
                row.getLong("reversal_count"),
                row.getLong("donor_count"),
                Db.instant(row, "created_at"),
                Db.instant(row, "closed_at"));
    }

    /** Whether the project takes donations from a deal completed at {@code t}: started, not closed, not ended. */
    public boolean acceptsAt(Instant t) {
        return (startsAt == null || !startsAt.isAfter(t)) && takesRulesAt(t);
    }

    /** Whether sellers may attach it to items at {@code t}: not closed, not ended (before its start too). */
    public boolean takesRulesAt(Instant t) {
        return (closedAt == null || closedAt.isAfter(t)) && (endsAt == null || endsAt.isAfter(t));
    }

    /** What a project is created from; {@link #open} makes it a project with no donations yet. */
    public record Draft(
            String name,
            String description,
            String charityId,
            Kind kind,
            Category category,
            Long targetFen,
            Instant startsAt,
            Instant endsAt) {

        public CharityProject open(UUID id, Instant now) {
            return new CharityProject(
                    id,
                    name,
                    description,
                    charityId,
                    kind,
                    category,
                    targetFen,
                    startsAt,
                    endsAt,
                    0,
                    0,
                    0,
                    0,
                    0,
                    now,
                    null);
        }
    }
}
