package org.opsframework.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** One service the demo started as an operating-system process, with its log in a file. */
final class ServiceProcess {

  private static final Duration HEALTH_POLL = Duration.ofMillis(500);

  private final String name;
  private final int port;
  private final Path log;
  private final Process process;
  private final long startedNanos;

  private ServiceProcess(String name, int port, Path log, Process process) {
    this.name = name;
    this.port = port;
    this.log = log;
    this.process = process;
    this.startedNanos = System.nanoTime();
  }

  /** Starts {@code command} in {@code workDir}, standard output and error both into {@code log}. */
  static ServiceProcess start(String name, List<String> command, int port, Path log, Path workDir) {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.PIPE);
    try {
      return new ServiceProcess(name, port, log, builder.start());
    } catch (IOException e) {
      throw DemoFailure.failed("cannot start " + name + ": " + e.getMessage(), e);
    }
  }

  String name() {
    return name;
  }

  int port() {
    return port;
  }

  Path log() {
    return log;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Waits until the actuator reports the service up, at most {@code timeout} after the start.
   *
   * @return how long the service took to come up
   * @throws DemoFailure with the end of the log when the process exits or the timeout passes
   */
  Duration awaitHealthy(HealthProbe probe, Duration timeout) {
    long deadline = startedNanos + timeout.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw DemoFailure.failed(
            name + " exited with code " + process.exitValue() + " while starting" + logTail());
      }
      if (probe.isUp(port)) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
      }
      if (System.nanoTime() - deadline > 0) {
        throw DemoFailure.failed(
            name + " did not report healthy within " + timeout.toSeconds() + " s" + logTail());
      }
      try {
        Thread.sleep(HEALTH_POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw DemoFailure.failed("interrupted while waiting for " + name);
      }
    }
  }

  /** Asks the process to stop (SIGTERM); returns at once. */
  void requestStop() {
    process.destroy();
  }

  /** Waits up to {@code timeout} for the process to end; kills it when it has not. */
  void awaitStopped(Duration timeout) {
    try {
      if (!process.waitFor(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private String logTail() {
    List<String> lines = lastLines(log, 30);
    if (lines.isEmpty()) {
      return "; its log " + log + " is empty";
    }
    return "; last lines of " + log + ":\n  " + String.join("\n  ", lines);
  }

  static List<String> lastLines(Path file, int count) {
    Deque<String> tail = new ArrayDeque<>(count);
    try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
      lines.forEachOrdered(
          line -> {
            if (tail.size() == count) {
              tail.removeFirst();
            }
            tail.addLast(line);
          });
    } catch (IOException | RuntimeException e) {
      // a log with invalid UTF-8 or one that vanished: show what we have
    }
    return List.copyOf(tail);
  }
}
