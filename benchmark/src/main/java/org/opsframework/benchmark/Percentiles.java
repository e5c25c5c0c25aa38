package org.opsframework.benchmark;

import java.util.Collection;

/**
 * Nearest-rank percentiles of a set of durations in milliseconds.
 *
 * @param count how many values there were
 */
record Percentiles(int count, double p50, double p95, double p99, double max) {

  static Percentiles of(Collection<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (sorted.length == 0) {
      return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    return new Percentiles(
        sorted.length,
        round(rank(sorted, 0.50)),
        round(rank(sorted, 0.95)),
        round(rank(sorted, 0.99)),
        round(sorted[sorted.length - 1]));
  }

  private static double rank(double[] sorted, double quantile) {
    int rank = (int) Math.ceil(quantile * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  private static double round(double millis) {
    return Math.round(millis * 10) / 10.0;
  }
}
