package org.gongyi.donation.flow;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.gongyi.infra.test.ServiceDb;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A processed-event record is deleted after its retention (7 days; the test profile purges every second) and a record
 * of today stays. donation-service's own consumer keeps none (its natural keys guard it, DonationFlowTest): the
 * records here are written as a consumer guarded by event ids writes them. (Sent outbox rows: OutboxRelayTest.)
 */
@QuarkusTest
@WithTestResource(value = GongyiTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "donation"))
class ProcessedEventRetentionTest {

    private static final String MARK = """
            insert into inbox_processed (consumer, event_id, ce_type, ce_source, processed_at)
            values ('retention-test', cast(? as uuid), 'donation.recorded', 'donation-service', now() - cast(? as interval))
            returning event_id""";

    @Test
    void aProcessedEventRecordIsDeletedAfterItsRetention() throws Exception {
        String old = UUID.randomUUID().toString();
        String recent = UUID.randomUUID().toString();
        ServiceDb.query(MARK, old, "8 days");
        ServiceDb.query(MARK, recent, "1 hour");
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        ServiceDb.count("select count(*) from inbox_processed where event_id = cast(? as uuid)", old)
                                == 0);
        assertEquals(
                1, ServiceDb.count("select count(*) from inbox_processed where event_id = cast(? as uuid)", recent));
    }
}
