package org.gongyi.common.jvm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AotCacheReportTest {

    @TempDir
    Path dir;

    @Test
    void saysNothingWhenNoCacheWasGiven() {
        assertEquals(Optional.empty(), AotCacheReport.describe("", "mixed mode, sharing", "25.0.3+9-LTS"));
        assertEquals(Optional.empty(), AotCacheReport.describe(null, "mixed mode", "25.0.3+9-LTS"));
    }

    @Test
    void aMappedCacheIsReportedAsUsed() throws Exception {
        Path cache = Files.createFile(dir.resolve("app.aot"));
        assertEquals(
                Optional.of(new AotCacheReport.Line(false, "Started with the AOT cache " + cache)),
                AotCacheReport.describe(cache.toString(), "mixed mode, sharing", "25.0.3+9-LTS"));
    }

    @Test
    void aMissingCacheIsAWarningThatNamesTheFile() {
        Path cache = dir.resolve("app.aot");
        assertEquals(
                Optional.of(new AotCacheReport.Line(
                        true,
                        "Started without an AOT cache: " + cache
                                + " does not exist (the build trains one: deploy/train-aot.sh, docs/footprint.md)")),
                AotCacheReport.describe(cache.toString(), "mixed mode", "25.0.3+9-LTS"));
    }

    @Test
    void aCacheTheJvmCouldNotMapIsAWarningThatNamesThisJvm() throws Exception {
        Path cache = Files.createFile(dir.resolve("app.aot"));
        assertEquals(
                Optional.of(new AotCacheReport.Line(
                        true,
                        "Started without the AOT cache " + cache
                                + ": this JVM (25.0.3+9-LTS) cannot use it; it was built by another JDK, for other jars or with "
                                + "other JVM options (-Xlog:aot tells which); train it again with this build")),
                AotCacheReport.describe(cache.toString(), "mixed mode", "25.0.3+9-LTS"));
    }
}
