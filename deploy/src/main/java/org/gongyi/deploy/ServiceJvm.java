package org.gongyi.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How a service's JVM is started: its options, its packaged app ({@code <module>/target/quarkus-app}) and the JDK's
 * ahead-of-time cache next to it ({@code app.aot}, trained by {@code org.gongyi.deploy.aot.AotTraining}). The cache
 * holds the classes the service loaded and linked and the methods it profiled during real work; a JVM can use it only
 * with the same JDK build, the same jars (sizes and times) and the same options as the training's, so the
 * training, the launcher and the images all take their options from here.
 */
public final class ServiceJvm {

    /**
     * The JVM options of every service, at training and at use: {@code service-jvm.options} (deploy/src/main/resources),
     * one per line, {@code #} for comments; the images pass the same file to java as an argument file.
     */
    public static final List<String> OPTIONS = options();

    /** The environment of every service JVM: two malloc arenas, not eight per core (docs/footprint.md). */
    public static final Map<String, String> ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

    /** What the JVM does with the AOT cache ({@code GONGYI_AOT}). */
    public enum AotMode {
        /** Use the cache (the service says once whether it could). */
        ON,
        /** Record a new cache: written when the service stops (a training run). */
        RECORD,
        /** No cache. */
        OFF;

        public static AotMode of(String value) {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
    }

    private ServiceJvm() {}

    private static List<String> options() {
        try (var in = ServiceJvm.class.getResourceAsStream("/service-jvm.options")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The packaged app of a service module. */
    public static Path appDir(Path root, String module) {
        return root.resolve(module).resolve("target/quarkus-app");
    }

    /** The service's AOT cache, next to its jar (where the Quarkus AOT guide and the image keep it). */
    public static Path aotCache(Path appDir) {
        return appDir.resolve("app.aot");
    }

    /** The java of the JDK this JVM runs on: the services run on the launcher's JDK. */
    public static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * The command that starts a service: the shared options, the AOT cache as {@code mode} says, then
     * {@code extraOptions} (they come last, so they win), the API and management ports and the jar.
     */
    public static List<String> command(
            Path appDir, AotMode mode, List<String> extraOptions, int port, int managementPort) {
        List<String> command = new ArrayList<>();
        command.add(java().toString());
        command.addAll(OPTIONS);
        command.addAll(aotOptions(appDir, mode));
        command.addAll(extraOptions);
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.management.port=" + managementPort);
        command.add("-jar");
        command.add(appDir.resolve("quarkus-run.jar").toString());
        return command;
    }

    /**
     * The cache options for a mode. In use the JVM's own messages are off: when it cannot use the cache it starts
     * without it, and the service says so in one line (common-events {@code AotCacheReport}).
     */
    static List<String> aotOptions(Path appDir, AotMode mode) {
        Path cache = aotCache(appDir);
        return switch (mode) {
            case ON -> List.of("-XX:AOTCache=" + cache, "-Xlog:aot*=off");
            case RECORD -> List.of("-XX:AOTCacheOutput=" + cache);
            case OFF -> List.of();
        };
    }

    /** What the JVM says around every refused cache, whatever the reason. */
    private static final List<String> GENERIC = List.of(
            "Unable to use AOT cache",
            "An error has occurred",
            "Loading static archive failed",
            "Unable to map shared spaces",
            "unrecoverable error",
            "shared class paths mismatch");

    /** Whether this JDK can use a cache with these options, and if not, the JVM's reason. */
    public record Probe(boolean usable, String reason) {}

    /**
     * Asks this JDK whether it can use the service's cache: a JVM started with the cache required
     * ({@code -XX:AOTMode=on}), the service's options and class path, that only prints its version. About 0.1 s.
     */
    public static Probe probe(Path appDir) {
        return probe(appDir, aotCache(appDir));
    }

    /** As {@link #probe(Path)}, for a cache elsewhere. */
    public static Probe probe(Path appDir, Path cache) {
        return probe(OPTIONS, appDir.resolve("quarkus-run.jar").toString(), cache);
    }

    /** Whether this JDK can use {@code cache} for a JVM with these options and this class path. */
    public static Probe probe(List<String> options, String classPath, Path cache) {
        if (!cache.toFile().isFile()) {
            return new Probe(false, cache + " does not exist");
        }
        List<String> command = new ArrayList<>();
        command.add(java().toString());
        command.addAll(options);
        command.addAll(
                List.of("-XX:AOTCache=" + cache, "-XX:AOTMode=on", "-Xlog:aot=warning", "-cp", classPath, "-version"));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Probe(false, "the JVM did not answer within a minute");
            }
            if (p.exitValue() == 0) {
                return new Probe(true, "usable");
            }
            // the JVM's first specific message names the cause (another JDK build, a jar changed since the training,
            // other options); the generic ones around it do not
            return new Probe(
                    false,
                    out.lines()
                            .filter(l -> l.startsWith("["))
                            .map(l ->
                                    l.replaceFirst("^(\\[[^\\]]*\\])+\\s*", "").strip())
                            .filter(l -> !l.isEmpty() && GENERIC.stream().noneMatch(l::startsWith))
                            .findFirst()
                            .orElse("the JVM could not use it"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
