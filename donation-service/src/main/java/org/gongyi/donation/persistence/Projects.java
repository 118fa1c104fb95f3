package org.gongyi.donation.persistence;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

@ApplicationScoped
public class Projects {

    /** One region a project's aid goes to, in the project's order. */
    public record Region(UUID projectId, String region) {}

    /**
     * What people look for (each null when not asked): a name containing {@code nameContains} in any case, a category,
     * a region the aid goes to (a division in the platform's spelling).
     */
    public record Search(String nameContains, CharityProject.Category category, String region) {
        public boolean any() {
            return nameContains != null || category != null || region != null;
        }
    }

    private static final String INSERT = """
            insert into charity_project (id, name, description, charity_id, kind, target_fen, starts_at, ends_at,
                                         created_at, regions, category)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, cast($10 as text[]), $11)
            """;
    private static final String BY_ID =
            "select %s from charity_project where id = $1".formatted(CharityProject.COLUMNS);
    private static final String BY_IDS =
            "select %s from charity_project where id = any(cast($1 as uuid[]))".formatted(CharityProject.COLUMNS);
    private static final String PAGE_BY_CREATION = """
            select %s from charity_project order by created_at, id limit $1 offset $2
            """.formatted(CharityProject.COLUMNS);
    /** The projects matching every condition given ({@code %s}: joined with {@code and}), in creation order. */
    private static final String SEARCH = """
            select %s from charity_project where %%s order by created_at, id limit $%%d offset $%%d
            """.formatted(CharityProject.COLUMNS);

    private static final String NAME_CONTAINS = "lower(name) like $%d escape '\\'";
    private static final String IN_CATEGORY = "category = $%d";
    private static final String AID_GOES_TO = "regions @> array[cast($%d as text)]";
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
                        regions.toArray(new String[0]),
                        p.category().name())
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

    /** A page of the projects matching {@code search}, in creation order. */
    public Uni<List<CharityProject>> search(Search search, int page, int size) {
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (search.nameContains() != null) {
            params.add("%" + likeLiteral(search.nameContains().toLowerCase(Locale.ROOT)) + "%");
            conditions.add(NAME_CONTAINS.formatted(params.size()));
        }
        if (search.category() != null) {
            params.add(search.category().name());
            conditions.add(IN_CATEGORY.formatted(params.size()));
        }
        if (search.region() != null) {
            params.add(search.region());
            conditions.add(AID_GOES_TO.formatted(params.size()));
        }
        params.add(size);
        params.add(page * size);
        String sql = SEARCH.formatted(String.join(" and ", conditions), params.size() - 1, params.size());
        return db.list(sql, CharityProject::from, params.toArray());
    }

    /** {@code text} matched literally by {@code like … escape '\'}. */
    private static String likeLiteral(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
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
