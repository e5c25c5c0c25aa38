package org.opsframework.it;

import org.opsframework.worker.WorkerApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A worker in its own JVM, with the test functions, so a test can kill it with SIGKILL. */
public final class ProcessWorker {

  private ProcessWorker() {}

  public static void main(String[] args) {
    new SpringApplicationBuilder(WorkerApplication.class, TestFunctions.class).run(args);
  }
}
