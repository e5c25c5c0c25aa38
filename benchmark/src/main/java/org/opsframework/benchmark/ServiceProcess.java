package org.opsframework.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler or worker started from its executable jar as a process of its own, so that its memory
 * and CPU time can be read from {@code /proc/<pid>}. Standard output and error go to a log file.
 */
final class ServiceProcess {

  /** The heap limit the target names; the services must run within it. */
  static final String MAX_HEAP = "-Xmx256m";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final int port;
  private final Path log;
  private final Process process;

  private ServiceProcess(String name, int port, Path log, Process process) {
    this.name = name;
    this.port = port;
    this.log = log;
    this.process = process;
  }

  /**
   * @param properties Spring properties, passed as {@code --name=value}
   */
  static ServiceProcess start(String name, Path jar, List<String> properties, Path log)
      throws IOException {
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add(MAX_HEAP);
    command.add("-jar");
    command.add(jar.toString());
    command.add("--server.port=" + port);
    command.add("--server.address=" + LocalServers.HOST);
    properties.forEach(p -> command.add("--" + p));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.PIPE)
            .start();
    return new ServiceProcess(name, port, log, process);
  }

  String name() {
    return name;
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  /** Waits until the actuator answers 200; fails with the log's name when the process ends. */
  void awaitHealthy(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://" + LocalServers.HOST + ":" + port + "/actuator/health"))
            .timeout(Duration.ofSeconds(2))
            .build();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with code " + process.exitValue() + " while starting; see " + log);
      }
      try {
        if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            name + " was not healthy within " + timeout + "; see " + log);
      }
      Thread.sleep(250);
    }
  }

  /** The service's own heap in use, from its Prometheus endpoint, in bytes; -1 when unreadable. */
  long heapUsedBytes() {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://" + LocalServers.HOST + ":" + port + "/actuator/prometheus"))
            .timeout(Duration.ofSeconds(5))
            .build();
    try {
      String body = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
      double sum = 0;
      for (String line : body.split("\n")) {
        if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
          sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
      return (long) sum;
    } catch (IOException | RuntimeException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Asks the process to stop (SIGTERM); returns at once. */
  void requestStop() {
    process.destroy();
  }

  /** Waits up to 30 s for the graceful stop asked for, then kills the process (SIGKILL). */
  void awaitStopped() {
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** SIGTERM, then up to 30 s for the graceful stop, then SIGKILL. */
  void stop() {
    requestStop();
    awaitStopped();
  }

  private static int freePort() throws IOException {
    try (java.net.ServerSocket socket =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(LocalServers.HOST))) {
      return socket.getLocalPort();
    }
  }
}
