package org.gongyi.volunteer.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.persistence.Db;
import org.gongyi.volunteer.domain.WelfareTime;
import org.gongyi.volunteer.persistence.BloodDonation;
import org.gongyi.volunteer.persistence.BloodDonations;
import org.gongyi.volunteer.persistence.Organisations;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Blood donations: declared by the donor to a verified organisation, verified (4 hours per 200 ml) or rejected. */
@ApplicationScoped
public class BloodDonationService {

    private final Db db;
    private final Organisations organisations;
    private final BloodDonations donations;
    private final WelfareLedger ledger;
    private final Clock clock;

    public BloodDonationService(
            Db db, Organisations organisations, BloodDonations donations, WelfareLedger ledger, Clock clock) {
        this.db = db;
        this.organisations = organisations;
        this.donations = donations;
        this.ledger = ledger;
        this.clock = clock;
    }

    public Uni<BloodDonation> declare(String user, String organisationId, Instant donatedAt, int volumeMl) {
        Instant now = clock.instant();
        if (donatedAt.isAfter(now)) {
            throw ProblemException.badRequest("donatedAt is in the future");
        }
        return db.transaction(() -> organisations.find(organisationId).chain(o -> {
            if (o == null || !o.verified()) {
                throw ProblemException.badRequest("No verified organisation " + organisationId);
            }
            return donations.declare(UUID.randomUUID(), user, organisationId, donatedAt, volumeMl, now);
        }));
    }

    /** The oldest pending declarations made to the organisation ({@code org} null for an admin: all). */
    /** One of the user's declarations. */
    public Uni<BloodDonation> mine(String user, UUID id) {
        return donations.find(id).map(b -> {
            if (b == null || !b.userId().equals(user)) {
                throw ProblemException.notFound("You declared no blood donation " + id);
            }
            return b;
        });
    }

    public Uni<List<BloodDonation>> pending(String org) {
        return donations.pending(org);
    }

    /** Verifies (crediting the welfare time) or rejects a pending declaration made to the caller's organisation. */
    public Uni<BloodDonation> decide(String org, String by, UUID id, boolean verified) {
        Instant now = clock.instant();
        return db.transaction(() -> donations.lock(id).chain(b -> {
            if (b == null || (org != null && !org.equals(b.organisationId()))) {
                throw ProblemException.notFound("Your organisation has no blood donation " + id);
            }
            if (b.status() != BloodDonation.Status.PENDING) {
                throw ProblemException.conflict("Already " + b.status());
            }
            Uni<BloodDonation> decided = donations.decide(
                    id, verified ? BloodDonation.Status.VERIFIED : BloodDonation.Status.REJECTED, by, now);
            return !verified
                    ? decided
                    : decided.call(d -> ledger.credit(
                            d.userId(),
                            WelfareTime.Source.BLOOD,
                            d.id().toString(),
                            WelfareTime.year(d.donatedAt()),
                            WelfareTime.forBlood(d.volumeMl())));
        }));
    }
}
