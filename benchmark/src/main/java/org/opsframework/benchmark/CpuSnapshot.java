package org.opsframework.benchmark;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time so far, from Linux's {@code /proc}: the whole machine's busy and idle time, and each
 * process's time grouped by command name (this JVM on its own), so that two snapshots say who used
 * the cores in between. Empty where {@code /proc} is missing.
 */
record CpuSnapshot(long nanos, long busyTicks, long totalTicks, Map<String, Long> ticksByCommand) {

  /** Linux's USER_HZ, the unit of {@code /proc} CPU times, on every common platform. */
  private static final double TICKS_PER_SECOND = 100;

  private static final String THIS_JVM = "benchmark JVM (scheduler, worker, load)";

  /** Busy time no process still running at the second snapshot accounts for. */
  private static final String ENDED = "processes that ended meanwhile";

  /**
   * @param postmaster the benchmark's PostgreSQL server, whose processes are told apart from those
   *     of other servers on the machine
   */
  static CpuSnapshot take(long postmaster) {
    long busy = 0;
    long total = 0;
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
      String[] fields = lines.get(0).trim().split("\\s+");
      for (int i = 1; i < fields.length && i <= 8; i++) {
        long value = Long.parseLong(fields[i]);
        total += value;
        if (i != 4 && i != 5 && i != 8) { // idle, iowait, steal
          busy += value;
        }
      }
    } catch (IOException | RuntimeException e) {
      return new CpuSnapshot(System.nanoTime(), 0, 0, Map.of());
    }
    return new CpuSnapshot(System.nanoTime(), busy, total, byCommand(postmaster));
  }

  /**
   * What was used between {@code earlier} and this snapshot.
   *
   * @return busy share of all cores, and per command the cores used on average, largest first, with
   *     the busy time of processes that ended in between under a name of its own
   */
  Usage since(CpuSnapshot earlier) {
    double busyShare =
        totalTicks == earlier.totalTicks
            ? 0
            : (double) (busyTicks - earlier.busyTicks) / (totalTicks - earlier.totalTicks);
    double seconds = (nanos - earlier.nanos) / 1e9;
    Map<String, Double> cores = new HashMap<>();
    ticksByCommand.forEach(
        (command, ticks) -> {
          long used = ticks - earlier.ticksByCommand.getOrDefault(command, 0L);
          if (used > 0 && seconds > 0) {
            cores.put(command, used / TICKS_PER_SECOND / seconds);
          }
        });
    double attributed = cores.values().stream().mapToDouble(Double::doubleValue).sum();
    double busyCores = busyShare * Runtime.getRuntime().availableProcessors();
    if (busyCores - attributed > 0.01) {
      cores.put(ENDED, busyCores - attributed);
    }
    Map<String, Double> sorted = new LinkedHashMap<>();
    cores.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .limit(7)
        .forEach(e -> sorted.put(e.getKey(), Math.round(e.getValue() * 100) / 100.0));
    return new Usage(Math.round(busyShare * 1000) / 10.0, sorted);
  }

  /**
   * @param busyPercent share of all cores busy (not idle, not waiting for I/O)
   * @param coresByCommand average cores used per command over the interval, the seven largest
   */
  record Usage(double busyPercent, Map<String, Double> coresByCommand) {}

  /** The parent of a process on this machine, or -1 when it cannot be read. */
  static long parentOf(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * Kernel workers go under one name; other JVMs are named so, not to be taken for this one;
   * PostgreSQL's processes by server.
   */
  private static String command(String name, long parent, long postmaster) {
    if (name.startsWith("kworker")) {
      return "kworker";
    } else if (name.equals("java")) {
      return "other java";
    } else if (name.equals("postgres")) {
      return parent == postmaster ? "postgres (this server)" : "postgres (other servers)";
    }
    return name;
  }

  private static Map<String, Long> byCommand(long postmaster) {
    long self = ProcessHandle.current().pid();
    Map<String, Long> ticks = new HashMap<>();
    try (DirectoryStream<Path> processes =
        Files.newDirectoryStream(
            Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
      for (Path process : processes) {
        try {
          String stat = Files.readString(process.resolve("stat"));
          int open = stat.indexOf('(');
          int close = stat.lastIndexOf(')');
          String[] rest = stat.substring(close + 2).split(" ");
          long used = Long.parseLong(rest[11]) + Long.parseLong(rest[12]); // utime, stime
          String command =
              command(stat.substring(open + 1, close), Long.parseLong(rest[1]), postmaster);
          if (Long.parseLong(process.getFileName().toString()) == self) {
            command = THIS_JVM;
          }
          ticks.merge(command, used, Long::sum);
        } catch (IOException | RuntimeException e) {
          // the process ended while being read
        }
      }
    } catch (IOException e) {
      return Map.of();
    }
    return ticks;
  }
}
