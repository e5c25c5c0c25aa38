package org.opsframework.scheduler.results;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Slows a consumer down while the database fails, so that a requeued message is not redelivered in
 * a tight loop until PostgreSQL is back.
 */
@Component
class DatabasePause {

  private static final Logger log = LoggerFactory.getLogger(DatabasePause.class);
  private static final Duration PAUSE = Duration.ofSeconds(1);

  void afterFailure(Exception e) {
    log.warn("Database write failed ({}); trying again after {}", e.toString(), PAUSE);
    try {
      Thread.sleep(PAUSE.toMillis());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
