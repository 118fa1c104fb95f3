package org.gongyi.events.contract;

/**
 * The rule in force when a donation was made. PERCENTAGE carries {@code basisPoints} (1 bp = 0.01 %),
 * FIXED carries {@code fixedFen}.
 */
public record DonationRule(String type, Integer basisPoints, Long fixedFen) {}
