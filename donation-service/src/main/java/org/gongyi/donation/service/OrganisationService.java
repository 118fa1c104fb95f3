package org.gongyi.donation.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.http.ProblemException;
import org.gongyi.donation.persistence.CharityOrganisation;
import org.gongyi.donation.persistence.Organisations;

import java.time.Clock;
import java.util.List;

@ApplicationScoped
public class OrganisationService {

    private final Organisations organisations;
    private final Clock clock;

    public OrganisationService(Organisations organisations, Clock clock) {
        this.organisations = organisations;
        this.clock = clock;
    }

    /** Creates or renames an organisation and sets whether it is verified; the same call again changes nothing. */
    public Uni<CharityOrganisation> put(String id, String name, boolean verified) {
        return organisations.put(id, name, verified, clock.instant());
    }

    public Uni<CharityOrganisation> get(String id) {
        return organisations
                .find(id)
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("No organisation " + id));
    }

    public Uni<List<CharityOrganisation>> list(int page, int size) {
        return organisations.page(page, size);
    }
}
