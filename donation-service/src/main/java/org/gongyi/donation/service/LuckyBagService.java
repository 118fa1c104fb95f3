package org.gongyi.donation.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.persistence.Db;
import org.gongyi.common.persistence.Ids;
import org.gongyi.common.time.ChinaTime;
import org.gongyi.donation.domain.LuckyBags;
import org.gongyi.donation.persistence.CharityProject;
import org.gongyi.donation.persistence.Donation;
import org.gongyi.donation.persistence.Donations;
import org.gongyi.donation.persistence.LuckyPool;
import org.gongyi.donation.persistence.LuckyPools;
import org.gongyi.donation.persistence.LuckyPools.Chance;
import org.gongyi.donation.persistence.LuckyPools.RecordedDraw;
import org.gongyi.donation.persistence.Projections;
import org.gongyi.donation.persistence.Projects;
import org.gongyi.events.contract.DonationRecorded;
import org.gongyi.events.outbox.Outbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Lucky bags (福包) of campaigns: sponsors' pools, and each participant opening bags with the chances their
 * participations gave. An opening draws the person's earliest chance against the earliest funded pool of the campaign
 * that is open and has a bag left; a chance that opens takes the pool's next bag (concurrent openers skip each other's,
 * so exactly the bags left are opened) and donates its amount to the project the opener picked, in the opener's name,
 * in one transaction. An opening refused (no bag left by the time, the day's limit) leaves the chance for later.
 */
@ApplicationScoped
public class LuckyBagService {

    /** A pool a sponsor funds: its terms, its window. */
    public record Funding(
            UUID campaignId,
            String sponsorId,
            String name,
            LuckyBags.Pool pool,
            LuckyBags.Odds odds,
            Instant opensAt,
            Instant closesAt) {}

    /**
     * What an opening did: the chance drawn ({@code participationId}) against the pool, the draw ({@code drawHmac}) and
     * whether it opened a bag; when it did, the bag, its amount and the donation it made.
     */
    public record Opening(
            UUID campaignId,
            UUID poolId,
            UUID participationId,
            String drawHmac,
            int chancePpm,
            boolean opened,
            @Schema(nullable = true) Integer bagNo,
            @Schema(nullable = true) Long amountFen,
            UUID projectId,
            @Schema(nullable = true) UUID donationId,
            Instant drawnAt) {}

    /** A person's standing in a campaign's lucky bags: chances not drawn yet, and their draws (newest first). */
    public record Standing(UUID campaignId, long chancesLeft, List<RecordedDraw> draws) {}

    private static final int SECRET_BYTES = 32;

    private final Db db;
    private final LuckyPools pools;
    private final Projects projects;
    private final Donations donations;
    private final Projections projections;
    private final Outbox outbox;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public LuckyBagService(
            Db db,
            LuckyPools pools,
            Projects projects,
            Donations donations,
            Projections projections,
            Outbox outbox,
            Clock clock) {
        this.db = db;
        this.pools = pools;
        this.projects = projects;
        this.donations = donations;
        this.projections = projections;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Funds a pool: its secret made and committed to, its bags' amounts drawn from it and written with it. */
    public Uni<LuckyPool> fund(Funding f) {
        Instant now = clock.instant();
        if (!f.closesAt().isAfter(f.opensAt())) {
            throw ProblemException.badRequest("a pool closes after it opens");
        }
        if (!f.closesAt().isAfter(now)) {
            throw ProblemException.badRequest("a pool closes in the future");
        }
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        UUID id = Ids.next();
        LuckyPool pool = new LuckyPool(
                id,
                f.campaignId(),
                f.sponsorId(),
                f.name(),
                f.pool(),
                f.odds(),
                f.opensAt(),
                f.closesAt(),
                LuckyBags.commitment(secret),
                secret,
                now,
                0,
                0);
        long[] amounts = LuckyBags.bagAmounts(secret, id.toString(), f.pool());
        return db.transaction(() -> pools.insert(pool, amounts)).chain(() -> pools.find(id));
    }

    /** The pool, its secret only once it has closed. */
    public Uni<LuckyPool> pool(UUID id) {
        return pools.find(id).onItem().ifNull().failWith(() -> ProblemException.notFound("No lucky-bag pool " + id));
    }

    public Uni<List<LuckyPool>> ofCampaign(UUID campaignId) {
        return pools.ofCampaign(campaignId);
    }

    /** The pool's recorded draws, for auditors: each with its inputs and the bag it opened. */
    public Uni<List<RecordedDraw>> draws(UUID poolId, int page, int size) {
        return pool(poolId).chain(p -> pools.drawsOfPool(poolId, page, size));
    }

    public Uni<Standing> standing(String personId, UUID campaignId, int page, int size) {
        return pools.undrawnChances(personId, campaignId)
                .chain(left -> pools.drawsOfPerson(personId, campaignId, page, size)
                        .map(draws -> new Standing(campaignId, left, draws)));
    }

    /** Draws the person's next chance in the campaign; a bag it opens is donated to {@code projectId}. */
    public Uni<Opening> open(UUID campaignId, String personId, UUID projectId) {
        Instant now = clock.instant();
        LocalDate day = LocalDate.ofInstant(now, ChinaTime.ZONE);
        return db.transaction(() -> projects.find(projectId)
                .invoke(project -> accepting(project, projectId, now))
                .chain(() -> pools.firstOpenWithBags(campaignId, now))
                .chain(pool -> pool == null
                        ? noPool(campaignId)
                        : pools.openedOnDay(pool.id(), personId, day)
                                .invoke(opened -> withinDay(pool, opened, now))
                                .chain(() -> pools.nextUndrawnChance(personId, campaignId))
                                .onItem()
                                .ifNull()
                                .failWith(() -> ProblemException.conflict("No chance left in campaign " + campaignId
                                        + ": each participation in it gives one"))
                                .chain(chance -> draw(pool, chance, projectId, day, now))));
    }

    private Uni<Opening> draw(LuckyPool pool, Chance chance, UUID projectId, LocalDate day, Instant now) {
        String personId = chance.personId();
        LuckyBags.Draw draw = LuckyBags.draw(
                pool.secret(),
                pool.id().toString(),
                personId,
                chance.participationId().toString(),
                pool.odds().chancePpm());
        if (!draw.opens()) {
            return pools.drawn(chance, now, pool.id(), draw.hmacHex(), false, null)
                    .map(v -> new Opening(
                            pool.campaignId(),
                            pool.id(),
                            chance.participationId(),
                            draw.hmacHex(),
                            pool.odds().chancePpm(),
                            false,
                            null,
                            null,
                            projectId,
                            null,
                            now));
        }
        UUID donationId = Ids.next();
        return pools.oneMoreOnDay(pool.id(), personId, day, pool.odds().perPersonDaily())
                .invoke(counted -> {
                    if (!counted) {
                        throw dayLimit(pool, now);
                    }
                })
                .chain(() -> pools.takeBag(pool.id(), personId, now, projectId, donationId))
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.conflict(
                        "The last bag of pool " + pool.id() + " was just opened by someone else: try again"))
                .chain(bag -> {
                    Donation d = Donation.ofLuckyBag(
                            donationId,
                            pool.id(),
                            bag.bagNo(),
                            pool.sponsorId(),
                            personId,
                            projectId,
                            bag.amountFen(),
                            now,
                            chance.sourceEventId());
                    return donations
                            .insertNew(List.of(d))
                            .call(() -> pools.drawn(chance, now, pool.id(), draw.hmacHex(), true, bag.bagNo()))
                            .call(() -> outbox.append(DonationEvents.recorded(
                                    d,
                                    new DonationRecorded.Sponsored(
                                            pool.sponsorId(),
                                            pool.id().toString(),
                                            pool.campaignId().toString()))))
                            // the shared counters last: held only until the commit that follows
                            .call(() -> projections.donatedAll(List.of(d)))
                            .map(v -> new Opening(
                                    pool.campaignId(),
                                    pool.id(),
                                    chance.participationId(),
                                    draw.hmacHex(),
                                    pool.odds().chancePpm(),
                                    true,
                                    bag.bagNo(),
                                    bag.amountFen(),
                                    projectId,
                                    donationId,
                                    now));
                });
    }

    private static void accepting(CharityProject project, UUID projectId, Instant now) {
        if (project == null) {
            throw ProblemException.notFound("No project " + projectId);
        }
        if (!project.acceptsAt(now)) {
            throw ProblemException.conflict("Project " + projectId + " takes no donations now");
        }
    }

    private <T> Uni<T> noPool(UUID campaignId) {
        return pools.anyPool(campaignId).<T>map(any -> {
            throw any
                    ? ProblemException.conflict("No lucky bag of campaign " + campaignId + " is left to open now")
                    : ProblemException.notFound("Campaign " + campaignId + " has no lucky bags");
        });
    }

    private static void withinDay(LuckyPool pool, int opened, Instant now) {
        if (opened >= pool.odds().perPersonDaily()) {
            throw dayLimit(pool, now);
        }
    }

    private static ProblemException dayLimit(LuckyPool pool, Instant now) {
        Instant midnight = LocalDate.ofInstant(now, ChinaTime.ZONE)
                .plusDays(1)
                .atStartOfDay(ChinaTime.ZONE)
                .toInstant();
        return ProblemException.tooManyRequests(
                "You opened " + pool.odds().perPersonDaily() + " bag(s) of pool " + pool.id()
                        + " today, its daily limit: come back tomorrow (China Standard Time)",
                Math.max(1, Duration.between(now, midnight).toSeconds()));
    }
}
