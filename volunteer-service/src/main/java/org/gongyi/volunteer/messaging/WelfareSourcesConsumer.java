package org.gongyi.volunteer.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.gongyi.events.EventEnvelope;
import org.gongyi.events.contract.DonationRecorded;
import org.gongyi.events.contract.DonationReversed;
import org.gongyi.events.contract.EnergyCredited;
import org.gongyi.events.contract.LeadSent;
import org.gongyi.events.contract.TreePlanted;
import org.gongyi.events.inbox.Inbox;
import org.gongyi.events.replay.ReplayPlan;
import org.gongyi.events.replay.ReplayPlan.Feed;
import org.gongyi.volunteer.domain.Campaign;
import org.gongyi.volunteer.domain.WelfareTime;
import org.gongyi.volunteer.domain.WelfareTime.Source;
import org.gongyi.volunteer.persistence.AuditPlan;
import org.gongyi.volunteer.service.CampaignCounter;
import org.gongyi.volunteer.service.DonationCredits;
import org.gongyi.volunteer.service.WelfareLedger;

/**
 * Online welfare from the other services: a donation (or cause-linked purchase) earns 0.1 (at most 0.5 a year;
 * revoked if it is wholly refunded), a tree planted alone 1 (a co-planted one 0.5 each). Each event takes effect
 * once (inbox), each source once (ledger). Donations, trees, energy earned and leads sent on missing-child alerts also
 * count in the campaigns whose window they happened in ({@link CampaignCounter}).
 */
@ApplicationScoped
public class WelfareSourcesConsumer {

    static final String DONATIONS = "volunteer-service.donations";
    static final String FOREST = "volunteer-service.forest";
    static final String PARTICIPATIONS = "volunteer-service.participations";

    private final Inbox inbox;
    private final WelfareLedger ledger;
    private final DonationCredits donations;
    private final CampaignCounter campaigns;

    public WelfareSourcesConsumer(
            Inbox inbox, WelfareLedger ledger, DonationCredits donations, CampaignCounter campaigns) {
        this.campaigns = campaigns;
        this.inbox = inbox;
        this.ledger = ledger;
        this.donations = donations;
    }

    @Incoming("donations")
    public Uni<Void> donations(ConsumerRecords<String, String> records) {
        return inbox.processPoll(DONATIONS, records, this::apply, null);
    }

    @Incoming("forest")
    public Uni<Void> forest(ConsumerRecords<String, String> records) {
        return inbox.processPoll(FOREST, records, this::apply, null);
    }

    /** Leads sent on missing-child alerts: for the campaigns only. */
    @Incoming("participations")
    public Uni<Void> participations(ConsumerRecords<String, String> records) {
        return inbox.processPoll(PARTICIPATIONS, records, this::apply, null);
    }

    private Uni<Void> apply(EventEnvelope event) {
        return switch (event.type()) {
            case DONATION_RECORDED -> {
                DonationRecorded d = event.dataAs(DonationRecorded.class);
                if (d.sponsored() != null) {
                    // a lucky bag's donation: the sponsor's money, neither welfare time nor a participation (nor a
                    // chance at another bag)
                    yield Uni.createFrom().voidItem();
                }
                yield donations
                        .recorded(d)
                        .call(() -> campaigns.count(
                                Campaign.Action.DONATION,
                                d.buyerId(),
                                "donation:" + d.donationId(),
                                d.province(),
                                d.completedAt(),
                                event.id()));
            }
            case DONATION_REVERSED -> donations.reversed(event.dataAs(DonationReversed.class));
            case TREE_PLANTED -> {
                TreePlanted t = event.dataAs(TreePlanted.class);
                yield ledger.credit(
                                t.userId(),
                                Source.TREE,
                                t.certificateNo(),
                                WelfareTime.year(t.plantedAt()),
                                t.sharedWith() == null ? WelfareTime.TREE_TENTHS : WelfareTime.CO_PLANTED_TREE_TENTHS)
                        .call(() -> campaigns.count(
                                Campaign.Action.TREE_PLANTED,
                                t.userId(),
                                "tree:" + t.certificateNo() + ":" + t.userId(),
                                null,
                                t.plantedAt(),
                                event.id()))
                        .replaceWithVoid();
            }
            case ENERGY_CREDITED -> {
                EnergyCredited e = event.dataAs(EnergyCredited.class);
                yield campaigns.count(
                        Campaign.Action.ENERGY_EARNED,
                        e.userId(),
                        "energy:" + e.ballId(),
                        null,
                        e.creditedAt(),
                        event.id());
            }
            case LEAD_SENT -> {
                LeadSent l = event.dataAs(LeadSent.class);
                yield campaigns.count(
                        Campaign.Action.LEAD, l.userId(), "lead:" + l.leadId(), null, l.sentAt(), event.id());
            }
            default -> Uni.createFrom().voidItem();
        };
    }

    /** An auditor's replay of volunteer-service: both topics again through this consumer's effects. */
    @Produces
    @Singleton
    ReplayPlan replayPlan() {
        return AuditPlan.of(
                new Feed("donations", DONATIONS, this::apply, null), new Feed("forest", FOREST, this::apply, null));
    }
}
