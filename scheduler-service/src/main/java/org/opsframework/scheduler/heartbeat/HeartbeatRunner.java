package org.opsframework.scheduler.heartbeat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.opsframework.scheduler.config.SchedulerProperties;
import org.opsframework.scheduler.dispatch.DispatchWaiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs every {@link Heartbeat} in a loop of its own. Each pass claims the due run in the heartbeat
 * table (so one replica runs it), runs it, records the outcome, and sleeps until the next run is
 * due by the database clock. A pass catches everything, so one failing run never stops the loop.
 */
@Component
class HeartbeatRunner implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(HeartbeatRunner.class);

  /** Shortest sleep between passes, so a clock step never turns the loop into a spin. */
  private static final Duration MIN_SLEEP = Duration.ofMillis(100);

  private final List<Heartbeat> heartbeats;
  private final HeartbeatRepository repository;
  private final MeterRegistry meters;
  private final Duration lease;
  private final boolean enabled;
  private final String replica;
  private final List<Thread> threads = new ArrayList<>();
  private final List<DispatchWaiter> waiters = new ArrayList<>();
  private final java.util.concurrent.ScheduledExecutorService leaseRenewals =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "heartbeat-lease");
            thread.setDaemon(true);
            return thread;
          });
  private volatile boolean running;

  HeartbeatRunner(
      List<Heartbeat> heartbeats,
      HeartbeatRepository repository,
      MeterRegistry meters,
      SchedulerProperties properties) {
    this.heartbeats = heartbeats;
    this.repository = repository;
    this.meters = meters;
    this.lease = properties.heartbeat().lease();
    this.enabled = properties.heartbeat().enabled();
    this.replica =
        ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Override
  public void start() {
    running = true;
    if (!enabled) {
      log.info("Heartbeats are disabled on this replica (operations.heartbeat.enabled=false)");
      return;
    }
    for (Heartbeat heartbeat : heartbeats) {
      repository.register(heartbeat.name());
      DispatchWaiter waiter = new DispatchWaiter();
      waiters.add(waiter);
      Thread thread = new Thread(() -> loop(heartbeat, waiter), "heartbeat-" + heartbeat.name());
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
  }

  @Override
  public void stop() {
    running = false;
    waiters.forEach(DispatchWaiter::wake);
    for (Thread thread : threads) {
      thread.interrupt();
    }
    threads.clear();
    waiters.clear();
    leaseRenewals.shutdownNow();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void loop(Heartbeat heartbeat, DispatchWaiter waiter) {
    log.info("Heartbeat {} started, every {}", heartbeat.name(), heartbeat.interval());
    while (running) {
      try {
        runIfDue(heartbeat);
        waiter.await(sleepFor(heartbeat));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException e) {
        log.warn("Heartbeat {} could not check its schedule: {}", heartbeat.name(), e.toString());
        if (!pause(waiter, heartbeat.interval())) {
          break;
        }
      }
    }
  }

  private void runIfDue(Heartbeat heartbeat) {
    if (!repository.claim(heartbeat.name(), heartbeat.interval(), replica, lease)) {
      log.trace("Heartbeat {} not due or held by another replica", heartbeat.name());
      return;
    }
    long start = System.nanoTime();
    // A long run keeps its lease, so no other replica starts the same work alongside it.
    long renewEvery = Math.max(1, lease.toMillis() / 3);
    java.util.concurrent.ScheduledFuture<?> renewal =
        leaseRenewals.scheduleWithFixedDelay(
            () -> renew(heartbeat),
            renewEvery,
            renewEvery,
            java.util.concurrent.TimeUnit.MILLISECONDS);
    Map<String, Long> counts = null;
    String error = null;
    try {
      counts = heartbeat.run();
    } catch (RuntimeException e) {
      error = e.toString();
      log.error(
          "Heartbeat {} failed; it runs again in {}: {}",
          heartbeat.name(),
          heartbeat.interval(),
          e);
    } finally {
      renewal.cancel(false);
    }
    boolean unfinished = Thread.currentThread().isInterrupted();
    if (unfinished && error == null) {
      error = "stopped early by shutdown; the next run picks up the rest";
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    Timer.builder("operations.heartbeat.runs")
        .tag("heartbeat", heartbeat.name())
        .tag("outcome", error == null ? "success" : "failure")
        .register(meters)
        .record(Duration.ofMillis(millis));
    repository.finish(heartbeat.name(), replica, millis, counts, error, unfinished);
  }

  private void renew(Heartbeat heartbeat) {
    try {
      if (!repository.renew(heartbeat.name(), replica, lease)) {
        log.warn(
            "Heartbeat {} lost its lease; another replica may run it alongside", heartbeat.name());
      }
    } catch (RuntimeException e) {
      log.warn("Heartbeat {} could not renew its lease: {}", heartbeat.name(), e.toString());
    }
  }

  private Duration sleepFor(Heartbeat heartbeat) {
    Duration due =
        repository.dueIn(heartbeat.name(), heartbeat.interval()).orElse(heartbeat.interval());
    if (due.compareTo(heartbeat.interval()) > 0) {
      due = heartbeat.interval();
    }
    return due.compareTo(MIN_SLEEP) < 0 ? MIN_SLEEP : due;
  }

  private static boolean pause(DispatchWaiter waiter, Duration interval) {
    try {
      waiter.await(
          interval.compareTo(Duration.ofSeconds(5)) < 0 ? interval : Duration.ofSeconds(5));
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Statuses for the endpoint, with each heartbeat's configured interval. */
  List<HeartbeatStatus> statuses() {
    Map<String, Duration> intervals = new java.util.HashMap<>();
    heartbeats.forEach(h -> intervals.put(h.name(), h.interval()));
    return repository.all().stream()
        .filter(s -> intervals.containsKey(s.name()))
        .map(s -> s.withInterval(intervals.get(s.name())))
        .toList();
  }
}
