package org.opsframework.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The database of one demo run, {@code operations_demo_<timestamp>}: created fresh when the run
 * starts and dropped when it stops, so that runs, at the same time or one after an interrupted
 * other, never see each other's operations. Its tables are not made here: the scheduler applies its
 * own schema when it starts.
 */
final class DemoDatabase {

  /** The start of every demo database's name. */
  static final String PREFIX = "operations_demo_";

  private DemoDatabase() {}

  /**
   * The database of the run with this name (its output folder's, such as {@code 20251204-153012}),
   * with underscores for dashes so that the name needs no quotes in SQL.
   */
  static String nameFor(String runName) {
    return PREFIX + runName.replace('-', '_');
  }

  /**
   * Creates {@code database}, which must not exist yet, connecting to the server's {@code postgres}
   * database.
   *
   * @throws DemoFailure when it exists already, or the server cannot be reached or refuses
   */
  static void create(DemoEnvironment env, String database) {
    try (Connection connection = connect(env);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + quoted(database));
    } catch (SQLException e) {
      if (isAlreadyExists(e)) {
        throw DemoFailure.failed(
            "database "
                + database
                + " exists already, left by an earlier run with --keep-database? Drop it (DROP"
                + " DATABASE "
                + quoted(database)
                + ") or start the demo again",
            e);
      }
      throw unreachable(env, "create database " + database, e);
    }
  }

  /**
   * Drops {@code database} if it exists, closing the connections still open to it.
   *
   * @throws DemoFailure when the server cannot be reached or refuses
   */
  static void drop(DemoEnvironment env, String database) {
    try (Connection connection = connect(env);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + quoted(database) + " WITH (FORCE)");
    } catch (SQLException e) {
      throw unreachable(env, "drop database " + database, e);
    }
  }

  private static Connection connect(DemoEnvironment env) throws SQLException {
    Properties credentials = new Properties();
    credentials.setProperty("user", env.dbUser());
    if (!env.dbPassword().isEmpty()) {
      credentials.setProperty("password", env.dbPassword());
    }
    credentials.setProperty("connectTimeout", "5");
    return DriverManager.getConnection(env.jdbcUrl("postgres"), credentials);
  }

  private static String quoted(String database) {
    return "\"" + database.replace("\"", "\"\"") + "\"";
  }

  private static DemoFailure unreachable(DemoEnvironment env, String action, SQLException e) {
    return DemoFailure.failed(
        "cannot "
            + action
            + " through "
            + env.jdbcUrl("postgres")
            + " as "
            + env.dbUser()
            + ": "
            + e.getMessage()
            + "\nIs PostgreSQL running there? (DEMO_DB_HOST, DEMO_DB_PORT, DEMO_DB_USER,"
            + " DEMO_DB_PASSWORD point the demo elsewhere.)",
        e);
  }

  private static boolean isAlreadyExists(SQLException e) {
    // 42P04 duplicate_database; 23505 when two CREATE DATABASE race on the catalog index
    return "42P04".equals(e.getSQLState()) || "23505".equals(e.getSQLState());
  }
}
