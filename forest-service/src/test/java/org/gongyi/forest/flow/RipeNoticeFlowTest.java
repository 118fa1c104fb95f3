package org.gongyi.forest.flow;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.gongyi.events.EventCodec;
import org.gongyi.events.EventType;
import org.gongyi.events.contract.EnergyRipe;
import org.gongyi.forest.service.RipeNotifier;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.gongyi.infra.test.ServiceDb;
import org.gongyi.infra.test.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.gongyi.forest.flow.FriendFlowTest.ballRipeAt;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * People are told when their energy ripens (issue #33): a {@code forest.energy-ripe} per person and day for the action
 * balls that ripened that day and are still theirs to collect, once however often the notifier runs.
 */
@QuarkusTest
@WithTestResource(value = GongyiTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "forest"))
class RipeNoticeFlowTest {

    @Inject
    TestClock clock;

    @Inject
    RipeNotifier notifier;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static List<EnergyRipe> told(String user) throws Exception {
        return ServiceDb.strings(
                        "select payload from outbox_event where ce_type = 'forest.energy-ripe' and partition_key = ?",
                        user)
                .stream()
                .map(p -> (EnergyRipe) EventCodec.get().decode(EventType.ENERGY_RIPE, p))
                .toList();
    }

    @Test
    void eachPersonIsToldOnceADayOfTheBallsThatRipenedAndAreStillTheirs() throws Throwable {
        Instant seven = Instant.parse("2026-12-01T23:00:00Z"); // 07:00 on 2 December in Shanghai
        String ripe = "ripe-" + UUID.randomUUID();
        String collected = "collected-" + UUID.randomUUID();
        String tomorrow = "tomorrow-" + UUID.randomUUID();
        String yesterday = "yesterday-" + UUID.randomUUID();
        ballRipeAt(ripe, 100, seven);
        ballRipeAt(ripe, 50, seven);
        String gone = ballRipeAt(collected, 70, seven);
        try (var c = GongyiTestInfrastructure.serviceConnection();
                var ps = c.prepareStatement("update energy_ball set collected_at = ripens_at, collected_grams = grams "
                        + "where id = cast(? as uuid)")) {
            ps.setString(1, gone);
            ps.executeUpdate();
        }
        ballRipeAt(tomorrow, 80, seven.plus(Duration.ofDays(1)));
        ballRipeAt(yesterday, 90, seven.minus(Duration.ofDays(1)));

        Instant now = seven.plusSeconds(30);
        clock.set(now);
        VertxContextSupport.subscribeAndAwait(notifier::tellAll);
        VertxContextSupport.subscribeAndAwait(notifier::tellAll);

        List<EnergyRipe> told = told(ripe);
        assertEquals(1, told.size(), "once, however often the notifier runs");
        EnergyRipe e = told.get(0);
        assertEquals(new EnergyRipe(ripe, LocalDate.of(2026, 12, 2), 2, 150, e.ripeAt()), e);
        assertEquals(List.of(), told(collected), "nothing left to collect");
        assertEquals(List.of(), told(tomorrow), "not ripe yet");
        assertEquals(List.of(), told(yesterday), "ripened another day");

        // the next morning the balls still waiting are told again, with the one that ripened then
        clock.set(seven.plus(Duration.ofDays(1)).plusSeconds(30));
        VertxContextSupport.subscribeAndAwait(notifier::tellAll);
        assertEquals(1, told(tomorrow).size());
        assertEquals(1, told(ripe).size(), "the day before's balls ripened the day before");
    }
}
