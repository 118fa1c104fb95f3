package org.gongyi.volunteer.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.events.contract.ParticipationCounted;
import org.gongyi.events.outbox.Outbox;
import org.gongyi.volunteer.domain.Campaign;
import org.gongyi.volunteer.persistence.Campaigns;
import org.gongyi.volunteer.persistence.Campaigns.Participation;
import org.gongyi.volunteer.persistence.DefinedCampaign;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Counts a fact into every campaign whose window and actions take it, in the transaction of the fact's own effect,
 * and says so for each campaign that counted it ({@code volunteer.participation-counted}, through the outbox: a chance
 * at the campaign's lucky bags).
 * The campaigns (a few a year) are kept in memory and read again every 2 seconds and whenever this instance defines
 * one; a campaign is announced at least 10 seconds before it starts ({@link Campaign#NOTICE}), so every instance knows
 * it before its first participation.
 */
@ApplicationScoped
public class CampaignCounter {

    private final Campaigns campaigns;
    private final Outbox outbox;
    private volatile List<DefinedCampaign> known;

    public CampaignCounter(Campaigns campaigns, Outbox outbox) {
        this.campaigns = campaigns;
        this.outbox = outbox;
    }

    /**
     * Counts the fact ({@code sourceRef}: its natural key; {@code province} when known) in the campaigns that take it.
     */
    public Uni<Void> count(
            Campaign.Action action, String personId, String sourceRef, String province, Instant at, UUID eventId) {
        return campaigns()
                .chain(cs -> campaigns.count(cs.stream()
                        .filter(c -> c.campaign().counts(action, at))
                        .map(c -> new Participation(c.id(), action, sourceRef, personId, province, at, eventId))
                        .toList()))
                .chain(counted -> outbox.appendAll(
                        counted.stream().map(CampaignCounter::counted).toList()));
    }

    /**
     * The event of a participation counted: its id is the same for the same fact in the same campaign (name-based on
     * the campaign, the action and the fact's key), and says nothing of what the fact was.
     */
    static ParticipationCounted counted(Participation p) {
        String name = p.campaignId() + "\n" + p.action().name() + "\n" + p.sourceRef();
        return new ParticipationCounted(
                UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString(),
                p.campaignId().toString(),
                p.personId(),
                p.occurredAt());
    }

    private Uni<List<DefinedCampaign>> campaigns() {
        List<DefinedCampaign> cs = known;
        return cs != null ? Uni.createFrom().item(cs) : refresh();
    }

    @Scheduled(every = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> reread() {
        return refresh().replaceWithVoid();
    }

    /** Reads the campaigns again. */
    public Uni<List<DefinedCampaign>> refresh() {
        return campaigns.all().invoke(cs -> known = List.copyOf(cs));
    }
}
