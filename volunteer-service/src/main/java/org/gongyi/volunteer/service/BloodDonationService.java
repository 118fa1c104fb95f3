package org.gongyi.volunteer.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.http.ProblemException;
import org.gongyi.volunteer.domain.WelfareTime;
import org.gongyi.volunteer.persistence.BloodDonation;
import org.gongyi.volunteer.persistence.Organisation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Blood donations: declared by the donor to a verified organisation, verified (4 hours per 200 ml) or rejected. */
@ApplicationScoped
public class BloodDonationService {

    private final WelfareLedger ledger;
    private final Clock clock;

    public BloodDonationService(WelfareLedger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<BloodDonation> declare(String user, String organisationId, Instant donatedAt, int volumeMl) {
        Instant now = clock.instant();
        if (donatedAt.isAfter(now)) {
            throw ProblemException.badRequest("donatedAt is in the future");
        }
        return Organisation.<Organisation>findById(organisationId).chain(o -> {
            if (o == null || o.verifiedAt == null) {
                throw ProblemException.badRequest("No verified organisation " + organisationId);
            }
            BloodDonation b = new BloodDonation();
            b.id = UUID.randomUUID();
            b.userId = user;
            b.organisationId = organisationId;
            b.donatedAt = donatedAt;
            b.volumeMl = volumeMl;
            b.status = BloodDonation.Status.PENDING;
            b.declaredAt = now;
            return b.persist();
        });
    }

    @WithSession
    public Uni<List<BloodDonation>> pending(String org) {
        return (org == null ? BloodDonation.<BloodDonation>find("status", Sort.by("declaredAt"), BloodDonation.Status.PENDING)
                : BloodDonation.<BloodDonation>find("organisationId = ?1 and status = ?2", Sort.by("declaredAt"), org,
                BloodDonation.Status.PENDING)).page(0, 500).list();
    }

    /** Verifies (crediting the welfare time) or rejects a pending declaration made to the caller's organisation. */
    @WithTransaction
    public Uni<BloodDonation> decide(String org, String by, UUID id, boolean verified) {
        Instant now = clock.instant();
        return BloodDonation.<BloodDonation>findById(id).chain(b -> {
            if (b == null || (org != null && !org.equals(b.organisationId))) {
                throw ProblemException.notFound("Your organisation has no blood donation " + id);
            }
            if (b.status != BloodDonation.Status.PENDING) {
                throw ProblemException.conflict("Already " + b.status);
            }
            b.status = verified ? BloodDonation.Status.VERIFIED : BloodDonation.Status.REJECTED;
            b.decidedBy = by;
            b.decidedAt = now;
            return !verified ? Uni.createFrom().item(b)
                    : ledger.credit(b.userId, WelfareTime.Source.BLOOD, b.id.toString(), WelfareTime.year(b.donatedAt),
                    WelfareTime.forBlood(b.volumeMl)).replaceWith(b);
        });
    }
}
