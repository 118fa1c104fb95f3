package org.gongyi.volunteer.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.persistence.Ids;
import org.gongyi.volunteer.domain.Campaign;
import org.gongyi.volunteer.domain.InvalidCampaignException;
import org.gongyi.volunteer.persistence.Campaigns;
import org.gongyi.volunteer.persistence.Campaigns.Tally;
import org.gongyi.volunteer.persistence.DefinedCampaign;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Campaigns an admin defines, and their live counters. */
@ApplicationScoped
public class CampaignService {

    /** A campaign and its counter, one tally per scope ({@link Campaigns#OVERALL}, per system, per province). */
    public record Counter(DefinedCampaign campaign, List<Tally> tallies) {}

    private final Campaigns campaigns;
    private final CampaignCounter counter;
    private final Clock clock;

    public CampaignService(Campaigns campaigns, CampaignCounter counter, Clock clock) {
        this.campaigns = campaigns;
        this.counter = counter;
        this.clock = clock;
    }

    public Uni<DefinedCampaign> define(
            String name, Instant startsAt, Instant endsAt, Set<Campaign.Action> actions, long goal) {
        Instant now = clock.instant();
        Campaign c;
        try {
            c = Campaign.define(name, startsAt, endsAt, actions, goal, now);
        } catch (InvalidCampaignException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        return campaigns.insert(Ids.next(), c, now).call(counter::refresh);
    }

    public Uni<Counter> counter(UUID id) {
        return campaigns
                .find(id)
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("No campaign " + id))
                .chain(c -> campaigns.tallies(id).map(t -> new Counter(c, t)));
    }

    public Uni<List<DefinedCampaign>> list(int page, int size) {
        return campaigns.page(page, size);
    }
}
