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
import org.gongyi.events.contract.TreePlanted;
import org.gongyi.events.inbox.Inbox;
import org.gongyi.events.replay.ReplayPlan;
import org.gongyi.events.replay.ReplayPlan.Feed;
import org.gongyi.events.replay.ReplayPlan.Projection;
import org.gongyi.volunteer.domain.WelfareTime;
import org.gongyi.volunteer.domain.WelfareTime.Source;
import org.gongyi.volunteer.service.DonationCredits;
import org.gongyi.volunteer.service.WelfareLedger;

import java.util.List;

/**
 * Online welfare from the other services: a donation (or cause-linked purchase) earns 0.1 (at most 0.5 a year;
 * revoked if it is wholly refunded), a tree planted alone 1 (a co-planted one 0.5 each). Each event takes effect
 * once (inbox), each source once (ledger).
 */
@ApplicationScoped
public class WelfareSourcesConsumer {

    static final String DONATIONS = "volunteer-service.donations";
    static final String FOREST = "volunteer-service.forest";

    private static final String ONLINE = "('DONATION', 'TREE')";

    private final Inbox inbox;
    private final WelfareLedger ledger;
    private final DonationCredits donations;

    public WelfareSourcesConsumer(Inbox inbox, WelfareLedger ledger, DonationCredits donations) {
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

    private Uni<Void> apply(EventEnvelope event) {
        return switch (event.type()) {
            case DONATION_RECORDED -> donations.recorded(event.dataAs(DonationRecorded.class));
            case DONATION_REVERSED -> donations.reversed(event.dataAs(DonationReversed.class));
            case TREE_PLANTED -> {
                TreePlanted t = event.dataAs(TreePlanted.class);
                yield ledger.credit(
                                t.userId(),
                                Source.TREE,
                                t.certificateNo(),
                                WelfareTime.year(t.plantedAt()),
                                t.sharedWith() == null ? WelfareTime.TREE_TENTHS : WelfareTime.CO_PLANTED_TREE_TENTHS)
                        .replaceWithVoid();
            }
            default -> Uni.createFrom().voidItem();
        };
    }

    /**
     * An auditor's replay of volunteer-service: donation.donations and forest.events again through the consumer's own
     * effects; then the donation credits, the welfare time credited for donations and trees, the people's yearly totals
     * of those sources and the credit events compared with the live ones. Offline service and blood donations are
     * commands (check-ins, records), left out; so are pledge certificates, which count them.
     */
    @Produces
    @Singleton
    ReplayPlan replayPlan() {
        return new ReplayPlan(
                List.of(
                        new Feed("donations", DONATIONS, this::apply, null),
                        new Feed("forest", FOREST, this::apply, null)),
                List.of(),
                List.of(),
                List.of(
                        new Projection(
                                "donation credits",
                                "select donation_id, user_id, amount_fen, reversed_fen, "
                                        + "credit_id is not null as credited, revoked_at is not null as revoked, "
                                        + "cast(source_event_id as text) as source_event from donation_credit",
                                1),
                        new Projection(
                                "welfare time for donations and trees",
                                "select source, source_ref, user_id, year, "
                                        + "tenths, revoked_at is not null as revoked, cast(source_event_id as text) as source_event "
                                        + "from welfare_credit where source in " + ONLINE,
                                3),
                        new Projection(
                                "yearly totals of those",
                                "select user_id, year, source, tenths, "
                                        + "cast(last_event_id as text) as last_event from welfare_year where source in "
                                        + ONLINE,
                                3),
                        Projection.fromEvents(
                                "yearly totals from published events",
                                "select user_id, year, "
                                        + "cast(sum(tenths) as bigint) as tenths from welfare_year group by user_id, year",
                                "select payload ->> 'userId' as user_id, cast(payload ->> 'year' as int) as year, "
                                        + "cast(sum(cast(payload ->> 'tenths' as bigint)) as bigint) as tenths "
                                        + "from event_ledger where ce_type = 'volunteer.welfare-time-credited' "
                                        + "group by 1, 2",
                                2),
                        Projection.emittedAgainstPublished(
                                "events emitted vs published", """
                                select cast(partition_key as text) as key, count(*) as events,
                                       sum(cast(cast(payload as jsonb) ->> 'tenths' as int)) as tenths
                                from outbox_event
                                where ce_type = 'volunteer.welfare-time-credited'
                                  and cast(payload as jsonb) ->> 'source' in %s
                                group by 1""".formatted(ONLINE), """
                                select key, count(*) as events, sum(cast(payload ->> 'tenths' as int)) as tenths
                                from event_ledger
                                where ce_type = 'volunteer.welfare-time-credited'
                                  and payload ->> 'source' in %s
                                group by 1""".formatted(ONLINE), 1)));
    }
}
