package org.opsframework.benchmark;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The benchmark's own database: created empty (the scheduler migrates it), read with plain JDBC so
 * nothing here logs before the services have set up logging, and dropped at the end.
 */
final class BenchmarkDatabase implements AutoCloseable {

  private final String name;
  private final Connection connection;

  private BenchmarkDatabase(String name, Connection connection) {
    this.name = name;
    this.connection = connection;
  }

  static BenchmarkDatabase create(String name) throws SQLException {
    onServer("CREATE DATABASE " + name);
    return new BenchmarkDatabase(name, open(name));
  }

  String name() {
    return name;
  }

  String url() {
    return LocalServers.jdbcUrl(name);
  }

  /** A further connection to this database, for a thread of its own. */
  Connection newConnection() throws SQLException {
    return open(name);
  }

  FailedRows.FillTimes fill(long rows) throws SQLException {
    return FailedRows.fill(connection, rows);
  }

  /** Whether every heartbeat has finished the run it does at start-up. */
  boolean heartbeatsSettled() throws SQLException {
    return queryLong(
            "SELECT CASE WHEN count(*) > 0 AND bool_and(runs > 0 AND locked_by IS NULL)"
                + " THEN 1 ELSE 0 END FROM heartbeat")
        == 1;
  }

  void vacuum() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("VACUUM ANALYZE operation");
    }
  }

  /** The server's {@code autovacuum} setting. */
  String autovacuum() throws SQLException {
    return queryString("SELECT current_setting('autovacuum')");
  }

  long countFailed() throws SQLException {
    return queryLong("SELECT count(*) FROM operation WHERE status = 'FAILED'");
  }

  long countFailedOlderThanHours(int hours) throws SQLException {
    return queryLong(
        "SELECT count(*) FROM operation WHERE status = 'FAILED'"
            + " AND updated < now() - make_interval(hours => "
            + hours
            + ")");
  }

  /** The process id of the server's postmaster: the parent of this connection's backend. */
  long postmasterPid() throws SQLException {
    return CpuSnapshot.parentOf(queryLong("SELECT pg_backend_pid()"));
  }

  String serverVersion() throws SQLException {
    return queryString("SELECT split_part(version(), ' ', 2)");
  }

  String setting(String setting) throws SQLException {
    return queryString("SELECT current_setting('" + setting + "')");
  }

  /** Where the server's write-ahead log is now, in bytes. */
  long walPosition() throws SQLException {
    return queryLong("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn");
  }

  /** Checkpoints the server has done since its statistics were reset. */
  long checkpoints() throws SQLException {
    return queryLong("SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter");
  }

  /** How many of the operations are not yet SUCCESS, FAILED or CANCELLED. */
  long unfinished(Collection<UUID> ids) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT count(*) FROM operation WHERE id = ANY(?)"
                + " AND status NOT IN ('SUCCESS', 'FAILED', 'CANCELLED')")) {
      statement.setArray(1, uuids(ids));
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** The database-clock times of the operations, in epoch milliseconds. */
  List<OperationTimes> times(Collection<UUID> ids) throws SQLException {
    List<OperationTimes> times = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT id, status, extract(epoch FROM created) * 1000,"
                + " extract(epoch FROM started) * 1000, extract(epoch FROM updated) * 1000"
                + " FROM operation WHERE id = ANY(?)")) {
      statement.setArray(1, uuids(ids));
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          double started = rs.getDouble(4);
          times.add(
              new OperationTimes(
                  rs.getObject(1, UUID.class),
                  rs.getString(2),
                  rs.getDouble(3),
                  rs.wasNull() ? Double.NaN : started,
                  rs.getDouble(5)));
        }
      }
    }
    return times;
  }

  /**
   * Waits until no other session is connected to this database; a backend reports its statistics
   * before it leaves {@code pg_stat_activity}.
   *
   * @return whether they all left in time
   */
  boolean awaitOtherSessionsGone(java.time.Duration timeout)
      throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String sql =
        "SELECT count(*) FROM pg_stat_activity"
            + " WHERE datname = current_database() AND pid <> pg_backend_pid()";
    while (queryLong(sql) > 0) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  /**
   * What PostgreSQL's statistics say about the operation table. Read after the services closed
   * their connections: a backend reports its counts when it exits, or only after some idle time.
   */
  TableStatistics tableStatistics() throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT n_live_tup, n_dead_tup, n_tup_del, autovacuum_count,"
                    + " pg_total_relation_size(relid), current_setting('autovacuum')"
                    + " FROM pg_stat_user_tables WHERE relname = 'operation'")) {
      rs.next();
      return new TableStatistics(
          rs.getLong(1),
          rs.getLong(2),
          rs.getLong(3),
          rs.getLong(4),
          rs.getLong(5),
          rs.getString(6));
    }
  }

  /** Closes the connection and drops the database, ending any session still in it. */
  @Override
  public void close() throws SQLException {
    try {
      connection.close();
    } finally {
      onServer("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }

  /**
   * @param created when the row was inserted
   * @param started when the worker reported the attempt running; NaN when it never did
   * @param updated the last change; for SUCCESS, when the outcome was applied
   */
  record OperationTimes(UUID id, String status, double created, double started, double updated) {}

  /**
   * @param liveTuples {@code n_live_tup}
   * @param deadTuples {@code n_dead_tup}: deleted rows not yet vacuumed
   * @param deletedTuples {@code n_tup_del}: rows deleted since the table was created
   * @param autovacuumRuns {@code autovacuum_count}
   * @param totalBytes table, indexes and TOAST
   * @param autovacuum the server's {@code autovacuum} setting
   */
  record TableStatistics(
      long liveTuples,
      long deadTuples,
      long deletedTuples,
      long autovacuumRuns,
      long totalBytes,
      String autovacuum) {}

  private Array uuids(Collection<UUID> ids) throws SQLException {
    return connection.createArrayOf("uuid", ids.toArray());
  }

  private long queryLong(String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private String queryString(String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static Connection open(String database) throws SQLException {
    return DriverManager.getConnection(
        LocalServers.jdbcUrl(database), LocalServers.POSTGRES_USER, LocalServers.POSTGRES_PASSWORD);
  }

  private static void onServer(String sql) throws SQLException {
    try (Connection server = open("postgres");
        Statement statement = server.createStatement()) {
      statement.execute(sql);
    }
  }
}
