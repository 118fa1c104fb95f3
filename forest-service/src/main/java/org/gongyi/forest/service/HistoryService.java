package org.gongyi.forest.service;

import io.quarkus.cache.CacheResult;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.time.HistoryWindow;
import org.gongyi.forest.persistence.History;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The platform's history in buckets: what the live report's charts draw. */
@ApplicationScoped
public class HistoryService {

    public static final String CACHE = "platform-history";

    /** A bucket: energy credited by actions that happened in it, trees planted in it (in all and by species). */
    public record Point(
            Instant at, long energyCreditedGrams, long creditedActions, long trees, Map<String, Long> treesBySpecies) {}

    public record ForestHistory(HistoryWindow.Bucket by, Instant from, Instant to, List<Point> points) {}

    private final History history;

    public HistoryService(History history) {
        this.history = history;
    }

    /**
     * The history over {@code window}, the same for everyone: kept in the cache for a second (the API says so), so a
     * crowd watching the report costs one read a second per window and instance.
     */
    @CacheResult(cacheName = CACHE)
    public Uni<ForestHistory> history(HistoryWindow window) {
        return history.energy(window)
                .chain(energy -> history.trees(window).map(trees -> {
                    Map<Instant, Map<String, Long>> bySpecies = new LinkedHashMap<>();
                    trees.forEach(t -> bySpecies
                            .computeIfAbsent(t.at(), k -> new TreeMap<>())
                            .put(t.speciesCode(), t.trees()));
                    List<Point> points = new ArrayList<>(energy.size());
                    for (History.EnergyBucket e : energy) {
                        Map<String, Long> species = bySpecies.getOrDefault(e.at(), Map.of());
                        points.add(new Point(
                                e.at(),
                                e.creditedGrams(),
                                e.creditedActions(),
                                species.values().stream()
                                        .mapToLong(Long::longValue)
                                        .sum(),
                                species));
                    }
                    return new ForestHistory(window.by(), window.from(), window.to(), points);
                }));
    }
}
