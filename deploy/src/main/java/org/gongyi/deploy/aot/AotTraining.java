package org.gongyi.deploy.aot;

import org.gongyi.deploy.Audit;
import org.gongyi.deploy.LocalPlatform;
import org.gongyi.deploy.ServiceJvm;
import org.gongyi.deploy.demo.Workload;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains the AOT caches on real work ({@code deploy/train-aot.sh}; the build runs it after packaging, see
 * deploy/pom.xml): a scratch platform of its own (PostgreSQL, Kafka, free ports, a temporary home) runs the four
 * services recording ({@code -XX:AOTCacheOutput}), the demo's traffic and the hot reads go straight to them
 * ({@link Workload}), and each service writes {@code <module>/target/quarkus-app/app.aot} as it stops; the script runs
 * this JVM recording too, for the launcher's cache ({@code deploy/target/launcher.aot}).
 * <ul>
 *   <li>{@code --check [--force]}: whether this JDK can use every cache for these jars (the JVM is asked,
 *   {@link ServiceJvm#probe}); exit code 0 when it can (and not forced), 10 when training is due.</li>
 *   <li>{@code --train}: trains; fails when a service's new cache cannot be used.</li>
 * </ul>
 */
public final class AotTraining {

    /** The demo's stream during training: events a second, for how long; then each hot read this many times. */
    static final double RATE = 50;

    static final Duration LENGTH = Duration.ofSeconds(25);
    /**
     * Then events sent at once, for the services to consume and the auditor's replay to read again at their own
     * pace: a replay's profile is what its first replay after a start compiles from (JDK 25 keeps the method profiles
     * of the training run in the cache). Trained on the demo's 1,250 events, a forest replay of 112,464 actions
     * after a start ran at 16,700-17,983/s with the compilers taking 4.5 s of CPU; trained on ~25,000, at
     * 19,207-20,182/s with 2.0 s.
     */
    static final int AT_ONCE = 60_000;

    static final int READS = 50;
    /** Exit code of {@code --check} when a cache is missing or unusable. */
    static final int TRAINING_DUE = 10;

    private AotTraining() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        List<String> flags = List.of(args);
        for (LocalPlatform.Service s : LocalPlatform.SERVICES) {
            if (!Files.exists(ServiceJvm.appDir(root, s.name()).resolve("quarkus-run.jar"))) {
                System.out.println("AOT caches: " + s.name() + " is not packaged, nothing to train");
                return;
            }
        }
        if (flags.contains("--train")) {
            train(root);
            return;
        }
        Map<String, ServiceJvm.Probe> probes = probeAll(root);
        boolean usable = probes.values().stream().allMatch(ServiceJvm.Probe::usable);
        if (usable && !flags.contains("--force")) {
            System.out.println("AOT caches: usable by this JDK for these jars (" + String.join(", ", probes.keySet())
                    + "; --force trains again)");
            return;
        }
        probes.forEach((cache, probe) -> System.out.printf(
                "AOT cache of %-18s %s%n", cache, probe.usable() ? "usable (trained again: --force)" : probe.reason()));
        System.exit(TRAINING_DUE);
    }

    /** Each service's cache and the tools', and whether this JDK can use it. */
    static Map<String, ServiceJvm.Probe> probeAll(Path root) {
        Map<String, ServiceJvm.Probe> probes = new LinkedHashMap<>();
        for (LocalPlatform.Service s : LocalPlatform.SERVICES) {
            probes.put(s.name(), ServiceJvm.probe(ServiceJvm.appDir(root, s.name())));
        }
        Path target = root.resolve("deploy/target");
        probes.put(
                "launcher",
                ServiceJvm.probe(
                        List.of("-Xmx512m"),
                        target.resolve("gongyi-deploy.jar") + File.pathSeparator + target.resolve("lib") + "/*",
                        target.resolve("launcher.aot")));
        return probes;
    }

    /** Trains the services' caches and says what came out; exits with 1 when one cannot be used. */
    static void train(Path root) throws Exception {
        long t0 = System.nanoTime();
        Workload.Done work = run(root);
        boolean ok = true;
        for (LocalPlatform.Service s : LocalPlatform.SERVICES) {
            Path app = ServiceJvm.appDir(root, s.name());
            ServiceJvm.Probe probe = ServiceJvm.probe(app);
            Path cache = ServiceJvm.aotCache(app);
            System.out.printf(
                    Locale.ROOT,
                    "AOT cache of %-18s %s%n",
                    s.name(),
                    probe.usable()
                            ? String.format(
                                    Locale.ROOT, "trained: %s (%d MB)", root.relativize(cache), Files.size(cache) >> 20)
                            : "NOT usable: " + probe.reason());
            ok &= probe.usable();
        }
        System.out.printf(
                Locale.ROOT,
                "AOT training: %,d requests and %,d events in %.0f s%n",
                work.requests(),
                work.events(),
                (System.nanoTime() - t0) / 1e9);
        if (!ok) {
            System.exit(1);
        }
    }

    /** Runs the scratch platform recording, the workload against it, and stops it: the caches are written. */
    static Workload.Done run(Path root) throws Exception {
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
            Workload.Done done = Workload.run(
                    platform.portsByGatewayName(),
                    platform.bootstrapServers(),
                    platform.issuer(),
                    RATE,
                    LENGTH,
                    AT_ONCE,
                    READS,
                    out);
            // then an auditor's replay of each service: the caches hold what a replay runs too, so the first
            // replay after a start has its classes and method profiles
            Map<String, String> bases = new LinkedHashMap<>();
            platform.portsByGatewayName().forEach((name, port) -> bases.put(name, "http://127.0.0.1:" + port));
            Audit.run(
                    bases,
                    platform.issuer().token("aot-training", List.of("auditor"), Duration.ofMinutes(10)),
                    "{}",
                    out);
            return done;
        } catch (Exception | Error e) {
            System.out.println("AOT training failed; the logs stay in " + home.resolve("logs"));
            throw e;
        } finally {
            platform.close();
            platform.deleteData();
        }
    }
}
