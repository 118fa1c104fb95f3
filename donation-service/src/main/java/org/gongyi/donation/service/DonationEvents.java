package org.gongyi.donation.service;

import org.gongyi.donation.domain.DonationRule;
import org.gongyi.donation.persistence.Donation;
import org.gongyi.events.contract.DonationRecorded;

/** The events donations make. */
final class DonationEvents {

    private DonationEvents() {}

    /**
     * The event of a new donation: a purchase's with the rule copied onto it, or a lucky bag's ({@code sponsored}: whose
     * money, which pool and campaign) with none.
     */
    static DonationRecorded recorded(Donation d, DonationRecorded.Sponsored sponsored) {
        return new DonationRecorded(
                d.id().toString(),
                d.orderId(),
                d.itemId(),
                d.buyerId(),
                d.sellerId(),
                d.projectId().toString(),
                d.province(),
                d.paidFen(),
                d.amountFen(),
                d.terms() == null ? null : ruleOf(d.terms().rule()),
                d.completedAt(),
                d.recordedAt(),
                sponsored);
    }

    private static org.gongyi.events.contract.DonationRule ruleOf(DonationRule rule) {
        if (rule instanceof DonationRule.Percentage p) {
            return new org.gongyi.events.contract.DonationRule("PERCENTAGE", p.basisPoints(), null);
        }
        return new org.gongyi.events.contract.DonationRule("FIXED", null, ((DonationRule.Fixed) rule).amountFen());
    }
}
