package org.opsframework.it;

import java.net.URI;

/**
 * Where the tests find PostgreSQL and RabbitMQ: the standard Spring environment variables when set,
 * else the local servers on their default ports (PostgreSQL user {@code postgres} with trust
 * authentication, RabbitMQ {@code guest}/{@code guest}).
 */
final class TestServers {

  private TestServers() {}

  /** JDBC URL of the server without a database name, ending in a slash. */
  static String postgresServerUrl() {
    String url = env("SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost:5432/postgres");
    URI uri = URI.create(url.substring("jdbc:".length()));
    return "jdbc:postgresql://"
        + uri.getHost()
        + ":"
        + (uri.getPort() < 0 ? 5432 : uri.getPort())
        + "/";
  }

  static String postgresUser() {
    return env("SPRING_DATASOURCE_USERNAME", "postgres");
  }

  static String postgresPassword() {
    return env("SPRING_DATASOURCE_PASSWORD", "");
  }

  static String rabbitHost() {
    return env("SPRING_RABBITMQ_HOST", "localhost");
  }

  static int rabbitPort() {
    return Integer.parseInt(env("SPRING_RABBITMQ_PORT", "5672"));
  }

  static String rabbitUser() {
    return env("SPRING_RABBITMQ_USERNAME", "guest");
  }

  static String rabbitPassword() {
    return env("SPRING_RABBITMQ_PASSWORD", "guest");
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
