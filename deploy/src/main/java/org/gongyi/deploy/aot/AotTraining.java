package org.gongyi.deploy.aot;

import org.gongyi.deploy.LocalPlatform;
import org.gongyi.deploy.ServiceJvm;
import org.gongyi.deploy.demo.Workload;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains the services' AOT caches on real work ({@code deploy/train-aot.sh}; the build runs it after packaging, see
 * deploy/pom.xml): a scratch platform of its own (PostgreSQL, Kafka, free ports, a temporary home) runs the four
 * services recording ({@code -XX:AOTCacheOutput}), the demo's traffic and the hot reads go straight to them
 * ({@link Workload}), and each service writes {@code <module>/target/quarkus-app/app.aot} as it stops. Caches this
 * JDK can already use for these jars are kept (the JVM is asked, {@link ServiceJvm#probe}); {@code --force} trains
 * anyway. Fails when a cache it trained cannot be used.
 */
public final class AotTraining {

    /** The demo's stream during training: events a second, for how long; then each hot read this many times. */
    static final double RATE = 50;
    static final Duration LENGTH = Duration.ofSeconds(25);
    static final int READS = 50;

    private AotTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        boolean force = List.of(args).contains("--force");
        for (LocalPlatform.Service s : LocalPlatform.SERVICES) {
            if (!Files.exists(ServiceJvm.appDir(root, s.name()).resolve("quarkus-run.jar"))) {
                System.out.println("AOT caches: " + s.name() + " is not packaged, nothing to train");
                return;
            }
        }
        Map<String, ServiceJvm.Probe> before = probeAll(root);
        if (!force && before.values().stream().allMatch(ServiceJvm.Probe::usable)) {
            System.out.println("AOT caches: up to date for this JDK and these jars (--force trains again)");
            return;
        }
        before.forEach((service, probe) -> System.out.printf("AOT cache of %s: %s%n", service,
                probe.usable() ? "usable, trained again" : probe.reason()));
        long t0 = System.nanoTime();
        Workload.Done work = train(root);
        Map<String, ServiceJvm.Probe> after = probeAll(root);
        boolean ok = true;
        for (var e : after.entrySet()) {
            Path cache = ServiceJvm.aotCache(ServiceJvm.appDir(root, e.getKey()));
            System.out.printf(Locale.ROOT, "AOT cache of %-18s %s%n", e.getKey(), e.getValue().usable()
                    ? String.format(Locale.ROOT, "trained: %s (%d MB)", root.relativize(cache), Files.size(cache) >> 20)
                    : "NOT usable: " + e.getValue().reason());
            ok &= e.getValue().usable();
        }
        System.out.printf(Locale.ROOT, "AOT training: %,d requests and %,d events in %.0f s%n", work.requests(),
                work.events(), (System.nanoTime() - t0) / 1e9);
        if (!ok) {
            System.exit(1);
        }
    }

    static Map<String, ServiceJvm.Probe> probeAll(Path root) {
        Map<String, ServiceJvm.Probe> probes = new LinkedHashMap<>();
        for (LocalPlatform.Service s : LocalPlatform.SERVICES) {
            probes.put(s.name(), ServiceJvm.probe(ServiceJvm.appDir(root, s.name())));
        }
        return probes;
    }

    /** Runs the scratch platform recording, the workload against it, and stops it: the caches are written. */
    static Workload.Done train(Path root) throws Exception {
        Path home = Files.createTempDirectory("gongyi-aot-training-");
        Map<String, String> env = LocalPlatform.ownPlatform(System.getenv(), home);
        env.put("GONGYI_AOT", "record");
        env.put("GONGYI_GATEWAY", "off");
        env.remove("GONGYI_SERVICES");
        env.remove("GONGYI_JAVA_OPTS");
        env.remove("GONGYI_DB_URL");
        env.remove("KAFKA_BOOTSTRAP_SERVERS");
        Path log = home.resolve("logs/workload.log");
        Files.createDirectories(log.getParent());
        LocalPlatform platform = new LocalPlatform(root, env);
        try (PrintStream out = new PrintStream(Files.newOutputStream(log), true)) {
            System.out.println("AOT training: the services record while the demo's traffic runs (logs: "
                    + home.resolve("logs") + ")");
            platform.start();
            return Workload.run(platform.portsByGatewayName(), platform.bootstrapServers(), platform.issuer(), RATE,
                    LENGTH, READS, out);
        } catch (Exception | Error e) {
            System.out.println("AOT training failed; the logs stay in " + home.resolve("logs"));
            throw e;
        } finally {
            platform.close();
            platform.deleteData();
        }
    }
}
