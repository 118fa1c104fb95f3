package org.gongyi.donation.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.http.ProblemException;
import org.gongyi.donation.persistence.CharityOrganisation;

import java.time.Clock;
import java.util.List;

@ApplicationScoped
public class OrganisationService {

    private final Clock clock;

    public OrganisationService(Clock clock) {
        this.clock = clock;
    }

    /** Creates or renames an organisation and sets whether it is verified; the same call again changes nothing. */
    @WithTransaction
    public Uni<CharityOrganisation> put(String id, String name, boolean verified) {
        return CharityOrganisation.<CharityOrganisation>findById(id).chain(existing -> {
            CharityOrganisation o = existing != null ? existing : new CharityOrganisation();
            if (existing == null) {
                o.id = id;
                o.createdAt = clock.instant();
            }
            o.name = name;
            if (verified && o.verifiedAt == null) {
                o.verifiedAt = clock.instant();
            } else if (!verified) {
                o.verifiedAt = null;
            }
            return existing != null ? Uni.createFrom().item(o) : o.<CharityOrganisation>persist();
        });
    }

    @WithSession
    public Uni<CharityOrganisation> get(String id) {
        return CharityOrganisation.<CharityOrganisation>findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No organisation " + id));
    }

    @WithSession
    public Uni<List<CharityOrganisation>> list(int page, int size) {
        return CharityOrganisation.<CharityOrganisation>findAll(Sort.by("id")).page(Page.of(page, size)).list();
    }
}
