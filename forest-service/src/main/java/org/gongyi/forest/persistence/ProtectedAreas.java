package org.gongyi.forest.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Protected areas and the square metres users claimed of them: never more than an area's size. */
@ApplicationScoped
public class ProtectedAreas {

    /** A user's claim with its area's name and region. */
    public record AreaClaim(
            String certificateNo,
            UUID areaId,
            String areaName,
            String region,
            long m2,
            long energyGrams,
            Instant claimedAt) {
        static AreaClaim from(Row row) {
            return new AreaClaim(
                    row.getString("certificate_no"),
                    row.getUUID("area_id"),
                    row.getString("name"),
                    row.getString("region"),
                    row.getLong("m2"),
                    row.getLong("energy_grams"),
                    Db.instant(row, "claimed_at"));
        }
    }

    private static final String INSERT = """
            insert into protected_area (id, name, region, size_m2, claimed_m2, price_grams_per_m2, created_at)
            values ($1, $2, $3, $4, $5, $6, $7)
            """;
    private static final String BY_ID = "select %s from protected_area where id = $1".formatted(ProtectedArea.COLUMNS);
    private static final String PAGE = """
            select %s from protected_area order by created_at, id limit $1 offset $2
            """.formatted(ProtectedArea.COLUMNS);
    /** Only while the area has that many m² left. */
    private static final String CLAIM_M2 = """
            update protected_area set claimed_m2 = claimed_m2 + $2 where id = $1 and claimed_m2 + $2 <= size_m2
            """;

    private static final String M2_LEFT = """
            select size_m2 - claimed_m2 as left_m2 from protected_area where id = $1
            """;
    private static final String CLAIMED_M2 = """
            select cast(coalesce(sum(claimed_m2), 0) as bigint) as claimed_m2 from protected_area
            """;
    private static final String INSERT_CLAIM = """
            insert into area_claim (id, certificate_no, area_id, user_id, m2, energy_grams, claimed_at)
            values ($1, $2, $3, $4, $5, $6, $7)
            """;
    private static final String CLAIMS_OF_USER = """
            select c.certificate_no, c.area_id, a.name, a.region, c.m2, c.energy_grams, c.claimed_at
            from area_claim c join protected_area a on a.id = c.area_id
            where c.user_id = $1
            order by c.claimed_at desc, c.certificate_no desc limit 500
            """;

    private final Db db;

    public ProtectedAreas(Db db) {
        this.db = db;
    }

    public Uni<ProtectedArea> insert(ProtectedArea a) {
        return db.update(
                        INSERT,
                        a.id(),
                        a.name(),
                        a.region(),
                        a.sizeM2(),
                        a.claimedM2(),
                        a.priceGramsPerM2(),
                        a.createdAt())
                .replaceWith(a);
    }

    /** The area, or null. */
    public Uni<ProtectedArea> find(UUID id) {
        return db.first(BY_ID, ProtectedArea::from, id);
    }

    public Uni<List<ProtectedArea>> page(int page, int size) {
        return db.list(PAGE, ProtectedArea::from, size, page * size);
    }

    /** True when the area had {@code m2} left and they are now claimed. */
    public Uni<Boolean> claimM2(UUID id, long m2) {
        return db.update(CLAIM_M2, id, m2).map(n -> n == 1);
    }

    public Uni<Long> m2Left(UUID id) {
        return db.first(M2_LEFT, row -> row.getLong("left_m2"), id);
    }

    /** m² claimed of all areas. */
    public Uni<Long> claimedM2() {
        return db.first(CLAIMED_M2, row -> row.getLong("claimed_m2"));
    }

    public Uni<Integer> insertClaim(
            UUID id, String certificateNo, UUID areaId, String user, long m2, long energyGrams, Instant now) {
        return db.update(INSERT_CLAIM, id, certificateNo, areaId, user, m2, energyGrams, now);
    }

    /** The user's latest 500 claims, newest first. */
    public Uni<List<AreaClaim>> claimsOf(String user) {
        return db.list(CLAIMS_OF_USER, AreaClaim::from, user);
    }
}
