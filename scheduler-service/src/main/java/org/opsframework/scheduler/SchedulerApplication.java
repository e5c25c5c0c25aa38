package org.opsframework.scheduler;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Stores operations, dispatches due ones to RabbitMQ, applies outcomes, runs housekeeping. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SchedulerApplication {

  public static void main(String[] args) {
    SpringApplication.run(SchedulerApplication.class, args);
  }
}
