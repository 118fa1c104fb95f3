package org.gongyi.forest.domain;

import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** One version of the energy rules: a rule for every action type. */
public final class EnergyRuleTable {

    private final Map<ActionType, EnergyRule> rules = new EnumMap<>(ActionType.class);

    public EnergyRuleTable(Collection<EnergyRule> rules) {
        for (EnergyRule r : rules) {
            if (this.rules.put(r.actionType(), r) != null) {
                throw new IllegalArgumentException("two rules for " + r.actionType());
            }
        }
        for (ActionType t : ActionType.values()) {
            if (!this.rules.containsKey(t)) {
                throw new IllegalArgumentException("no rule for " + t);
            }
        }
    }

    public EnergyRule rule(ActionType type) {
        return rules.get(type);
    }

    public List<EnergyRule> rules() {
        return List.copyOf(rules.values());
    }

    /**
     * The published rules (2022): walking ≈200 g per 10,000 steps up to 296 g a day; payments and bills only from
     * ¥1; one utility bill per household account a month. Bus and ETC caps are ours.
     */
    public static EnergyRuleTable defaults() {
        return new EnergyRuleTable(List.of(
                new EnergyRule(ActionType.WALKING, 200, 10_000L, CapPeriod.DAY, null, 296L, null, null),
                new EnergyRule(ActionType.OFFLINE_PAYMENT, 5, null, CapPeriod.DAY, 10, null, 100L, null),
                new EnergyRule(ActionType.UTILITY_BILL, 262, null, CapPeriod.MONTH, 10, null, 100L, 1),
                new EnergyRule(ActionType.CINEMA_TICKET, 180, null, CapPeriod.MONTH, 10, null, null, null),
                new EnergyRule(ActionType.TRAIN_TICKET, 136, null, CapPeriod.MONTH, 10, null, null, null),
                new EnergyRule(ActionType.HOSPITAL_APPOINTMENT, 277, null, CapPeriod.MONTH, 5, null, null, null),
                new EnergyRule(ActionType.METRO_RIDE, 52, null, CapPeriod.DAY, 5, null, null, null),
                new EnergyRule(ActionType.BUS_RIDE, 80, null, CapPeriod.DAY, 5, null, null, null),
                new EnergyRule(ActionType.ETC_TOLL, 23, null, CapPeriod.DAY, 5, null, null, null),
                new EnergyRule(ActionType.E_INVOICE, 5, null, CapPeriod.DAY, 5, null, null, null)));
    }
}
