package org.gongyi.forest.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Planted trees and who paid for them: one owner, or two sharing it (co-planting). */
@ApplicationScoped
public class Trees {

    /**
     * A tree as its owner sees it: {@code energyGrams} is what this owner paid, {@code sharedWith} the co-planter;
     * with the latest photo of its plot when a station has taken one.
     */
    public record MyTree(
            String certificateNo,
            String speciesCode,
            String speciesName,
            UUID projectId,
            String projectName,
            String region,
            UUID plotId,
            String plotName,
            BigDecimal latitude,
            BigDecimal longitude,
            long energyGrams,
            String sharedWith,
            Instant plantedAt,
            Photo latestPhoto) {
        static MyTree from(Row row) {
            Instant takenAt = Db.instant(row, "photo_taken_at");
            return new MyTree(
                    row.getString("certificate_no"),
                    row.getString("species_code"),
                    row.getString("species_name"),
                    row.getUUID("project_id"),
                    row.getString("project_name"),
                    row.getString("region"),
                    row.getUUID("plot_id"),
                    row.getString("plot_name"),
                    row.getBigDecimal("latitude"),
                    row.getBigDecimal("longitude"),
                    row.getLong("energy_grams"),
                    row.getString("shared_with"),
                    Db.instant(row, "planted_at"),
                    takenAt == null ? null : new Photo(takenAt, row.getString("photo_image_url")));
        }
    }

    public record Photo(Instant takenAt, String imageUrl) {}

    private static final String INSERT = """
            insert into tree (id, certificate_no, project_id, plot_id, species_code, energy_grams, planted_at)
            values ($1, $2, $3, $4, $5, $6, $7)
            """;
    /** The history: one more tree of the species in the minute it was planted. */
    private static final String COUNT_IN_MINUTE = """
            insert into tree_minute as m (minute, species_code, trees)
            values (date_trunc('minute', cast($1 as timestamptz)), $2, 1)
            on conflict (minute, species_code) do update set trees = m.trees + 1
            """;

    private static final String INSERT_OWNER = """
            insert into tree_owner (tree_id, user_id, energy_grams) values ($1, $2, $3)
            """;
    /** The user's trees (or the one with certificate $2), newest first. */
    private static final String OF_OWNER = """
            select t.certificate_no, t.species_code, s.name_zh as species_name, t.project_id, p.name as project_name,
                   p.region, t.plot_id, pl.name as plot_name, pl.latitude, pl.longitude, o.energy_grams, t.planted_at,
                   ph.taken_at as photo_taken_at, ph.image_url as photo_image_url,
                   (select o2.user_id from tree_owner o2 where o2.tree_id = t.id and o2.user_id <> o.user_id
                    limit 1) as shared_with
            from tree_owner o
            join tree t on t.id = o.tree_id
            join tree_species s on s.code = t.species_code
            join planting_project p on p.id = t.project_id
            join plot pl on pl.id = t.plot_id
            left join lateral (select taken_at, image_url from plot_photo where plot_id = t.plot_id
                               order by taken_at desc limit 1) ph on true
            where o.user_id = $1 and (cast($2 as varchar) is null or t.certificate_no = cast($2 as varchar))
            order by t.planted_at desc, t.certificate_no desc limit $3 offset $4
            """;

    /**
     * What a tree certificate certifies, for anyone holding its number: the tree, where it stands, when it was planted
     * and by how many people (one, or two who co-planted) — never who.
     */
    public record Certified(
            String certificateNo,
            String speciesCode,
            String speciesName,
            String speciesNameEn,
            String projectName,
            String region,
            String plotName,
            Instant plantedAt,
            int owners) {}

    private static final String CERTIFIED = """
            select t.certificate_no, t.species_code, s.name_zh as species_name, s.name_en as species_name_en,
                   p.name as project_name, p.region,
                   pl.name as plot_name, t.planted_at,
                   cast((select count(*) from tree_owner o where o.tree_id = t.id) as int) as owners
            from tree t
            join tree_species s on s.code = t.species_code
            join planting_project p on p.id = t.project_id
            join plot pl on pl.id = t.plot_id
            where t.certificate_no = $1""";

    private final Db db;

    public Trees(Db db) {
        this.db = db;
    }

    public Uni<Integer> insert(
            UUID id,
            String certificateNo,
            UUID projectId,
            UUID plotId,
            String speciesCode,
            long energyGrams,
            Instant plantedAt) {
        return db.update(INSERT, id, certificateNo, projectId, plotId, speciesCode, energyGrams, plantedAt)
                .call(() -> db.update(COUNT_IN_MINUTE, plantedAt, speciesCode));
    }

    public Uni<Integer> insertOwner(UUID treeId, String user, long energyGrams) {
        return db.update(INSERT_OWNER, treeId, user, energyGrams);
    }

    /** The user's trees, newest first; only the one with {@code certificateNo} unless that is null. */
    public Uni<List<MyTree>> ofOwner(String user, String certificateNo, int page, int size) {
        return db.list(OF_OWNER, MyTree::from, user, certificateNo, size, (long) page * size);
    }

    /** The tree a certificate number certifies, or null. */
    public Uni<Certified> certified(String certificateNo) {
        return db.first(
                CERTIFIED,
                r -> new Certified(
                        r.getString("certificate_no"),
                        r.getString("species_code"),
                        r.getString("species_name"),
                        r.getString("species_name_en"),
                        r.getString("project_name"),
                        r.getString("region"),
                        r.getString("plot_name"),
                        Db.instant(r, "planted_at"),
                        r.getInteger("owners")),
                certificateNo);
    }
}
