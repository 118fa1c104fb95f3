package org.gongyi.reunion.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Location history is kept for the retention period only: the purge runs every hour. */
@ApplicationScoped
public class PositionPurge {

    private static final Logger LOG = Logger.getLogger(PositionPurge.class);
    private final ElderService elders;

    public PositionPurge(ElderService elders) {
        this.elders = elders;
    }

    @Scheduled(every = "${gongyi.reunion.purge-every}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return elders.purge().invoke(n -> {
                    if (n > 0) {
                        LOG.infof("purged %d elder positions past their retention period", n);
                    }
                }).onFailure().invoke(t -> LOG.warnf("purging elder positions failed, will retry: %s", t.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
