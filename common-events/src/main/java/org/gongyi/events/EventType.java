package org.gongyi.events;

import org.gongyi.events.contract.ActivityNotice;
import org.gongyi.events.contract.AlertClosed;
import org.gongyi.events.contract.AlertPublished;
import org.gongyi.events.contract.BenefitBought;
import org.gongyi.events.contract.ClaimPaid;
import org.gongyi.events.contract.CoPlantingInvited;
import org.gongyi.events.contract.DonationRecorded;
import org.gongyi.events.contract.DonationReversed;
import org.gongyi.events.contract.EnergyCredited;
import org.gongyi.events.contract.EnergyRipe;
import org.gongyi.events.contract.EventData;
import org.gongyi.events.contract.JobsReported;
import org.gongyi.events.contract.LeadSent;
import org.gongyi.events.contract.LocatorPosition;
import org.gongyi.events.contract.LowCarbonActionRecorded;
import org.gongyi.events.contract.NotificationBatch;
import org.gongyi.events.contract.OrderRefunded;
import org.gongyi.events.contract.ParticipationCounted;
import org.gongyi.events.contract.PurchaseCompleted;
import org.gongyi.events.contract.TreePlanted;
import org.gongyi.events.contract.WelfareTimeCredited;

import java.util.Optional;

/**
 * Every event type: its CloudEvents {@code type}, the record that carries its data, and its topic.
 * The JSON Schema of a type lives at {@code /schemas/<type>.json}.
 * <p>
 * Evolution rule: within a type only optional fields are added; a breaking change is a new type
 * (e.g. {@code commerce.purchase-completed.v2}) published alongside the old one until consumers move.
 */
public enum EventType {
    PURCHASE_COMPLETED("commerce.purchase-completed", PurchaseCompleted.class, Topic.COMMERCE_ORDERS),
    ORDER_REFUNDED("commerce.order-refunded", OrderRefunded.class, Topic.COMMERCE_ORDERS),
    DONATION_RECORDED("donation.recorded", DonationRecorded.class, Topic.DONATION_EVENTS),
    DONATION_REVERSED("donation.reversed", DonationReversed.class, Topic.DONATION_EVENTS),
    BENEFIT_BOUGHT("donation.benefit-bought", BenefitBought.class, Topic.DONATION_PROGRAMMES),
    CLAIM_PAID("donation.claim-paid", ClaimPaid.class, Topic.DONATION_PROGRAMMES),
    JOBS_REPORTED("donation.jobs-reported", JobsReported.class, Topic.DONATION_PROGRAMMES),
    LOWCARBON_ACTION_RECORDED("lowcarbon.action-recorded", LowCarbonActionRecorded.class, Topic.LOWCARBON_ACTIONS),
    ENERGY_CREDITED("forest.energy-credited", EnergyCredited.class, Topic.FOREST_EVENTS),
    TREE_PLANTED("forest.tree-planted", TreePlanted.class, Topic.FOREST_EVENTS),
    ENERGY_RIPE("forest.energy-ripe", EnergyRipe.class, Topic.FOREST_NOTIFICATIONS),
    CO_PLANTING_INVITED("forest.co-planting-invited", CoPlantingInvited.class, Topic.FOREST_NOTIFICATIONS),
    ALERT_PUBLISHED("reunion.alert-published", AlertPublished.class, Topic.REUNION_ALERTS),
    ALERT_CLOSED("reunion.alert-closed", AlertClosed.class, Topic.REUNION_ALERTS),
    LEAD_SENT("reunion.lead-sent", LeadSent.class, Topic.REUNION_PARTICIPATIONS),
    LOCATOR_POSITION("reunion.locator-position", LocatorPosition.class, Topic.LOCATOR_POSITIONS),
    NOTIFICATION_BATCH("reunion.notification-batch", NotificationBatch.class, Topic.REUNION_PUSH),
    ACTIVITY_NOTICE("volunteer.activity-notice", ActivityNotice.class, Topic.VOLUNTEER_ACTIVITIES),
    PARTICIPATION_COUNTED(
            "volunteer.participation-counted", ParticipationCounted.class, Topic.VOLUNTEER_PARTICIPATIONS),
    WELFARE_TIME_CREDITED("volunteer.welfare-time-credited", WelfareTimeCredited.class, Topic.VOLUNTEER_WELFARE_TIME);

    private final String ceType;
    private final Class<? extends EventData> dataClass;
    private final Topic topic;

    EventType(String ceType, Class<? extends EventData> dataClass, Topic topic) {
        this.ceType = ceType;
        this.dataClass = dataClass;
        this.topic = topic;
    }

    /** The CloudEvents {@code type} attribute ({@code ce_type} header). */
    public String ceType() {
        return ceType;
    }

    public Class<? extends EventData> dataClass() {
        return dataClass;
    }

    public Topic topic() {
        return topic;
    }

    public String schemaResource() {
        return "/schemas/" + ceType + ".json";
    }

    public static Optional<EventType> fromCeType(String ceType) {
        for (EventType t : values()) {
            if (t.ceType.equals(ceType)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    public static EventType of(EventData data) {
        for (EventType t : values()) {
            if (t.dataClass.isInstance(data)) {
                return t;
            }
        }
        throw new IllegalArgumentException(
                "No event type for " + data.getClass().getName());
    }
}
