package org.opsframework.scheduler.results;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.opsframework.common.messaging.ErrorInfo;
import org.opsframework.common.messaging.OutcomeMessage;
import org.opsframework.common.messaging.OutcomeType;
import org.opsframework.scheduler.config.SchedulerProperties;
import org.opsframework.scheduler.dispatch.DispatchWaiter;
import org.opsframework.scheduler.persistence.OperationRepository;
import org.opsframework.scheduler.persistence.OperationStatus;
import org.opsframework.scheduler.persistence.OutcomeStatements;
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
  private final OutcomeStatements statements;
  private final Backoff backoff;
  private final DispatchWaiter waiter;
  private final MeterRegistry meters;
  private final Duration waitInterval;

  OutcomeApplier(
      OperationRepository repository,
      OutcomeStatements statements,
      Backoff backoff,
      DispatchWaiter waiter,
      MeterRegistry meters,
      SchedulerProperties properties) {
    this.repository = repository;
    this.statements = statements;
    this.backoff = backoff;
    this.waiter = waiter;
    this.meters = meters;
    this.waitInterval = properties.heartbeat().waiting().waitInterval();
  }

  /**
   * Applies reports in arrival order, in the caller's transaction. Reports on different operations
   * go to the database together, one statement per kind; a second report on the same operation
   * waits for a later round, so that, say, PROCESSING is applied before the SUCCESS that followed
   * it.
   *
   * @return how many changed an operation (the rest were stale or duplicates)
   */
  public int applyAll(List<OutcomeMessage> outcomes) {
    statements.planForActualValues();
    int applied = 0;
    for (List<OutcomeMessage> round : rounds(outcomes)) {
      applied += applyRound(round);
    }
    return applied;
  }

  /** Splits reports into rounds in which each operation appears once, keeping their order. */
  private static List<List<OutcomeMessage>> rounds(List<OutcomeMessage> outcomes) {
    List<List<OutcomeMessage>> rounds = new ArrayList<>();
    Map<UUID, Integer> seen = new HashMap<>();
    for (OutcomeMessage outcome : outcomes) {
      int round = seen.merge(outcome.operationId(), 1, Integer::sum) - 1;
      if (round == rounds.size()) {
        rounds.add(new ArrayList<>());
      }
      rounds.get(round).add(outcome);
    }
    return rounds;
  }

  private int applyRound(List<OutcomeMessage> round) {
    Map<OutcomeType, List<OutcomeMessage>> byType = new EnumMap<>(OutcomeType.class);
    round.forEach(o -> byType.computeIfAbsent(o.type(), t -> new ArrayList<>()).add(o));
    int applied = 0;
    for (Map.Entry<OutcomeType, List<OutcomeMessage>> kind : byType.entrySet()) {
      List<OutcomeMessage> reports = kind.getValue();
      int changed =
          switch (kind.getKey()) {
            case PROCESSING -> statements.markProcessing(reports(reports)).size();
            case TOUCH -> statements.touch(reports(reports)).size();
            case SUCCESS -> succeeded(reports);
            case FAILED -> applyEach(reports, o -> fail(o).isPresent());
            case WAIT -> applyEach(reports, this::waiting);
          };
      count(kind.getKey(), true, changed);
      count(kind.getKey(), false, reports.size() - changed);
      applied += changed;
    }
    return applied;
  }

  private int succeeded(List<OutcomeMessage> reports) {
    List<OutcomeStatements.Finished> finished = statements.markSuccess(reports(reports));
    for (OutcomeStatements.Finished f : finished) {
      record("operations.queue.wait", f.triggerFunction(), f.queued());
      record("operations.run.time", f.triggerFunction(), f.run());
    }
    if (log.isDebugEnabled()) {
      log.debug("Applied {} of {} SUCCESS report(s)", finished.size(), reports.size());
    }
    return finished.size();
  }

  private static List<OutcomeStatements.Report> reports(List<OutcomeMessage> outcomes) {
    return outcomes.stream()
        .map(
            o ->
                new OutcomeStatements.Report(
                    o.operationId(), o.attempt(), o.workerId(), o.result(), o.runMillis()))
        .toList();
  }

  /** Applies each report on its own (the rare kinds), with the operation in the log context. */
  private static int applyEach(List<OutcomeMessage> outcomes, Predicate<OutcomeMessage> apply) {
    int changed = 0;
    for (OutcomeMessage outcome : outcomes) {
      MDC.put("operationId", String.valueOf(outcome.operationId()));
      MDC.put("attempt", String.valueOf(outcome.attempt()));
      try {
        if (apply.test(outcome)) {
          changed++;
        } else {
          log.debug(
              "Ignored {} from worker {}: the operation is no longer at that attempt or state",
              outcome.type(),
              outcome.workerId());
        }
      } finally {
        MDC.remove("operationId");
        MDC.remove("attempt");
      }
    }
    return changed;
  }

  private void count(OutcomeType type, boolean applied, int n) {
    if (n > 0) {
      meters
          .counter("operations.outcomes", "type", type.name(), "applied", String.valueOf(applied))
          .increment(n);
    }
  }

  /** Adds a latency to its histogram, tagged with the trigger function. */
  private void record(String metric, String triggerFunction, Duration duration) {
    Timer.builder(metric)
        .tag("triggerFunction", triggerFunction)
        .publishPercentileHistogram()
        .register(meters)
        .record(duration);
  }

  /**
   * Records a failed attempt: back to PENDING with backoff while retries remain, else FAILED.
   *
   * @return the new status, or empty when the attempt was stale
   */
  public Optional<OperationStatus> failAttempt(UUID id, ErrorInfo error) {
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

  /**
   * The outcome's own attempt fences the write; the attempt inside its error details is only a
   * description and is made to agree with it.
   */
  private Optional<OperationStatus> fail(OutcomeMessage outcome) {
    ErrorInfo reported = outcome.error();
    ErrorInfo error =
        reported == null
            ? new ErrorInfo(
                "MissingErrorInfo",
                "the worker reported a failure without details",
                outcome.attempt(),
                outcome.workerId(),
                outcome.time(),
                true)
            : new ErrorInfo(
                reported.errorClass(),
                reported.message(),
                outcome.attempt(),
                reported.worker(),
                reported.time(),
                reported.retryable());
    return failAttempt(outcome.operationId(), error);
  }

  /**
   * A SUCCESS whose result the database refuses (a NUL character in a string, say) cannot be stored
   * as it is: the attempt is recorded as a permanent failure that says why, instead.
   *
   * @return whether the operation changed
   */
  public boolean failUnstorableResult(OutcomeMessage outcome, String why) {
    ErrorInfo error =
        new ErrorInfo(
            "UnstorableResult",
            "the function succeeded but its result could not be stored: " + why,
            outcome.attempt(),
            outcome.workerId(),
            outcome.time(),
            false);
    return failAttempt(outcome.operationId(), error).isPresent();
  }
}
