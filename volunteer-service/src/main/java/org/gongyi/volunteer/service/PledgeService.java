package org.gongyi.volunteer.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;
import org.gongyi.volunteer.domain.Campaign;
import org.gongyi.volunteer.domain.WelfareTime;
import org.gongyi.volunteer.persistence.Pledges;
import org.gongyi.volunteer.persistence.Pledges.Pledge;

import java.time.Clock;
import java.time.Instant;

/**
 * The yearly 3-hour pledge (人人3小时) a person takes with a tap: once a year (China Standard Time); taking it again
 * that year gives the same pledge back. A pledge taken is counted in the campaigns of {@link Campaign.Action#PLEDGE}
 * in the same transaction, once.
 */
@ApplicationScoped
public class PledgeService {

    private final Db db;
    private final Pledges pledges;
    private final CampaignCounter campaigns;
    private final Clock clock;

    public PledgeService(Db db, Pledges pledges, CampaignCounter campaigns, Clock clock) {
        this.db = db;
        this.pledges = pledges;
        this.campaigns = campaigns;
        this.clock = clock;
    }

    /** Takes this year's pledge for the user; the one taken before when there is one. */
    public Uni<Pledge> take(String user) {
        Instant now = clock.instant();
        int year = WelfareTime.year(now);
        return db.transaction(() -> pledges.take(user, year, now)
                .chain(taken -> taken == null
                        ? pledges.of(user, year)
                        : campaigns
                                .count(Campaign.Action.PLEDGE, user, "pledge:" + user + ":" + year, null, now, null)
                                .replaceWith(taken)));
    }
}
