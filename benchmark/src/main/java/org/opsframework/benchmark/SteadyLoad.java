package org.opsframework.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Submits batches of {@code noop} operations through the REST API at a fixed rate, open loop: a
 * batch goes out on every tick whether or not the earlier ones have been answered, so a slow
 * scheduler shows up as latency rather than as a lower rate.
 */
final class SteadyLoad {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final URI batchUri;
  private final String token;
  private final Duration period;
  private final String body;

  SteadyLoad(int port, String token, Duration period, int batchSize) {
    this.batchUri =
        URI.create("http://" + LocalServers.HOST + ":" + port + "/api/v1/operations/batch");
    this.token = token;
    this.period = period;
    StringBuilder ops = new StringBuilder("{\"operations\":[");
    for (int i = 0; i < batchSize; i++) {
      ops.append(i == 0 ? "" : ",")
          .append("{\"triggerFunction\":\"noop\",\"inputs\":{},")
          .append("\"owner\":\"benchmark\"}");
    }
    this.body = ops.append("]}").toString();
  }

  /**
   * Submits a batch every period while {@code keepGoing} says so, then waits for the answers.
   *
   * @param label what the threads are named after
   */
  Submissions run(String label, BooleanSupplier keepGoing) throws InterruptedException {
    List<Submission> submitted = Collections.synchronizedList(new ArrayList<>());
    List<Double> roundTrips = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger refused = new AtomicInteger();
    List<CompletableFuture<?>> answers = Collections.synchronizedList(new ArrayList<>());
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "load-" + label));
    long first = System.nanoTime();

    ticker.scheduleAtFixedRate(
        () -> answers.add(submitBatch(submitted, roundTrips, refused)),
        0,
        period.toNanos(),
        TimeUnit.NANOSECONDS);
    while (keepGoing.getAsBoolean()) {
      Thread.sleep(20);
    }
    ticker.shutdownNow();
    ticker.awaitTermination(5, TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - first) / 1e9;

    List<CompletableFuture<?>> pending;
    synchronized (answers) {
      pending = new ArrayList<>(answers);
    }
    try {
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // answers never fail (see submitBatch); the ones still open after a minute count as refused
      refused.addAndGet((int) pending.stream().filter(f -> !f.isDone()).count());
    }
    synchronized (submitted) {
      synchronized (roundTrips) {
        return new Submissions(
            List.copyOf(submitted), List.copyOf(roundTrips), refused.get(), seconds);
      }
    }
  }

  private CompletableFuture<?> submitBatch(
      List<Submission> submitted, List<Double> roundTrips, AtomicInteger refused) {
    long sentMillis = System.currentTimeMillis();
    long sentNanos = System.nanoTime();
    HttpRequest request =
        HttpRequest.newBuilder(batchUri)
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .handle(
            (response, error) -> {
              if (error != null || response.statusCode() != 201) {
                refused.incrementAndGet();
                return null;
              }
              roundTrips.add((System.nanoTime() - sentNanos) / 1e6);
              for (JsonNode op : JSON.readTree(response.body()).get("operations")) {
                submitted.add(new Submission(UUID.fromString(op.get("id").asString()), sentMillis));
              }
              return null;
            });
  }

  /**
   * @param id the operation
   * @param submittedMillis when its batch request was sent, epoch milliseconds
   */
  record Submission(UUID id, long submittedMillis) {}

  /**
   * @param operations every operation the API accepted
   * @param roundTripsMillis how long each accepted batch request took
   * @param refusedBatches batch requests that failed or were refused
   * @param seconds how long the load ran
   */
  record Submissions(
      List<Submission> operations,
      List<Double> roundTripsMillis,
      int refusedBatches,
      double seconds) {

    List<UUID> ids() {
      return operations.stream().map(Submission::id).toList();
    }
  }
}
