package org.opsframework.benchmark;

import java.io.PrintStream;
import java.util.Iterator;
import java.util.Map;

/** Prints a {@link BenchmarkResult} as a plain-text table. */
final class ResultTable {

  private static final int TOP_SESSIONS = 6;

  private ResultTable() {}

  static void print(BenchmarkResult r, PrintStream out) {
    TimedCleanup.CleanupResult c = r.cleanup();
    MeasuredPhase.PhaseResult base = r.baseline();
    MeasuredPhase.PhaseResult during = r.duringCleanup();

    out.println();
    out.printf(
        "Failed-operation clean-up benchmark, %s, %d cores, PostgreSQL %s%n",
        r.finished(), r.cores(), r.postgres());
    out.printf(
        "per-row deletion log: %s%n",
        r.deletionLogging()
            ? "ON (INFO, as in production; written to " + r.deletionLogFile() + ")"
            : "OFF (DeletedFailedOperation at WARN)");
    out.println();
    row(out, "rows filled", String.format("%,d FAILED", r.rowsFilled()));
    row(
        out,
        "fill time",
        String.format(
            "%.1f s INSERT ... generate_series, + %.1f s VACUUM ANALYZE, CHECKPOINT",
            r.fillSeconds(), r.vacuumSeconds()));
    row(
        out,
        "FAILED older than 24 h",
        String.format("%,d at the start", r.failedOlderThan24hAtStart()));
    if (c.error() != null) {
      row(out, "clean-up", "FAILED after " + c.seconds() + " s: " + c.error());
    } else {
      row(
          out,
          "clean-up duration",
          String.format(
              "%.1f s (by age %.1f s, count and by limit %.1f s)%s",
              c.seconds(),
              c.ageSeconds(),
              c.limitSeconds(),
              c.interrupted() ? ", INTERRUPTED at the time limit" : ""));
      row(
          out,
          "deleted by age / by limit",
          String.format("%,d / %,d", c.deletedByAge(), c.deletedByLimit()));
      row(
          out,
          "rows/s",
          String.format(
              "%,.0f overall (by age %,.0f, by limit %,.0f)",
              c.rowsPerSecond(), c.ageRowsPerSecond(), c.limitRowsPerSecond()));
    }
    row(out, "remaining FAILED", String.format("%,d", r.remainingFailed()));
    row(
        out,
        "second run, nothing to delete",
        String.format("%,.0f ms, straight after the first", r.secondRunMillis()));
    BenchmarkDatabase.TableStatistics t = r.tableAfter();
    row(
        out,
        "dead tuples after",
        String.format(
            "%,d (live %,d; table with indexes %,d MB; autovacuum %s, ran %d times)",
            t.deadTuples(),
            t.liveTuples(),
            t.totalBytes() / (1024 * 1024),
            t.autovacuum(),
            t.autovacuumRuns()));
    row(out, "VACUUM operation after", String.format("%.1f s", r.vacuumMillis() / 1000));

    out.println();
    out.printf("%-34s %-26s %-26s%n", "dispatch of noop operations", "baseline", "during clean-up");
    pair(out, "load", load(r, base), load(r, during));
    pair(out, "operations measured", measured(base), measured(during));
    pair(
        out,
        "created->started p50 / p99 ms",
        latency(base.createdToStarted()),
        latency(during.createdToStarted()));
    pair(
        out,
        "submit->SUCCESS  p50 / p99 ms",
        latency(base.submitToSuccess()),
        latency(during.submitToSuccess()));
    pair(
        out,
        "submit request   p50 / p99 ms",
        latency(base.submitRequest()),
        latency(during.submitRequest()));
    pair(
        out,
        "max created->started ms",
        String.valueOf(base.createdToStarted().max()),
        String.valueOf(during.createdToStarted().max()));
    pair(
        out,
        "CPU busy, all cores",
        base.cpu().busyPercent() + " %",
        during.cpu().busyPercent() + " %");
    pair(
        out,
        "WAL written / checkpoints",
        String.format("%,d MB / %d", base.walBytes() / (1024 * 1024), base.checkpoints()),
        String.format("%,d MB / %d", during.walBytes() / (1024 * 1024), during.checkpoints()));

    out.println();
    out.println("cores used by process, average over the phase:");
    cores(out, "baseline", base.cpu().coresByCommand());
    cores(out, "during clean-up", during.cpu().coresByCommand());
    out.println(
        "PostgreSQL sessions of the benchmark database (pg_stat_activity every 100 ms; average"
            + " sessions in each state):");
    sessions(out, "baseline", base.activity());
    sessions(out, "during clean-up", during.activity());
    out.println();
  }

  private static String load(BenchmarkResult r, MeasuredPhase.PhaseResult phase) {
    return String.format("%d/s for %.1f s", r.rate(), phase.seconds());
  }

  private static String measured(MeasuredPhase.PhaseResult phase) {
    String text = String.format("%,d", phase.succeeded());
    long missing = phase.submitted() - phase.succeeded();
    if (missing > 0 || phase.refusedBatches() > 0) {
      text +=
          String.format(" (+%d not SUCCESS, %d batches refused)", missing, phase.refusedBatches());
    }
    return text;
  }

  private static String latency(Percentiles p) {
    return String.format("%.1f / %.1f", p.p50(), p.p99());
  }

  private static void cores(PrintStream out, String label, Map<String, Double> byCommand) {
    StringBuilder line = new StringBuilder();
    byCommand.forEach(
        (command, cores) -> {
          if (cores >= 0.01) {
            line.append(line.isEmpty() ? "" : ", ").append(command).append(' ').append(cores);
          }
        });
    out.printf("  %-16s %s%n", label, line);
  }

  private static void sessions(PrintStream out, String label, ActivitySampler.Profile profile) {
    Iterator<Map.Entry<String, Integer>> entries = profile.sessions().entrySet().iterator();
    out.printf("  %s (%d samples)%n", label, profile.samples());
    for (int i = 0; i < TOP_SESSIONS && entries.hasNext(); i++) {
      Map.Entry<String, Integer> e = entries.next();
      out.printf(
          "    %5.2f  %s%n", (double) e.getValue() / Math.max(1, profile.samples()), e.getKey());
    }
  }

  private static void row(PrintStream out, String name, String value) {
    out.printf("%-34s %s%n", name, value);
  }

  private static void pair(PrintStream out, String name, String baseline, String during) {
    out.printf("%-34s %-26s %-26s%n", name, baseline, during);
  }
}
