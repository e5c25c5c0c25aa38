package org.opsframework.worker.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every setting of a worker service, bound from {@code operations.*}. Defaults live here; a wrong
 * value stops start-up with the property's name in the message.
 *
 * @param pool which pool this worker belongs to and what it serves
 * @param storage where the files named in inputs live
 * @param messaging RabbitMQ names; must match the scheduler's
 * @param execution how attempts run
 * @param diagnosticFunctions whether the {@code noop} and {@code sleep} functions are available,
 *     for benchmarks and tests
 */
@Validated
@ConfigurationProperties("operations")
public record WorkerProperties(
    @Valid @DefaultValue Pool pool,
    @Valid @DefaultValue Storage storage,
    @Valid @DefaultValue Messaging messaging,
    @Valid @DefaultValue Execution execution,
    @DefaultValue("false") boolean diagnosticFunctions) {

  /**
   * @param name the pool's name; its queue is {@code <prefix>.<name>}
   * @param concurrency operations this process runs at once, one consumer each
   * @param prefetch operation messages each consumer holds unacknowledged: the one it runs and
   *     those whose outcome awaits the broker's confirm or that wait their turn. 1 suits slow
   *     operations (an idle sibling process is never starved); quick ones need more to keep the
   *     consumer busy while outcomes are confirmed
   * @param functions trigger functions this pool serves; empty serves every function the process
   *     has
   */
  public record Pool(
      @NotBlank @Pattern(regexp = "[A-Za-z][A-Za-z0-9_-]{0,99}") @DefaultValue("default")
          String name,
      @Min(1) @Max(256) @DefaultValue("4") int concurrency,
      @Min(1) @Max(1000) @DefaultValue("1") int prefetch,
      @NotNull @DefaultValue({}) List<String> functions) {}

  /**
   * @param root the folder every input path is relative to (a shared volume in Kubernetes)
   */
  public record Storage(@NotNull @DefaultValue("storage") Path root) {}

  /**
   * @param prefix prefix of every exchange and queue name
   * @param deliveryLimit deliveries of one message before the queue dead-letters it
   */
  public record Messaging(
      @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]+") @DefaultValue("operations") String prefix,
      @Min(1) @Max(1000) @DefaultValue("5") int deliveryLimit) {}

  /**
   * @param touchInterval how often a running operation is reported alive to the scheduler
   * @param confirmTimeout how long to wait for the broker to confirm an outcome; unconfirmed, the
   *     operation's message is requeued and runs again
   * @param gracePeriod how long a stopping worker lets in-flight operations finish
   * @param processingReportDelay how long an attempt runs before the worker reports it PROCESSING;
   *     a quicker attempt is reported only by its outcome. Zero reports every attempt at its start
   * @param outcomeBatchSize most outcomes sent together in one results message
   */
  public record Execution(
      @NotNull @DefaultValue("10s") Duration touchInterval,
      @NotNull @DefaultValue("10s") Duration confirmTimeout,
      @NotNull @DefaultValue("30s") Duration gracePeriod,
      @NotNull @DefaultValue("100ms") Duration processingReportDelay,
      @Min(1) @Max(1000) @DefaultValue("100") int outcomeBatchSize) {

    public Execution {
      positive("operations.execution.touch-interval", touchInterval);
      positive("operations.execution.confirm-timeout", confirmTimeout);
      positive("operations.execution.grace-period", gracePeriod);
      if (processingReportDelay != null && processingReportDelay.isNegative()) {
        throw new IllegalArgumentException(
            "operations.execution.processing-report-delay must not be negative, got "
                + processingReportDelay);
      }
    }

    private static void positive(String property, Duration value) {
      if (value != null && (value.isZero() || value.isNegative())) {
        throw new IllegalArgumentException(property + " must be positive, got " + value);
      }
    }
  }
}
