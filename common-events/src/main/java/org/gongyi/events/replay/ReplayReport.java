package org.gongyi.events.replay;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A replay's reconciliation report, while it runs and after: the range read, progress, and per projection the rows
 * compared, equal, different and found on one side only, with the first differences.
 */
public record ReplayReport(
        String id,
        String service,
        Status status,
        Instant startedAt,
        @Schema(nullable = true) Instant finishedAt,
        @Schema(nullable = true) Range range,
        long eventsTotal,
        long eventsRead,
        long eventsSkipped,
        double percent,
        double eventsPerSecond,
        List<ProjectionResult> projections,
        @Schema(nullable = true) Long differences,
        @Schema(nullable = true) Boolean consistent,
        List<String> notes,
        @Schema(nullable = true) String error) {

    @Schema(name = "ReplayReportStatus")
    public enum Status {
        PREPARING,
        REPLAYING,
        COMPARING,
        DONE,
        CANCELLED,
        FAILED;

        public boolean finished() {
            return this == DONE || this == CANCELLED || this == FAILED;
        }
    }

    /** {@code to} exclusive. */
    @Schema(name = "ReplayReportPartitionRange")
    public record PartitionRange(String topic, int partition, long from, long to) {}

    @Schema(name = "ReplayReportRange")
    public record Range(String from, String to, List<PartitionRange> partitions) {}

    /** One compared row: its key and, where they differ (or on the one side it is found), the values. */
    @Schema(name = "ReplayReportDifference")
    public record Difference(
            String kind,
            Map<String, Object> key,
            @Schema(nullable = true) Map<String, Object> live,
            @Schema(nullable = true) Map<String, Object> replay) {}

    @Schema(name = "ReplayReportProjectionResult")
    public record ProjectionResult(
            String name,
            long liveRows,
            long replayRows,
            long compared,
            long equal,
            long different,
            long onlyInLive,
            long onlyInReplay,
            List<Difference> firstDifferences) {
        public long differences() {
            return different + onlyInLive + onlyInReplay;
        }
    }

    /** The report for people: a few lines and a table. */
    public String text() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("Replay %s of %s: %s%n", id, service, status));
        if (range != null) {
            b.append(String.format("range: %s -> %s%n", range.from(), range.to()));
            for (PartitionRange p : range.partitions()) {
                if (p.to() > p.from()) {
                    b.append(
                            String.format("  %s-%d: offsets %d..%d%n", p.topic(), p.partition(), p.from(), p.to() - 1));
                }
            }
        }
        b.append(String.format(
                "read %d of %d events (%.1f %%), %d skipped as invalid, %.0f events/s%n",
                eventsRead, eventsTotal, percent, eventsSkipped, eventsPerSecond));
        if (projections != null && !projections.isEmpty()) {
            b.append(String.format(
                    "%-38s %10s %10s %10s %10s %12s%n",
                    "projection", "compared", "equal", "different", "only live", "only replay"));
            for (ProjectionResult p : projections) {
                b.append(String.format(
                        "%-38s %10d %10d %10d %10d %12d%n",
                        p.name(), p.compared(), p.equal(), p.different(), p.onlyInLive(), p.onlyInReplay()));
            }
            for (ProjectionResult p : projections) {
                for (Difference d : p.firstDifferences()) {
                    b.append(String.format(
                            "  %s %s %s: live %s, replay %s%n", p.name(), d.kind(), d.key(), d.live(), d.replay()));
                }
            }
        }
        if (consistent != null) {
            b.append(
                    consistent
                            ? "result: consistent, 0 differences\n"
                            : String.format("result: %d differences%n", differences));
        }
        if (notes != null) {
            notes.forEach(n -> b.append("note: ").append(n).append('\n'));
        }
        if (error != null) {
            b.append("error: ").append(error).append('\n');
        }
        return b.toString();
    }
}
