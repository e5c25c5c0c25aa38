package org.opsframework.scheduler.results;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Optional;
import org.opsframework.common.messaging.ErrorInfo;
import org.opsframework.common.messaging.OutcomeMessage;
import org.opsframework.scheduler.config.SchedulerProperties;
import org.opsframework.scheduler.dispatch.DispatchWaiter;
import org.opsframework.scheduler.persistence.OperationRepository;
import org.opsframework.scheduler.persistence.OperationStatus;
import org.opsframework.scheduler.persistence.Timing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Writes a worker's report to the operation row: liveness, a result, a failure (retried with
 * backoff while attempts remain) or a wait. Each write is conditional on the attempt, so a report
 * from an attempt that was superseded, rescued or cancelled changes nothing.
 */
@Component
public class OutcomeApplier {

  private static final Logger log = LoggerFactory.getLogger(OutcomeApplier.class);

  private final OperationRepository repository;
  private final Backoff backoff;
  private final DispatchWaiter waiter;
  private final MeterRegistry meters;
  private final Duration waitInterval;

  OutcomeApplier(
      OperationRepository repository,
      Backoff backoff,
      DispatchWaiter waiter,
      MeterRegistry meters,
      SchedulerProperties properties) {
    this.repository = repository;
    this.backoff = backoff;
    this.waiter = waiter;
    this.meters = meters;
    this.waitInterval = properties.heartbeat().waiting().waitInterval();
  }

  /**
   * Applies one report.
   *
   * @return whether it changed the operation (false: stale or duplicate)
   */
  public boolean apply(OutcomeMessage outcome) {
    MDC.put("operationId", String.valueOf(outcome.operationId()));
    MDC.put("attempt", String.valueOf(outcome.attempt()));
    try {
      boolean applied =
          switch (outcome.type()) {
            case PROCESSING ->
                repository
                    .markProcessing(outcome.operationId(), outcome.attempt(), outcome.workerId())
                    .map(t -> record("operations.queue.wait", t))
                    .isPresent();
            case TOUCH -> repository.touch(outcome.operationId(), outcome.attempt());
            case SUCCESS ->
                repository
                    .markSuccess(
                        outcome.operationId(),
                        outcome.attempt(),
                        outcome.workerId(),
                        outcome.result())
                    .map(t -> record("operations.run.time", t))
                    .isPresent();
            case FAILED -> fail(outcome).isPresent();
            case WAIT -> waiting(outcome);
          };
      meters
          .counter(
              "operations.outcomes",
              "type",
              outcome.type().name(),
              "applied",
              String.valueOf(applied))
          .increment();
      if (applied) {
        log.debug("Applied {} from worker {}", outcome.type(), outcome.workerId());
      } else {
        log.debug(
            "Ignored {} from worker {}: the operation is no longer at that attempt or state",
            outcome.type(),
            outcome.workerId());
      }
      return applied;
    } finally {
      MDC.remove("operationId");
      MDC.remove("attempt");
    }
  }

  /** Adds a latency to its histogram, tagged with the trigger function. */
  private Timing record(String metric, Timing timing) {
    Timer.builder(metric)
        .tag("triggerFunction", timing.triggerFunction())
        .publishPercentileHistogram()
        .register(meters)
        .record(timing.duration());
    return timing;
  }

  /**
   * Records a failed attempt: back to PENDING with backoff while retries remain, else FAILED.
   *
   * @return the new status, or empty when the attempt was stale
   */
  public Optional<OperationStatus> failAttempt(java.util.UUID id, ErrorInfo error) {
    Duration delay = backoff.afterAttempt(error.attempt());
    Optional<OperationStatus> status = repository.markFailed(id, error, delay);
    status.ifPresent(
        s -> {
          if (s == OperationStatus.PENDING) {
            log.info(
                "Attempt {} failed ({}: {}); retrying in {} ms",
                error.attempt(),
                error.errorClass(),
                error.message(),
                delay.toMillis());
            // The dispatcher recomputes when it next has work to do.
            waiter.wake();
          } else {
            log.info(
                "Operation FAILED after attempt {}: {}: {}",
                error.attempt(),
                error.errorClass(),
                error.message());
          }
        });
    return status;
  }

  /** The attempt asked to wait: WAIT until a callback or the wait heartbeat moves it on. */
  private boolean waiting(OutcomeMessage outcome) {
    boolean applied =
        repository.markWaiting(
            outcome.operationId(), outcome.attempt(), outcome.workerId(), waitInterval);
    if (applied) {
      JsonNode reason =
          outcome.result() == null ? null : outcome.result().get(OutcomeMessage.WAIT_REASON);
      log.info(
          "Operation WAIT ({}); runs again in {} ms unless a callback completes it first",
          reason == null ? "no reason given" : reason.asString(),
          waitInterval.toMillis());
    }
    return applied;
  }

  private Optional<OperationStatus> fail(OutcomeMessage outcome) {
    ErrorInfo error = outcome.error();
    if (error == null) {
      error =
          new ErrorInfo(
              "MissingErrorInfo",
              "the worker reported a failure without details",
              outcome.attempt(),
              outcome.workerId(),
              outcome.time(),
              true);
    }
    return failAttempt(outcome.operationId(), error);
  }
}
