package org.opsframework.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the throughput benchmark measured, as printed and as written to {@code
 * throughput-benchmark.json}.
 *
 * @param finished when the benchmark finished, ISO-8601
 * @param cores processors this JVM sees
 * @param postgresVersion the server's version
 * @param operations operations per burn-down, submit phase and ceiling
 * @param runs how many runs each figure is the median of
 * @param rate offered load of the latency phase, operations per second
 * @param latencySeconds length of the latency phase
 * @param figures every figure's median and spread, in the order measured
 * @param perRun every run's figures
 */
record ThroughputResult(
    String finished,
    int cores,
    String postgresVersion,
    int operations,
    int runs,
    int rate,
    long latencySeconds,
    List<Figure> figures,
    List<Map<String, Double>> perRun) {

  /**
   * One figure over the runs.
   *
   * @param median the median (of an even count, the mean of the middle two)
   */
  record Figure(String name, double median, double min, double max) {}

  static List<Figure> figures(List<Map<String, Double>> runs) {
    Map<String, List<Double>> byName = new LinkedHashMap<>();
    runs.forEach(
        run -> run.forEach((k, v) -> byName.computeIfAbsent(k, x -> new ArrayList<>()).add(v)));
    List<Figure> figures = new ArrayList<>();
    byName.forEach(
        (name, values) -> {
          double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
          int mid = sorted.length / 2;
          double median =
              sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
          figures.add(
              new Figure(name, round(median), round(sorted[0]), round(sorted[sorted.length - 1])));
        });
    return figures;
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
