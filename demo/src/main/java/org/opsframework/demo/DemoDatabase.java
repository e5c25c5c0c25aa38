package org.opsframework.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Makes sure the demo's database exists. Its tables are not made here: the scheduler applies its
 * own schema when it starts.
 */
final class DemoDatabase {

  private DemoDatabase() {}

  /**
   * Creates {@code database} unless it exists, connecting to the server's {@code postgres}
   * database.
   *
   * @return whether the database was created
   * @throws DemoFailure when the server cannot be reached or refuses
   */
  static boolean ensureExists(DemoEnvironment env, String database) {
    Properties credentials = new Properties();
    credentials.setProperty("user", env.dbUser());
    if (!env.dbPassword().isEmpty()) {
      credentials.setProperty("password", env.dbPassword());
    }
    credentials.setProperty("connectTimeout", "5");

    String url = env.jdbcUrl("postgres");
    try (Connection connection = DriverManager.getConnection(url, credentials)) {
      if (exists(connection, database)) {
        return false;
      }
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
      }
      return true;
    } catch (SQLException e) {
      if (isAlreadyExists(e)) {
        return false; // another demo created it between our check and our CREATE
      }
      throw DemoFailure.failed(
          "cannot prepare database "
              + database
              + " through "
              + url
              + " as "
              + env.dbUser()
              + ": "
              + e.getMessage()
              + "\nIs PostgreSQL running there? (DEMO_DB_HOST, DEMO_DB_PORT, DEMO_DB_USER,"
              + " DEMO_DB_PASSWORD point the demo elsewhere.)",
          e);
    }
  }

  private static boolean exists(Connection connection, String database) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      query.setString(1, database);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    }
  }

  private static boolean isAlreadyExists(SQLException e) {
    // 42P04 duplicate_database; 23505 when two CREATE DATABASE race on the catalog index
    return "42P04".equals(e.getSQLState()) || "23505".equals(e.getSQLState());
  }
}
