package org.gongyi.deploy;

import org.gongyi.infra.DevTokenIssuer;

import java.nio.file.Path;

/**
 * Where the command-line tools (demo, benchmarks, audit, tokens, redrive) find a running local platform: its home
 * ({@code GONGYI_HOME}, for the dev issuer), the gateway ({@code GONGYI_GATEWAY_PORT}) and the broker
 * ({@code KAFKA_BOOTSTRAP_SERVERS}), with the launcher's defaults.
 */
public final class LocalRun {
    private LocalRun() {}

    public static Path home() {
        return Path.of(System.getenv().getOrDefault("GONGYI_HOME", ".gongyi"));
    }

    /** The local run's dev token issuer. */
    public static DevTokenIssuer issuer() {
        return DevTokenIssuer.loadOrCreate(home().resolve("dev-issuer"));
    }

    public static String gateway() {
        return "http://127.0.0.1:" + System.getenv().getOrDefault("GONGYI_GATEWAY_PORT", "8080");
    }

    public static String bootstrap() {
        return System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    }
}
