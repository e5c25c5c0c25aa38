package org.opsframework.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Polls the scheduler until every submitted operation is terminal or the time is up, printing a
 * progress line when the counts change (at most every two seconds) and at least every ten.
 */
final class CompletionWaiter {

  static final Duration POLL_INTERVAL = Duration.ofMillis(250);
  private static final Duration PROGRESS_MIN = Duration.ofSeconds(2);
  private static final Duration PROGRESS_MAX = Duration.ofSeconds(10);

  private final OperationsClient client;
  private final ServiceProcess scheduler;
  private final RunningServices running;
  private final PrintStream out;

  CompletionWaiter(
      OperationsClient client, ServiceProcess scheduler, RunningServices running, PrintStream out) {
    this.client = client;
    this.scheduler = scheduler;
    this.running = running;
    this.out = out;
  }

  /**
   * Waits for the operations to finish.
   *
   * @return the last state seen of each operation, in the order given
   * @throws DemoFailure when the demo is being stopped (Ctrl-C)
   */
  List<OperationView> await(List<OperationView> submitted, Duration timeout) {
    Map<String, OperationView> latest = new LinkedHashMap<>();
    submitted.forEach(op -> latest.put(op.id(), op));
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    long lastPrinted = start;
    StatusCounts printed = StatusCounts.of(latest.values());

    while (true) {
      if (running.isExiting()) {
        throw DemoFailure.failed("interrupted; the services are being stopped");
      }
      refresh(latest);
      StatusCounts counts = StatusCounts.of(latest.values());
      if (counts.count("SUCCESS") + counts.count("FAILED") + counts.count("CANCELLED")
          == counts.total()) {
        break;
      }

      long now = System.nanoTime();
      long sincePrinted = now - lastPrinted;
      if ((!counts.equals(printed) && sincePrinted >= PROGRESS_MIN.toNanos())
          || sincePrinted >= PROGRESS_MAX.toNanos()) {
        out.printf("  [%3d s] %s%n", Duration.ofNanos(now - start).toSeconds(), counts);
        printed = counts;
        lastPrinted = now;
      }
      if (now - deadline > 0) {
        out.printf("Timed out after %d s: %s%n", timeout.toSeconds(), counts);
        break;
      }
      if (!scheduler.isAlive()) {
        out.println("The scheduler exited; see " + scheduler.log());
        break;
      }
      sleep(POLL_INTERVAL);
    }

    return new ArrayList<>(latest.values());
  }

  private void refresh(Map<String, OperationView> latest) {
    for (OperationView op : List.copyOf(latest.values())) {
      if (op.isTerminal()) {
        continue;
      }
      try {
        latest.put(op.id(), client.get(op.id()));
      } catch (DemoFailure e) {
        // a slow or restarting scheduler: keep the last state and try again on the next pass
        out.println("  (" + e.getMessage() + ")");
        return;
      }
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw DemoFailure.failed("interrupted while waiting for the operations");
    }
  }
}
