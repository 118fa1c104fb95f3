package org.gongyi.infra.test;

/** Reads a Prometheus text exposition ({@code /q/metrics}) as the tests need it. */
public final class Metrics {
    private Metrics() {}

    /** The sum of the samples of series {@code name} whose labels include {@code label} (e.g. {@code status="x"}). */
    public static double sum(String exposition, String name, String label) {
        return exposition
                .lines()
                .filter(l -> l.startsWith(name + "{") && l.contains(label))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
