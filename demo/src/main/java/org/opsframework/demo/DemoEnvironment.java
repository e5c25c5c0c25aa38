package org.opsframework.demo;

import java.util.Map;

/**
 * Where the local PostgreSQL and RabbitMQ are. Defaults to the loopback address and the standard
 * ports; each value can be overridden by an environment variable named in {@link #fromEnv}.
 *
 * @param dbHost PostgreSQL host ({@code DEMO_DB_HOST}, default 127.0.0.1)
 * @param dbPort PostgreSQL port ({@code DEMO_DB_PORT}, default 5432)
 * @param dbUser PostgreSQL user ({@code DEMO_DB_USER}, default postgres)
 * @param dbPassword PostgreSQL password ({@code DEMO_DB_PASSWORD}, default none: trust auth)
 * @param rabbitHost RabbitMQ host ({@code DEMO_RABBIT_HOST}, default 127.0.0.1)
 * @param rabbitPort RabbitMQ AMQP port ({@code DEMO_RABBIT_PORT}, default 5672)
 */
record DemoEnvironment(
    String dbHost,
    int dbPort,
    String dbUser,
    String dbPassword,
    String rabbitHost,
    int rabbitPort) {

  static DemoEnvironment fromEnv(Map<String, String> env) {
    return new DemoEnvironment(
        env.getOrDefault("DEMO_DB_HOST", "127.0.0.1"),
        port(env, "DEMO_DB_PORT", 5432),
        env.getOrDefault("DEMO_DB_USER", "postgres"),
        env.getOrDefault("DEMO_DB_PASSWORD", ""),
        env.getOrDefault("DEMO_RABBIT_HOST", "127.0.0.1"),
        port(env, "DEMO_RABBIT_PORT", 5672));
  }

  String jdbcUrl(String database) {
    return "jdbc:postgresql://" + dbHost + ":" + dbPort + "/" + database;
  }

  private static int port(Map<String, String> env, String name, int defaultPort) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return defaultPort;
    }
    try {
      int port = Integer.parseInt(value.trim());
      if (port > 0 && port < 65536) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw DemoFailure.usage(name + " must be a port number (1-65535), got '" + value + "'");
  }
}
