package org.opsframework.scheduler.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Every setting of the scheduler service, bound from {@code operations.*}. Defaults live here and
 * nowhere else; a wrong value stops start-up with the property's name in the message.
 *
 * @param api the REST API
 * @param messaging RabbitMQ names
 * @param dispatch the dispatch heartbeat
 * @param results how worker reports are written
 * @param retry backoff between attempts
 * @param heartbeat the housekeeping heartbeats
 * @param triggerFunctions names of the trigger functions some worker pool serves; a submit naming
 *     any other function is refused
 */
@Validated
@ConfigurationProperties("operations")
public record SchedulerProperties(
    @Valid @DefaultValue Api api,
    @Valid @DefaultValue Messaging messaging,
    @Valid @DefaultValue Dispatch dispatch,
    @Valid @DefaultValue Results results,
    @Valid @DefaultValue Retry retry,
    @Valid @DefaultValue Heartbeat heartbeat,
    @NotEmpty
        @DefaultValue({
          "generateThumbnail",
          "generateRendition",
          "extractMetadata",
          "computeChecksum"
        })
        List<@Pattern(regexp = NAME_PATTERN) String> triggerFunctions) {

  public SchedulerProperties {
    if (heartbeat != null && triggerFunctions != null) {
      for (String fn : heartbeat.expiredOperations().processingExpiryByFunction().keySet()) {
        if (!triggerFunctions.contains(fn)) {
          throw new IllegalArgumentException(
              "operations.heartbeat.expired-operations.processing-expiry-by-function names '"
                  + fn
                  + "', which is not in operations.trigger-functions "
                  + triggerFunctions
                  + " (environment variables lose the case of map keys: set this map through"
                  + " SPRING_APPLICATION_JSON or a properties file)");
        }
      }
    }
  }

  /** Trigger-function and pool names: also routing keys and queue-name parts. */
  public static final String NAME_PATTERN = "[A-Za-z][A-Za-z0-9_-]{0,99}";

  /**
   * @param token the bearer token every API request must carry ({@code OPERATIONS_API_TOKEN})
   * @param maxInputSize the largest accepted {@code inputs}, serialized as JSON
   * @param maxBatchSize the most operations one batch submit may hold
   * @param defaultMaxRetries attempts allowed when a submit does not say
   * @param maxPageSize the most operations one list request returns
   */
  public record Api(
      @NotBlank @Size(min = 16, message = "must be at least 16 characters") String token,
      @NotNull @DefaultValue("256KB") DataSize maxInputSize,
      @Min(1) @Max(10000) @DefaultValue("1000") int maxBatchSize,
      @Min(1) @Max(100) @DefaultValue("3") int defaultMaxRetries,
      @Min(1) @Max(1000) @DefaultValue("500") int maxPageSize) {}

  /**
   * @param prefix prefix of every exchange and queue name; separate installations on one broker use
   *     separate prefixes
   * @param deliveryLimit deliveries of one message by a pool queue before it is dead-lettered and
   *     counted as a failed attempt (a worker crashed on it each time)
   */
  public record Messaging(
      @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]+") @DefaultValue("operations") String prefix,
      @Min(1) @Max(1000) @DefaultValue("5") int deliveryLimit) {}

  /**
   * @param batchSize operations claimed and published per pass
   * @param pollInterval longest sleep between passes when nothing wakes the dispatcher
   * @param confirmTimeout how long to wait for the broker to confirm a batch; unconfirmed
   *     operations go back to PENDING
   * @param executionTimeout how long a worker may run one attempt, counted from its start
   * @param unroutableDelay how long an operation no worker pool is bound for waits before the next
   *     try
   * @param failureBackoff pause after a pass that failed (broker or database unreachable)
   */
  public record Dispatch(
      @Min(1) @Max(5000) @DefaultValue("100") int batchSize,
      @NotNull @DefaultValue("10s") Duration pollInterval,
      @NotNull @DefaultValue("10s") Duration confirmTimeout,
      @NotNull @DefaultValue("15m") Duration executionTimeout,
      @NotNull @DefaultValue("30s") Duration unroutableDelay,
      @NotNull @DefaultValue("2s") Duration failureBackoff) {

    public Dispatch {
      Settings.positive("operations.dispatch.poll-interval", pollInterval);
      Settings.positive("operations.dispatch.confirm-timeout", confirmTimeout);
      Settings.positive("operations.dispatch.execution-timeout", executionTimeout);
      Settings.positive("operations.dispatch.unroutable-delay", unroutableDelay);
      Settings.positive("operations.dispatch.failure-backoff", failureBackoff);
    }
  }

  /**
   * @param batchSize most worker reports written in one transaction; a batch takes what arrived
   *     while the previous one was being written, so under light load it is a single report
   */
  public record Results(@Min(1) @Max(10000) @DefaultValue("500") int batchSize) {}

  /**
   * Exponential backoff with jitter between attempts: the n-th retry waits a random time between
   * half and all of {@code min(max, base * factor^(n-1))}.
   *
   * @param backoffBase delay before the first retry
   * @param backoffFactor growth per attempt
   * @param backoffMax cap on the delay
   */
  public record Retry(
      @NotNull @DefaultValue("1s") Duration backoffBase,
      @DecimalMin("1.0") @DefaultValue("2.0") double backoffFactor,
      @NotNull @DefaultValue("5m") Duration backoffMax) {

    public Retry {
      Settings.positive("operations.retry.backoff-base", backoffBase);
      Settings.positive("operations.retry.backoff-max", backoffMax);
    }
  }

  /**
   * @param enabled whether this replica runs heartbeats at all (turn off to leave housekeeping to
   *     other replicas, or in tests that run a heartbeat by hand)
   * @param lease how long a replica holds a heartbeat run before another may take it over (when the
   *     first died mid-run)
   * @param failedOperations the failed-operation clean-up ({@code failureOperationHeartbeat})
   * @param expiredOperations rescue of operations whose worker went quiet
   * @param waiting return of WAIT operations whose wait has ended
   * @param retention deletion of old SUCCESS and CANCELLED operations
   */
  public record Heartbeat(
      @DefaultValue("true") boolean enabled,
      @NotNull @DefaultValue("1m") Duration lease,
      @Valid @DefaultValue FailedOperations failedOperations,
      @Valid @DefaultValue ExpiredOperations expiredOperations,
      @Valid @DefaultValue Wait waiting,
      @Valid @DefaultValue Retention retention) {

    public Heartbeat {
      Settings.positive("operations.heartbeat.lease", lease);
    }
  }

  /**
   * Deletes FAILED operations older than a threshold, then the oldest beyond a record limit.
   *
   * @param interval time between runs ({@code POLL_FAILED_OPERATIONS_INTERVAL}; milliseconds as a
   *     bare number, or a duration such as {@code 1h})
   * @param thresholdTimeHours FAILED operations whose {@code updated} is older than this many hours
   *     are deleted ({@code FAILED_OPERATION_THRESHOLD_TIME_HOURS})
   * @param thresholdLimitRecords at most this many FAILED operations are kept; the oldest beyond it
   *     are deleted ({@code FAILED_OPERATION_THRESHOLD_LIMIT_RECORDS})
   * @param batchSize rows deleted per statement, so that no transaction holds many locks
   */
  public record FailedOperations(
      @NotNull @DefaultValue("1h") Duration interval,
      @Min(value = 0, message = "must be 0 or more (FAILED_OPERATION_THRESHOLD_TIME_HOURS)")
          @Max(
              value = 1_000_000,
              message = "must be at most 1000000 (FAILED_OPERATION_THRESHOLD_TIME_HOURS)")
          @DefaultValue("24")
          long thresholdTimeHours,
      @Min(value = 0, message = "must be 0 or more (FAILED_OPERATION_THRESHOLD_LIMIT_RECORDS)")
          @DefaultValue("20000")
          long thresholdLimitRecords,
      @Min(1) @Max(100000) @DefaultValue("1000") int batchSize) {

    public FailedOperations {
      Settings.positive(
          "operations.heartbeat.failed-operations.interval (POLL_FAILED_OPERATIONS_INTERVAL)",
          interval);
    }
  }

  /**
   * Sends QUEUED or PROCESSING operations that were not touched in time back to PENDING (while
   * attempts remain) or to FAILED with reason {@code expired}.
   *
   * @param interval time between runs
   * @param queuedExpiry how long an operation may wait in a queue after dispatch; longer than the
   *     longest backlog you expect, since a queued operation is not touched
   * @param processingExpiry how long a running operation may go without a touch; workers touch
   *     every {@code operations.execution.touch-interval}, so keep this several times larger
   * @param processingExpiryByFunction per-function overrides of {@code processingExpiry}
   * @param batchSize rows rescued per statement
   */
  public record ExpiredOperations(
      @NotNull @DefaultValue("30s") Duration interval,
      @NotNull @DefaultValue("1h") Duration queuedExpiry,
      @NotNull @DefaultValue("2m") Duration processingExpiry,
      @NotNull @DefaultValue({}) java.util.Map<String, Duration> processingExpiryByFunction,
      @Min(1) @Max(100000) @DefaultValue("500") int batchSize) {

    public ExpiredOperations {
      Settings.positive("operations.heartbeat.expired-operations.interval", interval);
      Settings.positive("operations.heartbeat.expired-operations.queued-expiry", queuedExpiry);
      Settings.positive(
          "operations.heartbeat.expired-operations.processing-expiry", processingExpiry);
      processingExpiryByFunction.forEach(
          (fn, expiry) ->
              Settings.positive(
                  "operations.heartbeat.expired-operations.processing-expiry-by-function." + fn,
                  expiry));
    }
  }

  /**
   * Returns WAIT operations to PENDING when their wait has ended, up to a number of times.
   *
   * @param interval time between runs
   * @param waitInterval how long one wait lasts ({@code OPERATION_WAIT_INTERVAL}; milliseconds as a
   *     bare number, or a duration)
   * @param maxWaits waits allowed before the operation fails with reason {@code wait-exhausted}
   * @param batchSize rows handled per statement
   */
  public record Wait(
      @NotNull @DefaultValue("15s") Duration interval,
      @NotNull @DefaultValue("120000") Duration waitInterval,
      @Min(1) @Max(10000) @DefaultValue("10") int maxWaits,
      @Min(1) @Max(100000) @DefaultValue("500") int batchSize) {

    public Wait {
      Settings.positive("operations.heartbeat.waiting.interval", interval);
      Settings.positive(
          "operations.heartbeat.waiting.wait-interval (OPERATION_WAIT_INTERVAL)", waitInterval);
    }
  }

  /**
   * Deletes SUCCESS and CANCELLED operations older than {@code maxAge}.
   *
   * @param interval time between runs
   * @param maxAge age by {@code updated} beyond which finished operations are deleted; 0 keeps them
   * @param batchSize rows deleted per statement
   */
  public record Retention(
      @NotNull @DefaultValue("1h") Duration interval,
      @NotNull @DefaultValue("7d") Duration maxAge,
      @Min(1) @Max(100000) @DefaultValue("1000") int batchSize) {

    public Retention {
      Settings.positive("operations.heartbeat.retention.interval", interval);
      if (maxAge != null && maxAge.isNegative()) {
        throw new IllegalArgumentException(
            "operations.heartbeat.retention.max-age must be 0 (keep) or positive, got " + maxAge);
      }
      Settings.atMostLongest("operations.heartbeat.retention.max-age", maxAge);
    }
  }
}
