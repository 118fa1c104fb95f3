package org.gongyi.events.contract;

/** The data of one domain event. The record key and the CloudEvents subject come from the data itself. */
public sealed interface EventData
        permits PurchaseCompleted,
                OrderRefunded,
                DonationRecorded,
                DonationReversed,
                BenefitBought,
                ClaimPaid,
                JobsReported,
                LowCarbonActionRecorded,
                EnergyCredited,
                TreePlanted,
                EnergyRipe,
                CoPlantingInvited,
                AlertPublished,
                AlertClosed,
                LeadSent,
                NotificationBatch,
                LocatorPosition,
                ActivityNotice,
                ParticipationCounted,
                WelfareTimeCredited {

    /** Kafka record key: events with the same key are delivered in order. */
    String partitionKey();

    /** CloudEvents {@code subject}: the aggregate the event is about. */
    String subject();
}
