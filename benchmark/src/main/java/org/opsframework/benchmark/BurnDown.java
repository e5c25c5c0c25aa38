package org.opsframework.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A backlog drained: N PENDING {@code noop} rows inserted in one statement, then one notification
 * wakes the dispatcher, and the time from that notification to the last SUCCESS (database clock)
 * gives operations per second. The insert commits before the notification, so the dispatcher sees
 * the whole backlog at once; a regular poll that happens to fall between the two only starts the
 * drain a few milliseconds early.
 */
final class BurnDown {

  static final String OWNER = "bench-burndown";

  private static final String INSERT =
      "INSERT INTO operation (id, trigger_function, inputs, status, max_retries, owner)"
          + " SELECT gen_random_uuid(), 'noop', '{}'::jsonb, 'PENDING', 3, '"
          + OWNER
          + "' FROM generate_series(1, ?)";

  private BurnDown() {}

  /**
   * @param connection a connection of its own, in autocommit
   * @param timeout when to give up waiting for the backlog to drain
   */
  static Result run(Connection connection, int operations, Duration timeout)
      throws SQLException, InterruptedException {
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      insert.setInt(1, operations);
      insert.executeUpdate();
    }

    double notifiedAt;
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT extract(epoch FROM clock_timestamp()),"
                    + " pg_notify('operations_due', '')")) {
      rs.next();
      notifiedAt = rs.getDouble(1);
    }

    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try (Statement statement = connection.createStatement();
          ResultSet rs =
              statement.executeQuery(
                  "SELECT count(*) FILTER (WHERE status IN ('SUCCESS', 'FAILED', 'CANCELLED')),"
                      + " count(*) FILTER (WHERE status = 'SUCCESS'),"
                      + " extract(epoch FROM max(updated) FILTER (WHERE status = 'SUCCESS'))"
                      + " FROM operation WHERE owner = '"
                      + OWNER
                      + "'")) {
        rs.next();
        if (rs.getLong(1) >= operations) {
          long succeeded = rs.getLong(2);
          double seconds = rs.getDouble(3) - notifiedAt;
          return new Result(succeeded, seconds, succeeded / seconds);
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the burn-down did not finish within " + timeout);
      }
      Thread.sleep(100);
    }
  }

  /**
   * @param succeeded operations that reached SUCCESS
   * @param seconds from the notification to the last SUCCESS
   * @param perSecond {@code succeeded / seconds}
   */
  record Result(long succeeded, double seconds, double perSecond) {}
}
