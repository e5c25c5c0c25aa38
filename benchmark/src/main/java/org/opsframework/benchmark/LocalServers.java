package org.opsframework.benchmark;

/**
 * The servers the benchmark runs against: PostgreSQL and RabbitMQ on this machine's loopback
 * address only. Every address the services could reach is set from here, so no default of theirs
 * points anywhere else.
 */
final class LocalServers {

  static final String HOST = "127.0.0.1";
  static final int POSTGRES_PORT = 5432;
  static final String POSTGRES_USER = "postgres";
  static final String POSTGRES_PASSWORD = "";
  static final int RABBIT_PORT = 5672;
  static final String RABBIT_USER = "guest";
  static final String RABBIT_PASSWORD = "guest";

  private LocalServers() {}

  static String jdbcUrl(String database) {
    return "jdbc:postgresql://" + HOST + ":" + POSTGRES_PORT + "/" + database;
  }
}
