package org.opsframework.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Samples {@code pg_stat_activity} ten times a second: for every session of the benchmark's
 * database that is running a statement or holding a transaction open, what it is doing (its role,
 * from the statement text) and what it waits on; sessions of other databases on the same server are
 * counted apart, since they compete for the same cores and log. The counts show where the time
 * goes, measured rather than guessed: a session on CPU has no wait event.
 */
final class ActivitySampler implements AutoCloseable {

  private static final long PERIOD_MILLIS = 100;

  private final Connection connection;
  private final Map<String, Integer> counts = new TreeMap<>();
  private final Thread thread;
  private volatile boolean running = true;
  private int samples;

  ActivitySampler(Connection connection, String label) {
    this.connection = connection;
    this.thread = new Thread(this::loop, "activity-" + label);
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops sampling and returns what was seen. */
  Profile stop() throws InterruptedException {
    running = false;
    thread.join();
    synchronized (counts) {
      return new Profile(samples, sorted(counts));
    }
  }

  @Override
  public void close() throws SQLException {
    running = false;
    connection.close();
  }

  /**
   * @param samples how many times the sessions were looked at
   * @param sessions per "role: wait" (or "role: idle in transaction"), how many samples saw a
   *     session in that state; a count divided by {@code samples} is the average number of sessions
   *     in it
   */
  record Profile(int samples, Map<String, Integer> sessions) {}

  private void loop() {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT datname = current_database() AS ours, state, wait_event_type, wait_event,"
                + " query FROM pg_stat_activity"
                + " WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'"
                + " AND state IN ('active', 'idle in transaction')")) {
      while (running) {
        try (ResultSet rs = statement.executeQuery()) {
          synchronized (counts) {
            samples++;
            while (rs.next()) {
              counts.merge(key(rs), 1, Integer::sum);
            }
          }
        }
        Thread.sleep(PERIOD_MILLIS);
      }
    } catch (SQLException e) {
      synchronized (counts) {
        counts.merge("sampler stopped: " + e.getMessage(), 1, Integer::sum);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String key(ResultSet rs) throws SQLException {
    String state = rs.getString("state");
    if (!rs.getBoolean("ours")) {
      return "(other databases on the server): " + state;
    }
    String waitType = rs.getString("wait_event_type");
    String doing;
    if (!"active".equals(state)) {
      doing = state;
    } else if (waitType == null) {
      doing = "on CPU";
    } else {
      doing = waitType + ":" + rs.getString("wait_event");
    }
    return role(rs.getString("query")) + ": " + doing;
  }

  /** Which part of the platform issued the statement, from its text. */
  static String role(String query) {
    String sql = query == null ? "" : query.strip();
    if (sql.startsWith("DELETE FROM operation")) {
      return "clean-up delete";
    } else if (sql.startsWith("SELECT count(*) FROM operation WHERE status = 'FAILED'")) {
      return "clean-up count";
    } else if (sql.startsWith("INSERT INTO operation")) {
      return "submit insert";
    } else if (sql.contains("pg_notify")) {
      return "submit notify";
    } else if (sql.contains("SKIP LOCKED") && sql.contains("'PENDING'")) {
      return "dispatch claim";
    } else if (sql.startsWith("UPDATE operation SET status = 'QUEUED'")) {
      return "dispatch mark queued";
    } else if (sql.startsWith("UPDATE operation SET status = 'PROCESSING'")) {
      return "outcome processing";
    } else if (sql.startsWith("UPDATE operation SET status = 'SUCCESS'")) {
      return "outcome success";
    } else if (sql.contains("FOR SHARE")) {
      return "outcome row-lock wait";
    } else if (sql.equals("BEGIN") || sql.equals("COMMIT")) {
      return "transaction " + sql;
    } else if (sql.isEmpty()) {
      return "(no statement)";
    }
    return "other: " + sql.substring(0, Math.min(40, sql.length())).replaceAll("\\s+", " ");
  }

  private static Map<String, Integer> sorted(Map<String, Integer> counts) {
    Map<String, Integer> byCount = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .forEach(e -> byCount.put(e.getKey(), e.getValue()));
    return byCount;
  }
}
