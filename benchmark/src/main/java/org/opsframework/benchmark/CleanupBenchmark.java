package org.opsframework.benchmark;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Entry point of {@code bin/benchmark-cleanup}: measures the failed-operation clean-up on a full
 * table and what it does to dispatch latency, prints a table and writes {@code
 * cleanup-benchmark.json}. Exits 0 when it measured, 1 when something failed, 2 on a wrong command
 * line.
 */
public final class CleanupBenchmark {

  private CleanupBenchmark() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    BenchmarkArguments arguments;
    try {
      arguments = BenchmarkArguments.parse(List.of(args));
    } catch (IllegalArgumentException e) {
      System.err.println("benchmark-cleanup: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (arguments.help()) {
      out.print(BenchmarkArguments.USAGE);
      System.exit(0);
    }

    int exitCode = 0;
    try {
      BenchmarkResult result = new CleanupRun(arguments, out).run();
      ResultTable.print(result, out);
      Path json = arguments.outputDir().resolve("cleanup-benchmark.json");
      Files.writeString(
          json,
          JsonMapper.builder()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .build()
              .writeValueAsString(result));
      out.println("Written to " + json.toAbsolutePath());
    } catch (Exception e) {
      out.flush();
      System.err.println("benchmark-cleanup: failed: " + e);
      e.printStackTrace();
      exitCode = 1;
    }
    System.exit(exitCode);
  }
}
