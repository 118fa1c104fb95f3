package org.gongyi.reunion.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.function.Supplier;

/**
 * What is kept only for a while: elder location history past its retention period (checked every hour), and the
 * delivery records of devices opted out since the last run (every few minutes).
 */
@ApplicationScoped
public class Purges {

    private static final Logger LOG = Logger.getLogger(Purges.class);
    private final ElderService elders;
    private final DeviceService devices;

    public Purges(ElderService elders, DeviceService devices) {
        this.elders = elders;
        this.devices = devices;
    }

    @Scheduled(
            every = "${gongyi.reunion.purge-every}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> positions() {
        return logged(elders::purge, "elder positions past their retention period");
    }

    @Scheduled(
            every = "${gongyi.reunion.erase-every}",
            delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> optedOut() {
        return logged(devices::eraseDeliveries, "delivery records of opted-out devices");
    }

    private static Uni<Void> logged(Supplier<Uni<Integer>> purge, String what) {
        return purge.get()
                .invoke(n -> {
                    if (n > 0) {
                        LOG.infof("purged %d %s", n, what);
                    }
                })
                .onFailure()
                .invoke(t -> LOG.warnf("purging %s failed, will retry: %s", what, t.toString()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }
}
