package org.gongyi.donation.persistence;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class Projects {

    /** One region a project's aid goes to, in the project's order. */
    public record Region(UUID projectId, String region) {}

    private static final String INSERT = """
            insert into charity_project (id, name, description, charity_id, kind, target_fen, starts_at, ends_at,
                                         created_at, regions)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, cast($10 as text[]))
            """;
    private static final String BY_ID =
            "select %s from charity_project where id = $1".formatted(CharityProject.COLUMNS);
    private static final String BY_IDS =
            "select %s from charity_project where id = any(cast($1 as uuid[]))".formatted(CharityProject.COLUMNS);
    private static final String PAGE_BY_CREATION = """
            select %s from charity_project order by created_at, id limit $1 offset $2
            """.formatted(CharityProject.COLUMNS);
    /** Closes the project once: closing it again keeps the first time. */
    private static final String CLOSE = """
            update charity_project set closed_at = coalesce(closed_at, $2) where id = $1
            returning %s
            """.formatted(CharityProject.COLUMNS);

    private static final String REGIONS_OF_PROJECTS = """
            select p.id, r.region from charity_project p, unnest(p.regions) with ordinality as r(region, n)
            where p.id = any(cast($1 as uuid[])) order by p.id, r.n""";

    private final Db db;

    public Projects(Db db) {
        this.db = db;
    }

    public Uni<CharityProject> insert(CharityProject p, List<String> regions) {
        return db.update(
                        INSERT,
                        p.id(),
                        p.name(),
                        p.description(),
                        p.charityId(),
                        p.kind(),
                        p.targetFen(),
                        p.startsAt(),
                        p.endsAt(),
                        p.createdAt(),
                        regions.toArray(new String[0]))
                .replaceWith(p);
    }

    /** The project, or null. */
    public Uni<CharityProject> find(UUID id) {
        return db.first(BY_ID, CharityProject::from, id);
    }

    /** The projects with these ids (in no particular order). */
    public Uni<List<CharityProject>> all(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return db.list(BY_IDS, CharityProject::from, (Object) ids.toArray(new UUID[0]));
    }

    public Uni<List<CharityProject>> page(int page, int size) {
        return db.list(PAGE_BY_CREATION, CharityProject::from, size, page * size);
    }

    /** Closes the project (keeping an earlier close); null when there is none. */
    public Uni<CharityProject> close(UUID id, Instant now) {
        return db.first(CLOSE, CharityProject::from, id, now);
    }

    /** The regions of the projects, by project and in each project's order. */
    public Uni<List<Region>> regions(Collection<UUID> ids) {
        return db.list(REGIONS_OF_PROJECTS, r -> new Region(r.getUUID("id"), r.getString("region")), (Object)
                ids.toArray(new UUID[0]));
    }
}
