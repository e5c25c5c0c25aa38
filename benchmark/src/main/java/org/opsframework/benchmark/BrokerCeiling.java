package org.opsframework.benchmark;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.MessageProperties;
import java.util.Arrays;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The broker ceiling: RabbitMQ alone, two persistent messages per operation on two quorum queues of
 * the benchmark's prefix. A publisher sends ~300-byte messages to the "out" queue in batches of 100
 * outstanding confirms, as the dispatcher does; a consumer (manual acks, prefetch 200) answers each
 * with a confirmed message to the "back" queue and acks the first once that confirm arrives (a
 * confirm for many answers acks their messages with one multiple ack), as a worker does; a second
 * consumer (prefetch 200) acks the answers, as the scheduler does. Prefetch 100–200 is where
 * RabbitMQ is known to peak. The platform packs several outcomes into one message; this ceiling
 * does not, so it sends one answer per operation. The queues are deleted at the end.
 */
final class BrokerCeiling {

  static final int PUBLISH_BATCH = 100;
  static final int PREFETCH = 200;
  static final int MESSAGE_BYTES = 300;

  private BrokerCeiling() {}

  /**
   * @return operations per second, from the first publish to the last answer acked
   */
  static double run(String prefix, int operations) throws Exception {
    String out = prefix + ".ceiling-out";
    String back = prefix + ".ceiling-back";
    byte[] body = new byte[MESSAGE_BYTES];
    Arrays.fill(body, (byte) 'x');
    Map<String, Object> quorum = Map.of("x-queue-type", "quorum");

    try (Connection publisherConnection = BrokerObjects.connect();
        Connection workerConnection = BrokerObjects.connect();
        Connection answerConnection = BrokerObjects.connect()) {
      Channel publisher = publisherConnection.createChannel();
      try {
        publisher.queueDeclare(out, true, false, false, quorum);
        publisher.queueDeclare(back, true, false, false, quorum);
        publisher.confirmSelect();

        CountDownLatch answered = new CountDownLatch(operations);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        startWorker(workerConnection, out, back, failure);
        Channel answers = answerConnection.createChannel();
        answers.basicQos(PREFETCH);
        answers.basicConsume(
            back,
            false,
            new DefaultConsumer(answers) {
              @Override
              public void handleDelivery(
                  String tag, Envelope envelope, AMQP.BasicProperties props, byte[] bytes)
                  throws java.io.IOException {
                getChannel().basicAck(envelope.getDeliveryTag(), false);
                answered.countDown();
              }
            });

        long start = System.nanoTime();
        for (int sent = 0; sent < operations; ) {
          int batch = Math.min(PUBLISH_BATCH, operations - sent);
          for (int i = 0; i < batch; i++) {
            publisher.basicPublish("", out, MessageProperties.PERSISTENT_BASIC, body);
          }
          publisher.waitForConfirmsOrDie(30_000);
          sent += batch;
        }
        if (!answered.await(300, TimeUnit.SECONDS) || failure.get() != null) {
          throw new IllegalStateException(
              "broker ceiling: " + answered.getCount() + " answers missing", failure.get());
        }
        return operations / ((System.nanoTime() - start) / 1e9);
      } finally {
        publisher.queueDelete(out);
        publisher.queueDelete(back);
      }
    }
  }

  /**
   * The worker's part: answer each message with a confirmed one and ack it when the confirm comes,
   * so up to {@link #PREFETCH} operations are in flight as with the platform's worker.
   */
  private static void startWorker(
      Connection connection, String out, String back, AtomicReference<Throwable> failure)
      throws java.io.IOException {
    Channel consumer = connection.createChannel();
    Channel replies = connection.createChannel();
    replies.confirmSelect();
    NavigableMap<Long, Long> awaitingConfirm = new ConcurrentSkipListMap<>();
    replies.addConfirmListener(
        (sequence, multiple) -> {
          NavigableMap<Long, Long> confirmed =
              multiple
                  ? awaitingConfirm.headMap(sequence, true)
                  : awaitingConfirm.subMap(sequence, true, sequence, true);
          if (confirmed.isEmpty()) {
            return;
          }
          // Deliveries and answers go in the same order: a multiple confirm covers a prefix of
          // the unacked deliveries, which one multiple ack settles.
          synchronized (consumer) {
            if (multiple) {
              consumer.basicAck(confirmed.lastEntry().getValue(), true);
            } else {
              consumer.basicAck(confirmed.firstEntry().getValue(), false);
            }
          }
          confirmed.clear();
        },
        (sequence, multiple) ->
            failure.set(new IllegalStateException("answer " + sequence + " was nacked")));
    byte[] answer = new byte[MESSAGE_BYTES];
    Arrays.fill(answer, (byte) 'y');
    consumer.basicQos(PREFETCH);
    consumer.basicConsume(
        out,
        false,
        new DefaultConsumer(consumer) {
          @Override
          public void handleDelivery(
              String tag, Envelope envelope, AMQP.BasicProperties props, byte[] bytes)
              throws java.io.IOException {
            synchronized (replies) {
              awaitingConfirm.put(replies.getNextPublishSeqNo(), envelope.getDeliveryTag());
              replies.basicPublish("", back, MessageProperties.PERSISTENT_BASIC, answer);
            }
          }
        });
  }
}
