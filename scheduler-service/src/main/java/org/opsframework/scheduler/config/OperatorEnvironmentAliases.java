package org.opsframework.scheduler.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Reads the operator-facing environment variables that the Helm chart sets, such as {@code
 * FAILED_OPERATION_THRESHOLD_TIME_HOURS}, as the Spring properties they stand for. Only variables
 * that are set are mapped, so every default stays in {@link SchedulerProperties}; an explicit
 * Spring property (command line, application.yml) still wins.
 */
public class OperatorEnvironmentAliases implements EnvironmentPostProcessor {

  /** Environment variable → Spring property. */
  static final Map<String, String> ALIASES =
      Map.of(
          "POLL_FAILED_OPERATIONS_INTERVAL",
          "operations.heartbeat.failed-operations.interval",
          "FAILED_OPERATION_THRESHOLD_TIME_HOURS",
          "operations.heartbeat.failed-operations.threshold-time-hours",
          "FAILED_OPERATION_THRESHOLD_LIMIT_RECORDS",
          "operations.heartbeat.failed-operations.threshold-limit-records",
          "OPERATION_WAIT_INTERVAL",
          "operations.heartbeat.waiting.wait-interval");

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    Map<String, Object> mapped = new LinkedHashMap<>();
    ALIASES.forEach(
        (variable, property) -> {
          String value = environment.getProperty(variable);
          if (value != null && !environment.containsProperty(property)) {
            mapped.put(property, value);
          }
        });
    if (!mapped.isEmpty()) {
      environment
          .getPropertySources()
          .addLast(new MapPropertySource("operator environment variables " + ALIASES, mapped));
    }
  }
}
