package org.gongyi.donation.service;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CacheResult;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.persistence.Db;
import org.gongyi.donation.persistence.CharityProject;
import org.gongyi.donation.persistence.Organisations;
import org.gongyi.donation.persistence.Projects;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class ProjectService {

    /** The cache of projects as everyone reads them ({@code quarkus.cache.caffeine."project-progress".*}). */
    public static final String PROGRESS_CACHE = "project-progress";

    /** A project with the regions its aid goes to. */
    public record Project(CharityProject project, List<String> regions) {}

    private final Db db;
    private final Projects projects;
    private final Organisations organisations;
    private final Clock clock;
    private final Cache progress;

    public ProjectService(
            Db db,
            Projects projects,
            Organisations organisations,
            Clock clock,
            @CacheName(PROGRESS_CACHE) Cache progress) {
        this.db = db;
        this.projects = projects;
        this.organisations = organisations;
        this.clock = clock;
        this.progress = progress;
    }

    public Uni<Project> create(CharityProject.Draft draft, List<String> regions) {
        if (draft.kind() == CharityProject.Kind.TIME_LIMITED && (draft.targetFen() == null || draft.endsAt() == null)) {
            throw ProblemException.badRequest("a TIME_LIMITED project needs targetFen and endsAt");
        }
        if (draft.startsAt() != null
                && draft.endsAt() != null
                && !draft.endsAt().isAfter(draft.startsAt())) {
            throw ProblemException.badRequest("endsAt must be after startsAt");
        }
        CharityProject project = draft.open(UUID.randomUUID(), clock.instant());
        return db.transaction(() -> organisations
                .find(project.charityId())
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.badRequest(
                        "No organisation " + project.charityId() + ": an admin registers it first"))
                .chain(org -> projects.insert(project, regions))
                .map(p -> new Project(p, regions)));
    }

    /**
     * A project and its progress, as everyone sees it: kept in the cache for a second (the API says so),
     * so a popular project's page costs one read a second per instance; closing it here (once committed) forgets it.
     */
    @CacheResult(cacheName = PROGRESS_CACHE)
    public Uni<Project> get(UUID id) {
        return projects.find(id)
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("No project " + id))
                .chain(p -> withRegions(List.of(p)))
                .map(l -> l.get(0));
    }

    /** A page of the projects matching {@code search} (all when it asks nothing), in creation order. */
    public Uni<List<Project>> list(Projects.Search search, int page, int size) {
        return (search.any() ? projects.search(search, page, size) : projects.page(page, size))
                .chain(this::withRegions);
    }

    private Uni<List<Project>> withRegions(List<CharityProject> ps) {
        if (ps.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return projects.regions(ps.stream().map(CharityProject::id).toList()).map(rows -> {
            Map<UUID, List<String>> regions = new HashMap<>();
            rows.forEach(r -> regions.computeIfAbsent(r.projectId(), k -> new ArrayList<>())
                    .add(r.region()));
            return ps.stream()
                    .map(p -> new Project(p, regions.getOrDefault(p.id(), List.of())))
                    .toList();
        });
    }

    /**
     * Closes a project: it takes no new rules and its rules stop donating. A charity closes its own organisation's
     * projects only ({@code org} null for an admin). Closing a closed project changes nothing.
     */
    public Uni<Project> close(UUID id, String org) {
        return db.transaction(() -> projects.find(id)
                        .onItem()
                        .ifNull()
                        .failWith(() -> ProblemException.notFound("No project " + id))
                        .chain(p -> {
                            if (org != null && !org.equals(p.charityId())) {
                                throw ProblemException.forbidden("Project " + id + " belongs to another organisation");
                            }
                            return projects.close(id, clock.instant());
                        })
                        .chain(p -> withRegions(List.of(p)))
                        .map(l -> l.get(0)))
                .call(() -> progress.invalidate(id));
    }
}
