package org.opsframework.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One process's resident memory and CPU time so far, read from Linux's {@code /proc/<pid>}.
 *
 * @param residentKib {@code VmRSS}
 * @param peakResidentKib {@code VmHWM}, the highest resident size so far
 * @param cpuSeconds user and system time, {@code utime + stime}
 */
record ProcessUsage(long residentKib, long peakResidentKib, double cpuSeconds) {

  /** Linux's USER_HZ, the unit of {@code /proc} CPU times. */
  private static final double TICKS_PER_SECOND = 100;

  static ProcessUsage of(long pid) throws IOException {
    Path dir = Path.of("/proc", Long.toString(pid));
    long rss = -1;
    long hwm = -1;
    for (String line : Files.readAllLines(dir.resolve("status"))) {
      if (line.startsWith("VmRSS:")) {
        rss = kib(line);
      } else if (line.startsWith("VmHWM:")) {
        hwm = kib(line);
      }
    }
    String stat = Files.readString(dir.resolve("stat"));
    String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(rest[11]) + Long.parseLong(rest[12]);
    return new ProcessUsage(rss, hwm, ticks / TICKS_PER_SECOND);
  }

  private static long kib(String line) {
    return Long.parseLong(line.replaceAll("[^0-9]", ""));
  }
}
