package org.opsframework.scheduler.dispatch;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.opsframework.scheduler.persistence.OperationRepository;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Listens on PostgreSQL's {@code operations_due} channel and wakes the dispatcher, so work
 * submitted through any scheduler replica starts at once on every replica instead of at the next
 * poll.
 */
@Component
class DueWorkListener implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(DueWorkListener.class);
  private static final int RECEIVE_TIMEOUT_MILLIS = 1000;
  private static final Duration RECONNECT_DELAY = Duration.ofSeconds(2);

  private final DataSource dataSource;
  private final DispatchWaiter waiter;
  private volatile boolean running;
  private volatile Thread thread;

  DueWorkListener(DataSource dataSource, DispatchWaiter waiter) {
    this.dataSource = dataSource;
    this.waiter = waiter;
  }

  @Override
  public void start() {
    running = true;
    thread = new Thread(this::listenUntilStopped, "due-work-listener");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void stop() {
    running = false;
    Thread t = thread;
    if (t != null) {
      try {
        t.join(RECEIVE_TIMEOUT_MILLIS * 2L);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void listenUntilStopped() {
    while (running) {
      try (Connection connection = dataSource.getConnection()) {
        listen(connection);
      } catch (SQLException | RuntimeException e) {
        if (!running) {
          break;
        }
        log.warn(
            "Lost the due-work notification connection ({}); polling covers the gap, reconnecting"
                + " in {}",
            e.toString(),
            RECONNECT_DELAY);
        sleepQuietly();
      }
    }
  }

  private void listen(Connection connection) throws SQLException {
    connection.setAutoCommit(true);
    try (Statement statement = connection.createStatement()) {
      statement.execute("LISTEN " + OperationRepository.DUE_CHANNEL);
    }
    PGConnection pg = connection.unwrap(PGConnection.class);
    // Anything submitted while the listener was down is found by the wake below.
    waiter.wake();
    while (running) {
      PGNotification[] notifications = pg.getNotifications(RECEIVE_TIMEOUT_MILLIS);
      if (notifications != null && notifications.length > 0) {
        waiter.wake();
      }
    }
  }

  private void sleepQuietly() {
    try {
      Thread.sleep(RECONNECT_DELAY.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
