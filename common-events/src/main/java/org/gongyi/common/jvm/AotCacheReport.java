package org.gongyi.common.jvm;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Says once, at start, whether the service runs with the JDK's ahead-of-time cache it was given
 * ({@code -XX:AOTCache=…}). A JVM that cannot use its cache (missing, built by another JDK, or for other jars)
 * starts without it, silently when its own messages are off ({@code -Xlog:aot*=off}, as the launcher and the images
 * run it): this line is where an operator sees it.
 */
@ApplicationScoped
public class AotCacheReport {

    private static final Logger LOG = Logger.getLogger(AotCacheReport.class);

    /** What to say, and how loudly. */
    public record Line(boolean warning, String text) {}

    void onStart(@Observes StartupEvent event) {
        String option;
        try {
            option = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .getVMOption("AOTCache")
                    .getValue();
        } catch (RuntimeException e) {
            return; // not a HotSpot JVM with AOT caches
        }
        describe(option, System.getProperty("java.vm.info", ""), System.getProperty("java.vm.version", ""))
                .ifPresent(line -> {
                    if (line.warning()) {
                        LOG.warn(line.text());
                    } else {
                        LOG.info(line.text());
                    }
                });
    }

    /**
     * The line for a JVM given {@code aotCache} (empty: none given) whose {@code java.vm.info} is {@code vmInfo}: the
     * JVM says "sharing" there exactly when it mapped a cache (a cache it could not use leaves no archive mapped).
     */
    public static Optional<Line> describe(String aotCache, String vmInfo, String vmVersion) {
        if (aotCache == null || aotCache.isBlank()) {
            return Optional.empty();
        }
        if (vmInfo.contains("sharing")) {
            return Optional.of(new Line(false, "Started with the AOT cache " + aotCache));
        }
        if (!Files.isRegularFile(Path.of(aotCache))) {
            return Optional.of(new Line(
                    true,
                    "Started without an AOT cache: " + aotCache
                            + " does not exist (the build trains one: deploy/train-aot.sh, docs/footprint.md)"));
        }
        return Optional.of(new Line(
                true,
                "Started without the AOT cache " + aotCache + ": this JVM (" + vmVersion
                        + ") cannot use it; it was built by another JDK, for other jars or with other JVM options "
                        + "(-Xlog:aot tells which); train it again with this build"));
    }
}
