package org.opsframework.demo;

/** Ends the demo with a message for the user and the exit code that goes with it. */
final class DemoFailure extends RuntimeException {

  /** Exit code for a wrong command line or an unusable image folder. */
  static final int USAGE = 2;

  /** Exit code for everything else that stops the demo from finishing. */
  static final int FAILED = 1;

  private final int exitCode;

  private DemoFailure(String message, int exitCode, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  static DemoFailure usage(String message) {
    return new DemoFailure(message, USAGE, null);
  }

  static DemoFailure failed(String message) {
    return new DemoFailure(message, FAILED, null);
  }

  static DemoFailure failed(String message, Throwable cause) {
    return new DemoFailure(message, FAILED, cause);
  }

  int exitCode() {
    return exitCode;
  }
}
