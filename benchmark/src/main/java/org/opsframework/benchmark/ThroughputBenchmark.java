package org.opsframework.benchmark;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Entry point of {@code bin/benchmark-throughput}: burn-down, submit rate, latency at a steady
 * load, the database and broker ceilings, the services' memory and CPU and the idle statement rate;
 * prints a table and writes {@code throughput-benchmark.json}. Exits 0 when it measured, 1 when
 * something failed, 2 on a wrong command line.
 */
public final class ThroughputBenchmark {

  private ThroughputBenchmark() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    ThroughputArguments arguments;
    try {
      arguments = ThroughputArguments.parse(List.of(args));
    } catch (IllegalArgumentException e) {
      System.err.println("benchmark-throughput: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (arguments.help()) {
      out.print(ThroughputArguments.USAGE);
      System.exit(0);
    }

    int exitCode = 0;
    try {
      ThroughputResult result = new ThroughputRun(arguments, out).run();
      ThroughputTable.print(result, out);
      Path json = arguments.outputDir().resolve("throughput-benchmark.json");
      Files.writeString(
          json,
          JsonMapper.builder()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .build()
              .writeValueAsString(result));
      out.println("Written to " + json.toAbsolutePath());
    } catch (Exception e) {
      out.flush();
      System.err.println("benchmark-throughput: failed: " + e);
      e.printStackTrace();
      exitCode = 1;
    }
    System.exit(exitCode);
  }
}
