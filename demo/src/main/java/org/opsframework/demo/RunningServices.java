package org.opsframework.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The processes the demo started, stopped together exactly once: at the end of a run, on a failure,
 * or from a shutdown hook on Ctrl-C, so that no service outlives the demo. What must be cleaned up
 * once they are gone (the run's database) runs right after, in the same place.
 */
final class RunningServices {

  static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private final List<ServiceProcess> services = new ArrayList<>();
  private final List<Runnable> cleanups = new ArrayList<>();
  private final PrintStream out;
  private boolean stopped;
  private volatile boolean exiting;

  RunningServices(PrintStream out) {
    this.out = out;
  }

  /** Adds a started service; stops it at once when the others were already stopped. */
  synchronized ServiceProcess add(ServiceProcess service) {
    services.add(service);
    if (stopped) {
      // Ctrl-C arrived while this one was starting
      service.requestStop();
      service.awaitStopped(STOP_GRACE);
    }
    return service;
  }

  /**
   * Adds a clean-up to run once the services have stopped; runs it at once when they already have.
   * A clean-up that throws is reported and does not keep the others from running.
   */
  synchronized void afterStopping(Runnable cleanup) {
    if (stopped) {
      runQuietly(cleanup);
    } else {
      cleanups.add(cleanup);
    }
  }

  /** Registers {@link #stopAll()} as a JVM shutdown hook. */
  RunningServices stopOnExit() {
    Runnable onExit =
        () -> {
          exiting = true;
          stopAll();
        };
    Runtime.getRuntime().addShutdownHook(new Thread(onExit, "demo-stop-services"));
    return this;
  }

  /** Whether the JVM is shutting down (Ctrl-C, SIGTERM), so waiting for anything is pointless. */
  boolean isExiting() {
    return exiting;
  }

  /**
   * Sends SIGTERM to every service, waits up to 30 s for all, then kills those left; then runs the
   * clean-ups.
   */
  synchronized void stopAll() {
    if (stopped) {
      return;
    }
    stopped = true;
    stopServices();
    cleanups.forEach(this::runQuietly);
    out.flush();
  }

  private void stopServices() {
    List<ServiceProcess> alive = services.stream().filter(ServiceProcess::isAlive).toList();
    if (alive.isEmpty()) {
      return;
    }

    out.println("Stopping " + names(alive) + " ...");
    alive.forEach(ServiceProcess::requestStop);

    long deadline = System.nanoTime() + STOP_GRACE.toNanos();
    for (ServiceProcess service : alive) {
      service.awaitStopped(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }
  }

  private void runQuietly(Runnable cleanup) {
    try {
      cleanup.run();
    } catch (RuntimeException e) {
      out.println("demo: " + e.getMessage());
    }
  }

  private static String names(List<ServiceProcess> services) {
    return String.join(", ", services.stream().map(ServiceProcess::name).toList());
  }
}
