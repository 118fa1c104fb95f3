package org.gongyi.reunion.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.http.ProblemException;
import org.gongyi.common.persistence.Db;
import org.gongyi.events.contract.NotificationBatch;
import org.gongyi.events.outbox.Outbox;
import org.gongyi.reunion.ReunionConfig;
import org.gongyi.reunion.domain.CodeHash;
import org.gongyi.reunion.domain.Geo;
import org.gongyi.reunion.persistence.Deliveries;
import org.gongyi.reunion.persistence.Device;
import org.gongyi.reunion.persistence.Devices;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Devices opted in to alerts. Only the latest location is kept, coarsened to 0.01° (about 1 km). A push token
 * identifies one app install: registered by someone else (a new login) it moves to them only once they type back the
 * code pushed to that device ({@link #claim}), so knowing a token is not enough to take its alerts.
 */
@ApplicationScoped
public class DeviceService {

    static final Duration CLAIM_FOR = Duration.ofMinutes(10);
    static final int CLAIM_TRIES = 5;
    private static final SecureRandom CODES = new SecureRandom();

    private final Db db;
    private final Devices devices;
    private final Deliveries deliveries;
    private final Outbox outbox;
    private final Clock clock;
    private final int maxPerOwner;

    public DeviceService(
            Db db, Devices devices, Deliveries deliveries, Outbox outbox, Clock clock, ReunionConfig config) {
        this.db = db;
        this.devices = devices;
        this.deliveries = deliveries;
        this.outbox = outbox;
        this.clock = clock;
        this.maxPerOwner = config.devicesPerUser();
    }

    /** What registering a device did: registered it, or (someone else's) pushed a code to it for the caller. */
    public sealed interface Registration {
        record Registered(Device device) implements Registration {}

        record CodeSent(Instant expiresAt) implements Registration {}
    }

    public Uni<Registration> register(
            String owner, Device.Platform platform, String pushToken, double lat, double lon) {
        Instant now = clock.instant();
        return db.transaction(() -> withinLimit(owner, pushToken)
                .chain(() -> devices.lockByPushToken(pushToken))
                .chain(existing -> existing != null && !existing.ownerId().equals(owner)
                        ? sendCode(existing, owner, platform, Geo.coarse(lat), Geo.coarse(lon), now)
                        : keepReached(existing, now)
                                .chain(() -> deliveries.waitForPushesNear(Geo.coarse(lat), Geo.coarse(lon)))
                                .chain(() -> devices.register(
                                        UUID.randomUUID(),
                                        owner,
                                        platform,
                                        pushToken,
                                        Geo.coarse(lat),
                                        Geo.coarse(lon),
                                        now))
                                .map(Registration.Registered::new)));
    }

    /**
     * Before a registered device moves: it stays reached by the cases that reached it where it was. A device is only
     * ever put somewhere after the pushes near that place have committed ({@link Deliveries#waitForPushesNear}).
     */
    private Uni<Void> keepReached(Device existing, Instant now) {
        return existing == null ? Uni.createFrom().voidItem() : deliveries.keepReachedBeforeMove(existing.id(), now);
    }

    /** One registration of an owner at a time, within the limit of devices per person. */
    private Uni<Void> withinLimit(String owner, String pushToken) {
        return devices.lockOwner(owner)
                .chain(() -> devices.othersOf(owner, pushToken))
                .invoke(others -> {
                    if (others >= maxPerOwner) {
                        throw ProblemException.conflict("You have " + others + " devices, the most one person may "
                                + "register; opt one out first");
                    }
                })
                .replaceWithVoid();
    }

    /** Pushes a new code to the device (only it can read it); the claim waits for the code to come back. */
    private Uni<Registration> sendCode(
            Device device, String claimant, Device.Platform platform, double lat, double lon, Instant now) {
        String code = String.format("%06d", CODES.nextInt(1_000_000));
        Instant expiresAt = now.plus(CLAIM_FOR);
        NotificationBatch push = new NotificationBatch(
                UUID.randomUUID().toString(),
                "DEVICE_VERIFICATION",
                device.id().toString(),
                "Confirm this device",
                "Code " + code + " moves this device's alerts to the " + "account that asked, until " + expiresAt
                        + ". Ignore it if that was not you.",
                null,
                List.of(new NotificationBatch.Recipient(
                        device.id().toString(), device.platform().name(), device.pushToken())),
                now);
        return devices.claim(new Devices.Claim(
                        device.pushToken(),
                        claimant,
                        platform,
                        lat,
                        lon,
                        CodeHash.of(device.pushToken(), code),
                        CLAIM_TRIES,
                        expiresAt))
                .chain(() -> outbox.append(push))
                .replaceWith(new Registration.CodeSent(expiresAt));
    }

    /** What a claim came to: the device moved, or why not (kept so that a wrong code still counts as a try). */
    private sealed interface Claimed {
        record Moved(Device device) implements Claimed {}

        record Refused(ProblemException problem) implements Claimed {}
    }

    /**
     * The caller types back the code pushed to the device: it moves to them. A wrong code spends one of
     * {@value #CLAIM_TRIES} tries; the code lasts {@link #CLAIM_FOR}.
     */
    public Uni<Device> claim(String caller, String pushToken, String code) {
        Instant now = clock.instant();
        return db.transaction(() -> devices.lockClaim(pushToken).chain(c -> {
                    if (c == null || !c.claimant().equals(caller)) {
                        return refused(
                                ProblemException.notFound("You have no claim of that device: register it first"));
                    }
                    if (!c.expiresAt().isAfter(now)) {
                        return devices.claimDone(pushToken)
                                .replaceWith(refused(new ProblemException(
                                        410,
                                        "Gone",
                                        "The code expired at " + c.expiresAt()
                                                + ": register the device again for a new one")));
                    }
                    if (!CodeHash.matches(c.codeHash(), pushToken, code)) {
                        Uni<Integer> spent =
                                c.triesLeft() <= 1 ? devices.claimDone(pushToken) : devices.trySpent(pushToken);
                        return spent.replaceWith(refused(ProblemException.forbidden(
                                c.triesLeft() <= 1
                                        ? "That is not the code, and it was the last try: register the device again for a new one"
                                        : "That is not the code pushed to the device (" + (c.triesLeft() - 1)
                                                + " tries left)")));
                    }
                    return withinLimit(caller, pushToken)
                            .chain(() -> devices.lockByPushToken(pushToken))
                            .chain(device -> keepReached(device, now))
                            .chain(() -> deliveries.waitForPushesNear(c.latitude(), c.longitude()))
                            .chain(() -> devices.moveTo(c, now))
                            .call(() -> devices.claimDone(pushToken))
                            .map(moved -> moved == null
                                    ? new Claimed.Refused(ProblemException.notFound("That device was opted out"))
                                    : (Claimed) new Claimed.Moved(moved));
                }))
                .map(result -> switch (result) {
                    case Claimed.Moved m -> m.device();
                    case Claimed.Refused r -> throw r.problem();
                });
    }

    private static Uni<Claimed> refused(ProblemException problem) {
        return Uni.createFrom().item(new Claimed.Refused(problem));
    }

    /** Moves one of the owner's devices; 404 for anyone else's. */
    public Uni<Device> locate(String owner, UUID id, double lat, double lon) {
        Instant now = clock.instant();
        return db.transaction(() -> devices.lockOwned(owner, id)
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("You have no device " + id))
                .call(device -> keepReached(device, now))
                .call(() -> deliveries.waitForPushesNear(Geo.coarse(lat), Geo.coarse(lon)))
                .chain(device -> devices.locate(owner, id, Geo.coarse(lat), Geo.coarse(lon), now)));
    }

    /**
     * Opts a device out: it is deleted now, its delivery records by the next {@link #eraseDeliveries} (they name only
     * the device's id, and fan-outs write them without an index by device).
     */
    public Uni<Void> remove(String owner, UUID id) {
        return db.transaction(() -> devices.delete(owner, id)
                        .invoke(n -> {
                            if (n == 0) {
                                throw ProblemException.notFound("You have no device " + id);
                            }
                        })
                        .chain(() -> devices.requestErasure(id, clock.instant())))
                .replaceWithVoid();
    }

    /** Deletes the delivery records of the devices opted out since the last run, in one pass; returns how many. */
    public Uni<Integer> eraseDeliveries() {
        return db.transaction(devices::eraseDeliveries);
    }

    public Uni<List<Device>> mine(String owner) {
        return devices.ofOwner(owner);
    }

    /** One of the owner's devices. */
    public Uni<Device> mine(String owner, UUID id) {
        return mine(owner)
                .map(l -> l.stream()
                        .filter(d -> d.id().equals(id))
                        .findFirst()
                        .orElseThrow(() -> ProblemException.notFound("You have no device " + id)));
    }
}
