package org.gongyi.forest.domain;

/**
 * How one action type earns energy. {@code grams} per action, or for walking per {@code stepsPerUnit} steps
 * (linear, rounded down). Caps: {@code capCount} actions per {@code capPeriod}; walking {@code capGrams} a day;
 * {@code householdMonthlyCap} actions per household account a month; actions paying less than
 * {@code minAmountFen} earn nothing. Null means "no such limit".
 */
public record EnergyRule(
        ActionType actionType,
        long grams,
        Long stepsPerUnit,
        CapPeriod capPeriod,
        Integer capCount,
        Long capGrams,
        Long minAmountFen,
        Integer householdMonthlyCap) {

    public EnergyRule {
        if (actionType == null) {
            throw new IllegalArgumentException("actionType is required");
        }
        if (grams < 1 || grams > 1_000_000) {
            throw new IllegalArgumentException(actionType + ": grams must be between 1 and 1,000,000");
        }
        if ((actionType == ActionType.WALKING) != (stepsPerUnit != null)) {
            throw new IllegalArgumentException(actionType + ": stepsPerUnit is for WALKING, and WALKING needs it");
        }
        if (stepsPerUnit != null && (stepsPerUnit < 1 || stepsPerUnit > 1_000_000)) {
            throw new IllegalArgumentException("WALKING: stepsPerUnit must be between 1 and 1,000,000");
        }
        if ((capCount == null) != (capPeriod == null) && capGrams == null) {
            throw new IllegalArgumentException(actionType + ": capCount and capPeriod go together");
        }
        if (capCount != null && capCount < 1) {
            throw new IllegalArgumentException(actionType + ": capCount must be at least 1");
        }
        if (capGrams != null && (capGrams < 1 || capPeriod == null)) {
            throw new IllegalArgumentException(actionType + ": capGrams needs a capPeriod and must be at least 1");
        }
        if (minAmountFen != null && minAmountFen < 0) {
            throw new IllegalArgumentException(actionType + ": minAmountFen must not be negative");
        }
        if (householdMonthlyCap != null && householdMonthlyCap < 1) {
            throw new IllegalArgumentException(actionType + ": householdMonthlyCap must be at least 1");
        }
    }

    public boolean walking() {
        return stepsPerUnit != null;
    }

    /**
     * The energy for one reported action, given what the user already earned in the cap period. For walking,
     * {@code quantity} is the day's step count so far: only the difference to what was credited earlier that day
     * is credited. The household cap is checked by the caller (it spans users) after a credit decision.
     */
    public EnergyDecision decide(long quantity, Long amountFen, Usage usage) {
        if (minAmountFen != null && (amountFen == null || amountFen < minAmountFen)) {
            return EnergyDecision.rejected("paid " + (amountFen == null ? "no amount" : Money.yuan(amountFen))
                    + ", below the minimum of " + Money.yuan(minAmountFen));
        }
        if (walking()) {
            long earned = Math.multiplyExact(quantity, grams) / stepsPerUnit;
            long allowed = capGrams == null ? earned : Math.min(earned, capGrams);
            long credit = allowed - usage.grams();
            if (credit > 0) {
                return earned > allowed
                        ? EnergyDecision.credit(credit, 0, "walking capped at " + capGrams + " g a day")
                        : EnergyDecision.credit(credit, 0, null);
            }
            if (capGrams != null && usage.grams() >= capGrams) {
                return EnergyDecision.capped("walking cap of " + capGrams + " g a day already reached");
            }
            return EnergyDecision.rejected(
                    quantity + " steps earn no more than the " + usage.grams() + " g already credited today");
        }
        long count = quantity;
        String note = null;
        if (capCount != null) {
            long left = capCount - usage.count();
            if (left <= 0) {
                return EnergyDecision.capped(capText() + " already reached");
            }
            if (count > left) {
                note = (count - left) + " of " + count + " over the " + capText();
                count = left;
            }
        }
        if (capGrams != null) {
            long leftGrams = capGrams - usage.grams();
            if (leftGrams < grams) {
                return EnergyDecision.capped("cap of " + capGrams + " g a " + period() + " already reached");
            }
            if (count * grams > leftGrams) {
                note = "capped at " + capGrams + " g a " + period();
                count = leftGrams / grams;
            }
        }
        return EnergyDecision.credit(count * grams, (int) count, note);
    }

    private String capText() {
        return "cap of " + capCount + " a " + period();
    }

    private String period() {
        return capPeriod == CapPeriod.DAY ? "day" : "month";
    }

    /** What the user already earned from this action type in the rule's cap period. */
    public record Usage(long count, long grams) {
        public static final Usage NONE = new Usage(0, 0);

        /** This usage and another counted together. */
        public Usage plus(Usage other) {
            return new Usage(count + other.count, grams + other.grams);
        }
    }
}
