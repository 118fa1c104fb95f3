package org.gongyi.donation.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.http.ProblemException;
import org.gongyi.donation.persistence.CharityOrganisation;
import org.gongyi.donation.persistence.CharityProject;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ProjectService {

    private final Clock clock;

    public ProjectService(Clock clock) {
        this.clock = clock;
    }

    @WithTransaction
    public Uni<CharityProject> create(CharityProject project) {
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
                .chain(org -> project.persist());
    }

    @WithSession
    public Uni<CharityProject> get(UUID id) {
        return CharityProject.<CharityProject>findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No project " + id));
    }

    @WithSession
    public Uni<List<CharityProject>> list(int page, int size) {
        return CharityProject.<CharityProject>findAll(Sort.by("createdAt").and("id"))
                .page(Page.of(page, size)).list();
    }

    /**
     * Closes a project: it takes no new rules and its rules stop donating. A charity closes its own organisation's
     * projects only ({@code org} null for an admin). Closing a closed project changes nothing.
     */
    @WithTransaction
    public Uni<CharityProject> close(UUID id, String org) {
        return CharityProject.<CharityProject>findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No project " + id))
                .invoke(p -> {
                    if (org != null && !org.equals(p.charityId)) {
                        throw ProblemException.forbidden("Project " + id + " belongs to another organisation");
                    }
                    if (p.closedAt == null) {
                        p.closedAt = clock.instant();
                    }
                });
    }
}
