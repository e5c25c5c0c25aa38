package org.opsframework.benchmark;

import java.io.PrintStream;

/** Prints the throughput benchmark's figures: median and min–max over the runs. */
final class ThroughputTable {

  private ThroughputTable() {}

  static void print(ThroughputResult result, PrintStream out) {
    out.println();
    out.printf(
        "Throughput benchmark, %s, %d cores, PostgreSQL %s; %,d operations, %d runs,"
            + " latency at %d/s for %d s%n",
        result.finished(),
        result.cores(),
        result.postgresVersion(),
        result.operations(),
        result.runs(),
        result.rate(),
        result.latencySeconds());
    out.println();
    out.printf("%-40s %12s   %s%n", "figure", "median", "min–max");
    out.println("-".repeat(75));
    for (ThroughputResult.Figure f : result.figures()) {
      out.printf(
          "%-40s %12s   %s–%s%n", f.name(), format(f.median()), format(f.min()), format(f.max()));
    }
    out.println();
  }

  private static String format(double value) {
    if (Math.abs(value) >= 100) {
      return String.format("%,.0f", value);
    }
    return String.format("%.2f", value);
  }
}
