package org.opsframework.scheduler.results;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.opsframework.scheduler.config.SchedulerProperties;
import org.springframework.stereotype.Component;

/**
 * Delay before the next attempt: exponential in the attempt number, capped, with "equal jitter" (a
 * random point in the upper half) so that operations failing together do not retry together.
 */
@Component
class Backoff {

  private final SchedulerProperties.Retry settings;

  Backoff(SchedulerProperties properties) {
    this.settings = properties.retry();
  }

  Duration afterAttempt(int attempt) {
    double base = settings.backoffBase().toMillis();
    double exponential = base * Math.pow(settings.backoffFactor(), Math.max(0, attempt - 1));
    double capped = Math.min(exponential, settings.backoffMax().toMillis());
    double jittered = capped / 2 + ThreadLocalRandom.current().nextDouble() * capped / 2;
    return Duration.ofMillis((long) jittered);
  }
}
