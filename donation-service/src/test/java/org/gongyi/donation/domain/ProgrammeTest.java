package org.gongyi.donation.domain;

import org.gongyi.donation.domain.Programme.Applicant;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProgrammeTest {

    private static final Set<String> POOR = Set.of("Lankao", "Pingshun");
    private static final Programme INSURANCE = Programme.of(Programme.Kind.HEALTH_INSURANCE, 6_400);
    private static final Programme MOTHERS = Programme.of(Programme.Kind.MOTHERS_BUSINESS, 500_000);

    private static String refused(Programme p, Applicant a) {
        return assertThrows(InvalidEnrolmentException.class, () -> p.check(a, POOR))
                .getMessage();
    }

    @Test
    void insuranceCoversHouseholdsWhoseInsuredIs18To60InAPoorCounty() {
        assertDoesNotThrow(() -> INSURANCE.check(new Applicant("Lankao", 18, "hh-1", null), POOR));
        assertDoesNotThrow(() -> INSURANCE.check(new Applicant("Pingshun", 60, "hh-2", null), POOR));
        assertEquals(
                "the insured must be 18 to 60, not 17", refused(INSURANCE, new Applicant("Lankao", 17, "hh-3", null)));
        assertEquals(
                "the insured must be 18 to 60, not 61", refused(INSURANCE, new Applicant("Lankao", 61, "hh-3", null)));
        assertEquals(
                "Hangzhou is not on the programme's list of national-level poor counties",
                refused(INSURANCE, new Applicant("Hangzhou", 40, "hh-4", null)));
        assertEquals(
                "householdId is required: the cover is per registered household",
                refused(INSURANCE, new Applicant("Lankao", 40, " ", null)));
        assertEquals(
                "age is required: the insured is 18 to 60",
                refused(INSURANCE, new Applicant("Lankao", null, "hh-5", null)));
        assertEquals("county is required", refused(INSURANCE, new Applicant(null, 40, "hh-6", null)));
    }

    @Test
    void aMothersBusinessKeepsNoHouseholdOrAge() {
        assertDoesNotThrow(() -> MOTHERS.check(new Applicant("Hangzhou", null, null, "seller-m1"), POOR));
        assertEquals(
                "a mothers' business programme keeps no household id or age: leave them out",
                refused(MOTHERS, new Applicant("Hangzhou", 35, null, null)));
        assertEquals("county is required", refused(MOTHERS, new Applicant("", null, null, null)));
    }

    @Test
    void aUnitIsBetweenOneFenAndAMillionYuan() {
        assertEquals(1, Programme.of(Programme.Kind.HEALTH_INSURANCE, 1).unitFen());
        assertEquals(
                Programme.MAX_UNIT_FEN,
                Programme.of(Programme.Kind.MOTHERS_BUSINESS, Programme.MAX_UNIT_FEN)
                        .unitFen());
        assertThrows(InvalidEnrolmentException.class, () -> Programme.of(Programme.Kind.HEALTH_INSURANCE, 0));
        assertThrows(
                InvalidEnrolmentException.class,
                () -> Programme.of(Programme.Kind.MOTHERS_BUSINESS, Programme.MAX_UNIT_FEN + 1));
    }

    @Test
    void anEnrolmentKeepsTheAgeBandNotTheAge() {
        assertEquals("18-29", Programme.ageBand(18));
        assertEquals("18-29", Programme.ageBand(29));
        assertEquals("30-39", Programme.ageBand(30));
        assertEquals("40-49", Programme.ageBand(49));
        assertEquals("50-60", Programme.ageBand(50));
        assertEquals("50-60", Programme.ageBand(60));
        assertEquals(null, Programme.ageBand(null));
        assertThrows(InvalidEnrolmentException.class, () -> Programme.ageBand(17));
    }

    @Test
    void aCoverLastsAYearAndAGrantHasNoEnd() {
        assertEquals(LocalDate.of(2019, 5, 31), new Programme.HealthInsurance(6_400).endsOn(LocalDate.of(2018, 6, 1)));
        // a cover from 29 February ends on 27 February: the year after has no 29th
        assertEquals(LocalDate.of(2021, 2, 27), new Programme.HealthInsurance(6_400).endsOn(LocalDate.of(2020, 2, 29)));
        assertEquals(null, new Programme.MothersBusiness(500_000).endsOn(LocalDate.of(2018, 6, 1)));
    }

    @Test
    void anInsuranceEnrolmentLinksNoShop() {
        InvalidEnrolmentException e = assertThrows(
                InvalidEnrolmentException.class,
                () -> new Programme.HealthInsurance(6_400)
                        .check(new Applicant("Tianzhu", 30, "TZ-1", "seller-1"), Set.of("Tianzhu")));
        assertEquals("an insurance enrolment keeps no seller id: leave it out", e.getMessage());
    }
}
