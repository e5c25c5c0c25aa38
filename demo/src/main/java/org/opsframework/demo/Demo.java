package org.opsframework.demo;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Entry point of {@code bin/demo}: runs the platform's main job on real images and exits 0 when
 * every operation reached a terminal state, 1 when something did not finish or start, 2 on a wrong
 * command line or an unusable image folder.
 */
public final class Demo {

  private Demo() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    int exitCode;
    try {
      exitCode = new DemoRun(RepoRoot.locate(), System.getenv(), out).run(List.of(args));
    } catch (DemoFailure e) {
      printFailure(out, e);
      exitCode = e.exitCode();
    }
    System.exit(exitCode);
  }

  /** Prints why the demo stops, on standard error after what standard output has so far. */
  static void printFailure(PrintStream out, DemoFailure failure) {
    out.flush();
    System.err.println("demo: " + failure.getMessage());
    System.err.flush();
  }
}
