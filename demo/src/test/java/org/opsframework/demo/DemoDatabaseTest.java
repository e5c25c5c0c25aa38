package org.opsframework.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Runs on the local PostgreSQL the demo itself uses (DEMO_DB_* or 127.0.0.1:5432, postgres). */
class DemoDatabaseTest {

  private final DemoEnvironment env = DemoEnvironment.fromEnv(System.getenv());
  private final String database =
      DemoDatabase.nameFor("test-" + UUID.randomUUID().toString().substring(0, 8));

  @AfterEach
  void drop_the_test_database() {
    DemoDatabase.drop(env, database);
  }

  @Test
  void a_runs_database_is_named_after_its_output_folder_without_dashes() {
    assertThat(DemoDatabase.nameFor("20251204-153012"))
        .isEqualTo("operations_demo_20251204_153012");
    assertThat(DemoDatabase.nameFor("20251204-153012-2"))
        .isEqualTo("operations_demo_20251204_153012_2");
  }

  @Test
  void a_runs_database_is_created_and_dropped_even_while_a_connection_is_open()
      throws SQLException {
    DemoDatabase.create(env, database);
    assertThat(exists(database)).isTrue();

    try (Connection leftOver = connect(database)) {
      DemoDatabase.drop(env, database);

      assertThat(exists(database)).isFalse();
      assertThat(leftOver.isValid(2)).isFalse();
    }
  }

  @Test
  void a_database_that_exists_already_is_not_reused() {
    DemoDatabase.create(env, database);

    assertThatThrownBy(() -> DemoDatabase.create(env, database))
        .isInstanceOfSatisfying(
            DemoFailure.class, e -> assertThat(e.exitCode()).isEqualTo(DemoFailure.FAILED))
        .hasMessageStartingWith("database " + database + " exists already");
  }

  @Test
  void dropping_a_database_that_is_gone_is_no_error() {
    DemoDatabase.drop(env, database);

    assertThat(exists(database)).isFalse();
  }

  @Test
  void an_unreachable_server_is_a_failure_naming_the_variables_to_set() {
    DemoEnvironment nowhere = DemoEnvironment.fromEnv(Map.of("DEMO_DB_PORT", "1"));

    assertThatThrownBy(() -> DemoDatabase.create(nowhere, database))
        .isInstanceOf(DemoFailure.class)
        .hasMessageStartingWith(
            "cannot create database "
                + database
                + " through jdbc:postgresql://127.0.0.1:1/postgres")
        .hasMessageContaining("DEMO_DB_HOST, DEMO_DB_PORT");
  }

  private boolean exists(String name) {
    try (Connection connection = connect("postgres");
        PreparedStatement query =
            connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      query.setString(1, name);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private Connection connect(String name) throws SQLException {
    return DriverManager.getConnection(env.jdbcUrl(name), env.dbUser(), env.dbPassword());
  }
}
