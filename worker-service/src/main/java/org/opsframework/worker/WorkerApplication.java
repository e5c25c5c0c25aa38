package org.opsframework.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Consumes one worker pool's operations, runs their trigger functions, reports the outcomes.
 *
 * <p>A worker never touches the database. The exclusions matter when a worker runs in one JVM with
 * a scheduler (tests, benchmarks): without them it would pick up the scheduler's JDBC and Liquibase
 * on the class path and migrate a default database.
 */
@SpringBootApplication(
    excludeName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration"
    })
@ConfigurationPropertiesScan
public class WorkerApplication {

  public static void main(String[] args) {
    SpringApplication.run(WorkerApplication.class, args);
  }
}
