package org.gongyi.donation.domain;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.Set;

/**
 * What a project's payouts buy for the people it helps: a charity's programme on one of its projects. Amounts are
 * integer fen; a payout buys whole benefits ({@link Benefits#buy}).
 * <ul>
 *   <li>HEALTH_INSURANCE (顶梁柱健康扶贫公益保险): a year's health cover per registered poor household (建档立卡户) whose
 *       insured member is 18–60, in a county on the national poor-county list the charity keeps; {@code unitFen}:
 *       the premium (about ¥64 a household in 2018);</li>
 *   <li>MOTHERS_BUSINESS (魔豆妈妈): a start-up grant per mother in hardship opening her own online shop;
 *       {@code unitFen}: the grant.</li>
 * </ul>
 * An enrolment keeps the least the benefit needs: an opaque id, the county, for insurance the household id and that
 * the insured is of age; never a name or an ID number.
 */
public sealed interface Programme {

    int MIN_INSURED_AGE = 18;
    int MAX_INSURED_AGE = 60;
    /** The most jobs a month's report may count. */
    int MAX_JOBS_A_MONTH = 1_000_000;

    /** The largest unit a programme may set: ¥1,000,000. */
    long MAX_UNIT_FEN = 100_000_000;

    Kind kind();

    /** What one benefit costs: a household's yearly premium, or a grant. */
    long unitFen();

    /**
     * The last day of a benefit starting on {@code startsOn}: a year's cover ends the day before the same date a year
     * later; a grant has no end (null).
     */
    LocalDate endsOn(LocalDate startsOn);

    @Schema(name = "ProgrammeKind")
    enum Kind {
        HEALTH_INSURANCE,
        MOTHERS_BUSINESS
    }

    /** A person asked to be enrolled: only what the programme's rule checks. */
    record Applicant(String county, Integer age, String householdId, String sellerId) {}

    /**
     * Checks an applicant against the programme's rule; {@code poorCounties}: the charity's list of national-level
     * poor counties. Throws {@link InvalidEnrolmentException} saying what is wrong.
     */
    void check(Applicant a, Set<String> poorCounties);

    /**
     * The age band an enrolment keeps instead of the age (18–29, 30–39, 40–49, 50–60); null without an age.
     */
    static String ageBand(Integer age) {
        if (age == null) {
            return null;
        }
        if (age < MIN_INSURED_AGE || age > MAX_INSURED_AGE) {
            throw new InvalidEnrolmentException("no age band for " + age);
        }
        return age < 30 ? "18-29" : age < 40 ? "30-39" : age < 50 ? "40-49" : "50-60";
    }

    static Programme of(Kind kind, long unitFen) {
        return switch (kind) {
            case HEALTH_INSURANCE -> new HealthInsurance(unitFen);
            case MOTHERS_BUSINESS -> new MothersBusiness(unitFen);
        };
    }

    record HealthInsurance(long premiumFen) implements Programme {
        public HealthInsurance {
            requireUnit(premiumFen, "the premium");
        }

        @Override
        public Kind kind() {
            return Kind.HEALTH_INSURANCE;
        }

        @Override
        public long unitFen() {
            return premiumFen;
        }

        @Override
        public LocalDate endsOn(LocalDate startsOn) {
            return startsOn.plusYears(1).minusDays(1);
        }

        @Override
        public void check(Applicant a, Set<String> poorCounties) {
            requireCounty(a);
            if (!poorCounties.contains(a.county())) {
                throw new InvalidEnrolmentException(
                        a.county() + " is not on the programme's list of national-level poor counties");
            }
            if (a.householdId() == null || a.householdId().isBlank()) {
                throw new InvalidEnrolmentException("householdId is required: the cover is per registered household");
            }
            if (a.sellerId() != null) {
                throw new InvalidEnrolmentException("an insurance enrolment keeps no seller id: leave it out");
            }
            if (a.age() == null) {
                throw new InvalidEnrolmentException("age is required: the insured is 18 to 60");
            }
            if (a.age() < MIN_INSURED_AGE || a.age() > MAX_INSURED_AGE) {
                throw new InvalidEnrolmentException(
                        "the insured must be " + MIN_INSURED_AGE + " to " + MAX_INSURED_AGE + ", not " + a.age());
            }
        }
    }

    record MothersBusiness(long grantFen) implements Programme {
        public MothersBusiness {
            requireUnit(grantFen, "the grant");
        }

        @Override
        public Kind kind() {
            return Kind.MOTHERS_BUSINESS;
        }

        @Override
        public long unitFen() {
            return grantFen;
        }

        @Override
        public LocalDate endsOn(LocalDate startsOn) {
            return null;
        }

        @Override
        public void check(Applicant a, Set<String> poorCounties) {
            requireCounty(a);
            if (a.householdId() != null || a.age() != null) {
                throw new InvalidEnrolmentException(
                        "a mothers' business programme keeps no household id or age: leave them out");
            }
        }
    }

    private static void requireUnit(long fen, String what) {
        if (fen < 1 || fen > MAX_UNIT_FEN) {
            throw new InvalidEnrolmentException(what + " must be between 1 fen and ¥1,000,000");
        }
    }

    private static void requireCounty(Applicant a) {
        if (a.county() == null || a.county().isBlank()) {
            throw new InvalidEnrolmentException("county is required");
        }
    }
}
