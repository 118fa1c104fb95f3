package org.gongyi.events.outbox;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;

/**
 * Not ready while an event has waited in the outbox longer than {@code gongyi.outbox.ready-max-age} (default 2 min):
 * what this instance writes would not reach the other services for a while. The database and the broker have their
 * own checks (Quarkus' datasource and Kafka checks); liveness never depends on either.
 */
@Readiness
@ApplicationScoped
public class OutboxReadiness implements AsyncHealthCheck {

    private final OutboxBacklog backlog;
    private final Duration maxAge;

    public OutboxReadiness(
            OutboxBacklog backlog,
            @ConfigProperty(name = "gongyi.outbox.ready-max-age", defaultValue = "2M") Duration maxAge) {
        this.backlog = backlog;
        this.maxAge = maxAge;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return backlog.read()
                .map(b -> HealthCheckResponse.named("outbox")
                        .status(b.oldestAge().compareTo(maxAge) <= 0)
                        .withData("unsent", b.unsent())
                        .withData("oldestAgeSeconds", b.oldestAge().toSeconds())
                        .withData("maxAgeSeconds", maxAge.toSeconds())
                        .build())
                .onFailure()
                .recoverWithItem(t -> HealthCheckResponse.named("outbox")
                        .down()
                        .withData(
                                "error",
                                "the outbox cannot be read: " + t.getClass().getSimpleName())
                        .build());
    }
}
