package org.gongyi.donation.persistence;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;
import org.gongyi.common.persistence.Sql;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.gongyi.common.persistence.Sql.bigint;
import static org.gongyi.common.persistence.Sql.date;
import static org.gongyi.common.persistence.Sql.timestamptz;
import static org.gongyi.common.persistence.Sql.uuid;

/** Enrolled beneficiaries, the benefits payouts bought them and the claims paid against covers. */
@ApplicationScoped
public class Beneficiaries {

    /** Nothing when the reference, the household or the shop is enrolled already. */
    private static final String ENROL = """
            insert into beneficiary (id, programme_id, reference, county, household_id, age_band, seller_id, enrolled_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8)
            on conflict do nothing
            returning %s
            """.formatted(Beneficiary.COLUMNS);

    /** What an enrolment collided with: the same reference or household in the programme, or the shop anywhere. */
    private static final String ENROLLED_ALREADY = """
            select reference = $2 as same_reference, household_id = $3 as same_household, seller_id = $4 as same_shop
            from beneficiary
            where (programme_id = $1 and (reference = $2 or household_id = $3)) or seller_id = $4
            limit 1""";

    private static final String BY_ID = """
            select %s from beneficiary where programme_id = $1 and id = $2""".formatted(Beneficiary.COLUMNS);
    private static final String PAGE_IN_ENROLMENT_ORDER = """
            select %s from beneficiary where programme_id = $1 order by enrolment_no limit $2 offset $3
            """.formatted(Beneficiary.COLUMNS);

    /**
     * Who a payout helps next: in enrolment order after enrolment number {@code $3} (where the last chunk ended), those
     * with no benefit running on {@code $2} (a grant runs for good, a cover until its last day), at most {@code $4}.
     */
    private static final String WAITING = """
            select %s from beneficiary b
            where b.programme_id = $1 and b.enrolment_no > $3
              and not exists (select 1 from benefit x
                              where x.beneficiary_id = b.id and (x.ends_on is null or x.ends_on >= $2))
            order by b.enrolment_no
            limit $4""".formatted(Beneficiary.COLUMNS);

    private static final String INSERT_BENEFITS = """
            insert into benefit (id, programme_id, beneficiary_id, payout_id, amount_fen, starts_on, ends_on, bought_at)
            select * from unnest(cast($1 as uuid[]), cast($2 as uuid[]), cast($3 as uuid[]), cast($4 as uuid[]),
                                 cast($5 as bigint[]), cast($6 as date[]), cast($7 as date[]),
                                 cast($8 as timestamptz[]))""";
    private static final Sql.Columns<Benefit> BENEFIT_COLUMNS = Sql.Columns.of(
            uuid(Benefit::id),
            uuid(Benefit::programmeId),
            uuid(Benefit::beneficiaryId),
            uuid(Benefit::payoutId),
            bigint(Benefit::amountFen),
            date(Benefit::startsOn),
            date(Benefit::endsOn),
            timestamptz(Benefit::boughtAt));

    /** Marks the first benefit of those who had none; the rows changed are the people newly helped. */
    private static final String FIRST_BENEFITS = """
            update beneficiary set first_benefit_at = $2
            where id = any(cast($1 as uuid[])) and first_benefit_at is null""";

    private static final String BENEFITS_OF_BENEFICIARY = """
            select %s from benefit where beneficiary_id = $1 order by starts_on, id""".formatted(Benefit.COLUMNS);
    private static final String BENEFIT_IN_PROGRAMME = """
            select %s from benefit where programme_id = $1 and id = $2""".formatted(Benefit.COLUMNS);

    /** Nothing when the insurer's reference is recorded against the cover already. */
    private static final String RECORD_CLAIM = """
            insert into benefit_claim (id, benefit_id, reference, amount_fen, paid_on, recorded_at)
            values ($1, $2, $3, $4, $5, $6)
            on conflict (benefit_id, reference) do nothing
            returning %s""".formatted(BenefitClaim.COLUMNS);

    private static final String CLAIMS_OF_BENEFICIARY = """
            select %s from benefit_claim
            where benefit_id in (select id from benefit where beneficiary_id = $1)
            order by paid_on, id""".formatted(BenefitClaim.COLUMNS);
    private static final String CLAIM_IN_PROGRAMME = """
            select %s from benefit_claim
            where id = $2 and benefit_id in (select id from benefit where programme_id = $1)
            """.formatted(BenefitClaim.COLUMNS);

    /** What an enrolment collided with. */
    public record Collision(boolean sameReference, boolean sameHousehold, boolean sameShop) {}

    private final Db db;

    public Beneficiaries(Db db) {
        this.db = db;
    }

    /** The enrolment, or null when it collides with one made before ({@link #collision}). */
    public Uni<Beneficiary> enrol(UUID id, UUID programmeId, Beneficiary.Draft d, Instant now) {
        return db.first(
                ENROL,
                Beneficiary::from,
                id,
                programmeId,
                d.reference(),
                d.county(),
                d.householdId(),
                d.ageBand(),
                d.sellerId(),
                now);
    }

    public Uni<Collision> collision(UUID programmeId, Beneficiary.Draft d) {
        return db.first(
                ENROLLED_ALREADY,
                r -> new Collision(
                        Boolean.TRUE.equals(r.getBoolean("same_reference")),
                        Boolean.TRUE.equals(r.getBoolean("same_household")),
                        Boolean.TRUE.equals(r.getBoolean("same_shop"))),
                programmeId,
                d.reference(),
                d.householdId(),
                d.sellerId());
    }

    /** The programme's beneficiary, or null. */
    public Uni<Beneficiary> find(UUID programmeId, UUID id) {
        return db.first(BY_ID, Beneficiary::from, programmeId, id);
    }

    public Uni<List<Beneficiary>> page(UUID programmeId, int page, int size) {
        return db.list(PAGE_IN_ENROLMENT_ORDER, Beneficiary::from, programmeId, size, page * size);
    }

    /**
     * At most {@code limit} beneficiaries enrolled after number {@code after} with no benefit running on {@code day},
     * in enrolment order.
     */
    public Uni<List<Beneficiary>> waiting(UUID programmeId, LocalDate day, long after, int limit) {
        return db.list(WAITING, Beneficiary::from, programmeId, day, after, limit);
    }

    /** Inserts the benefits; the number of their beneficiaries who had none before. */
    public Uni<Integer> insertBenefits(List<Benefit> benefits, Instant now) {
        if (benefits.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return db.update(INSERT_BENEFITS, BENEFIT_COLUMNS.params(benefits))
                .chain(() -> db.update(
                        FIRST_BENEFITS,
                        benefits.stream().map(Benefit::beneficiaryId).toArray(UUID[]::new),
                        now));
    }

    public Uni<List<Benefit>> benefitsOf(UUID beneficiaryId) {
        return db.list(BENEFITS_OF_BENEFICIARY, Benefit::from, beneficiaryId);
    }

    /** The programme's benefit, or null. */
    public Uni<Benefit> benefit(UUID programmeId, UUID benefitId) {
        return db.first(BENEFIT_IN_PROGRAMME, Benefit::from, programmeId, benefitId);
    }

    /** The claim recorded, or null when the insurer's reference is recorded against the cover already. */
    public Uni<BenefitClaim> recordClaim(BenefitClaim c) {
        return db.first(
                RECORD_CLAIM,
                BenefitClaim::from,
                c.id(),
                c.benefitId(),
                c.reference(),
                c.amountFen(),
                c.paidOn(),
                c.recordedAt());
    }

    public Uni<List<BenefitClaim>> claimsOf(UUID beneficiaryId) {
        return db.list(CLAIMS_OF_BENEFICIARY, BenefitClaim::from, beneficiaryId);
    }

    /** The programme's claim, or null. */
    public Uni<BenefitClaim> claim(UUID programmeId, UUID claimId) {
        return db.first(CLAIM_IN_PROGRAMME, BenefitClaim::from, programmeId, claimId);
    }
}
