package org.gongyi.volunteer.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.volunteer.domain.Campaign;
import org.gongyi.volunteer.persistence.Campaigns;
import org.gongyi.volunteer.persistence.Campaigns.Participation;
import org.gongyi.volunteer.persistence.DefinedCampaign;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Counts a fact into every campaign whose window and actions take it, in the transaction of the fact's own effect.
 * The campaigns (a few a year) are kept in memory and read again every 2 seconds and whenever this instance defines
 * one; a campaign is announced at least 10 seconds before it starts ({@link Campaign#NOTICE}), so every instance knows
 * it before its first participation.
 */
@ApplicationScoped
public class CampaignCounter {

    private final Campaigns campaigns;
    private volatile List<DefinedCampaign> known;

    public CampaignCounter(Campaigns campaigns) {
        this.campaigns = campaigns;
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
                        .toList()));
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
