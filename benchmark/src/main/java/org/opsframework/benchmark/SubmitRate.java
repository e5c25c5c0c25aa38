package org.opsframework.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Operations accepted per second through {@code POST /api/v1/operations/batch}, batches of 1,000
 * sent by a few clients at once. Every operation is deferred by an hour ({@code delayMillis}), so
 * the dispatcher, woken by every batch's notification, finds nothing due and publishes nothing: the
 * figure is the submit path alone, with the worker left running.
 */
final class SubmitRate {

  static final int BATCH = 1_000;
  static final int CLIENTS = 4;
  static final String OWNER = "bench-submit";

  private SubmitRate() {}

  /**
   * @return operations accepted per second, from the first request sent to the last answer
   */
  static double run(int port, String token, int operations) throws Exception {
    StringBuilder body = new StringBuilder("{\"operations\":[");
    for (int i = 0; i < BATCH; i++) {
      body.append(i == 0 ? "" : ",")
          .append("{\"triggerFunction\":\"noop\",\"inputs\":{},\"delayMillis\":3600000,")
          .append("\"owner\":\"" + OWNER + "\"}");
    }
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://" + LocalServers.HOST + ":" + port + "/api/v1/operations/batch"))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.append("]}").toString()))
            .build();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    int batches = Math.max(1, operations / BATCH);
    AtomicInteger next = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try {
      long start = System.nanoTime();
      List<Future<Integer>> accepted = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        accepted.add(
            clients.submit(
                () -> {
                  int mine = 0;
                  while (next.getAndIncrement() < batches) {
                    HttpResponse<String> response =
                        http.send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 201) {
                      throw new IllegalStateException(
                          "batch submit answered "
                              + response.statusCode()
                              + ": "
                              + response.body());
                    }
                    mine += BATCH;
                  }
                  return mine;
                }));
      }
      long total = 0;
      for (Future<Integer> f : accepted) {
        total += f.get();
      }
      return total / ((System.nanoTime() - start) / 1e9);
    } finally {
      clients.shutdownNow();
    }
  }
}
