package org.gongyi.donation.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.persistence.Sql;
import org.gongyi.donation.persistence.CharityOrganisation;
import org.gongyi.donation.persistence.CharityProject;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class ProjectService {

    /** A project with the regions its aid goes to. */
    public record Project(CharityProject project, List<String> regions) {
    }

    private static final String SET_REGIONS = "update charity_project set regions = cast(?2 as text[]) where id = ?1";
    private static final String REGIONS_OF_PROJECTS = """
            select cast(p.id as text), r.region from charity_project p, unnest(p.regions) with ordinality as r(region, n)
            where p.id = any(cast(?1 as uuid[])) order by p.id, r.n""";

    private final Clock clock;

    public ProjectService(Clock clock) {
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Project> create(CharityProject project, List<String> regions) {
        if (project.kind == CharityProject.Kind.TIME_LIMITED && (project.targetFen == null || project.endsAt == null)) {
            throw ProblemException.badRequest("a TIME_LIMITED project needs targetFen and endsAt");
        }
        if (project.startsAt != null && project.endsAt != null && !project.endsAt.isAfter(project.startsAt)) {
            throw ProblemException.badRequest("endsAt must be after startsAt");
        }
        project.id = UUID.randomUUID();
        project.createdAt = clock.instant();
        return CharityOrganisation.findById(project.charityId)
                .onItem().ifNull().failWith(() -> ProblemException.badRequest(
                        "No organisation " + project.charityId + ": an admin registers it first"))
                .chain(org -> project.<CharityProject>persist())
                .call(p -> CharityProject.getSession().chain(s -> s.flush()))
                .call(p -> Sql.exec(SET_REGIONS, p.id, regions.toArray(new String[0])))
                .map(p -> new Project(p, regions));
    }

    @WithSession
    public Uni<Project> get(UUID id) {
        return CharityProject.<CharityProject>findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No project " + id))
                .chain(p -> withRegions(List.of(p))).map(l -> l.get(0));
    }

    @WithSession
    public Uni<List<Project>> list(int page, int size) {
        return CharityProject.<CharityProject>findAll(Sort.by("createdAt").and("id"))
                .page(Page.of(page, size)).list().chain(ProjectService::withRegions);
    }

    private static Uni<List<Project>> withRegions(List<CharityProject> projects) {
        if (projects.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Sql.rows(REGIONS_OF_PROJECTS, r -> new String[]{(String) r[0], (String) r[1]},
                        (Object) projects.stream().map(p -> p.id).toArray(UUID[]::new))
                .map(rows -> {
                    Map<UUID, List<String>> regions = new HashMap<>();
                    rows.forEach(r -> regions.computeIfAbsent(UUID.fromString(r[0]), k -> new ArrayList<>()).add(r[1]));
                    return projects.stream().map(p -> new Project(p, regions.getOrDefault(p.id, List.of()))).toList();
                });
    }

    /**
     * Closes a project: it takes no new rules and its rules stop donating. A charity closes its own organisation's
     * projects only ({@code org} null for an admin). Closing a closed project changes nothing.
     */
    @WithTransaction
    public Uni<Project> close(UUID id, String org) {
        return CharityProject.<CharityProject>findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No project " + id))
                .invoke(p -> {
                    if (org != null && !org.equals(p.charityId)) {
                        throw ProblemException.forbidden("Project " + id + " belongs to another organisation");
                    }
                    if (p.closedAt == null) {
                        p.closedAt = clock.instant();
                    }
                })
                .chain(p -> withRegions(List.of(p))).map(l -> l.get(0));
    }
}
