package org.gongyi.donation.flow;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.gongyi.infra.test.ServiceDb;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.gongyi.donation.flow.DonationFlowTest.createProject;
import static org.gongyi.donation.flow.DonationFlowTest.sendPurchase;
import static org.gongyi.donation.flow.DonationFlowTest.setRule;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A processed-event record is deleted after its retention (7 days; the test profile purges every second), the effect
 * it guarded stays, and a record of today stays. (Sent outbox rows: OutboxRelayTest.)
 */
@QuarkusTest
@WithTestResource(value = GongyiTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "donation"))
class ProcessedEventRetentionTest {

    @Test
    void aProcessedEventRecordIsDeletedAfterItsRetentionAndTheEffectStays() throws Exception {
        String item = "retention-item-" + UUID.randomUUID();
        setRule(item, createProject("Retention"), Map.of("type", "FIXED", "fixedFen", 10));
        String old = sendPurchase("retention-old-" + UUID.randomUUID(), "retention-buyer", item, 1000);
        String recent = sendPurchase("retention-new-" + UUID.randomUUID(), "retention-buyer", item, 1000);
        ServiceDb.awaitProcessed(List.of(old, recent));
        ServiceDb.query("update inbox_processed set processed_at = now() - interval '8 days' "
                + "where event_id = cast(? as uuid) returning event_id", old);
        await().atMost(Duration.ofSeconds(20)).until(() -> ServiceDb.count(
                "select count(*) from inbox_processed where event_id = cast(? as uuid)", old) == 0);
        assertEquals(1, ServiceDb.count("select count(*) from inbox_processed where event_id = cast(? as uuid)", recent));
        assertEquals(2, ServiceDb.count("select count(*) from donation where item_id = ?", item), "the effects stay");
    }
}
