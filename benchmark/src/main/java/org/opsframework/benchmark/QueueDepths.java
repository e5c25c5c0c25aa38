package org.opsframework.benchmark;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the ready messages of the pool queue and the results queue every 200 ms on a thread of
 * its own, keeping the highest of each: which of the two holds the backlog during a burn-down.
 */
final class QueueDepths implements AutoCloseable {

  private final AtomicLong maxPool = new AtomicLong();
  private final AtomicLong maxResults = new AtomicLong();
  private final Thread sampler;
  private volatile boolean running = true;

  QueueDepths(BrokerObjects broker) {
    sampler =
        new Thread(
            () -> {
              try (Connection connection = BrokerObjects.connect();
                  Channel channel = connection.createChannel()) {
                while (running) {
                  maxPool.accumulateAndGet(
                      channel.queueDeclarePassive(broker.poolQueue()).getMessageCount(), Math::max);
                  maxResults.accumulateAndGet(
                      channel.queueDeclarePassive(broker.resultsQueue()).getMessageCount(),
                      Math::max);
                  Thread.sleep(200);
                }
              } catch (Exception e) {
                // the figures stay what they were; the burn-down does not depend on them
              }
            },
            "queue-depths");
    sampler.setDaemon(true);
    sampler.start();
  }

  long maxPoolReady() {
    return maxPool.get();
  }

  long maxResultsReady() {
    return maxResults.get();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    sampler.join(2_000);
  }
}
