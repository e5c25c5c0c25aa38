package org.opsframework.scheduler.config;

import org.opsframework.common.messaging.MessageCodec;
import org.opsframework.common.messaging.Topology;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The scheduler's RabbitMQ side: topology, codec and the consumers of results and dead letters. */
@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

  /**
   * Unacknowledged results messages held by the one results consumer: what the writer can batch
   * while it commits the previous batch. A worker packs up to 100 reports into one message.
   */
  private static final int RESULT_PREFETCH = 500;

  private static final int DEAD_OPERATION_PREFETCH = 50;

  @Bean
  Topology topology(SchedulerProperties properties) {
    return new Topology(properties.messaging().prefix(), properties.messaging().deliveryLimit());
  }

  @Bean
  Declarables schedulerDeclarables(Topology topology) {
    return topology.schedulerDeclarables();
  }

  @Bean
  MessageCodec messageCodec(JsonMapper json) {
    return new MessageCodec(json);
  }

  /** Returns are read from each publish's correlation data; this only silences the default log. */
  @Bean
  RabbitTemplateCustomizer returnsAreCorrelated() {
    return template -> template.setReturnsCallback(returned -> {});
  }

  /**
   * One consumer with manual acknowledgement: it hands every message to the outcome writer, which
   * writes reports in batches and settles the messages in order once they are committed.
   */
  @Bean
  SimpleMessageListenerContainer outcomeContainer(
      ConnectionFactory connections,
      Topology topology,
      @Qualifier("outcomeListener") ChannelAwareMessageListener listener) {
    SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connections);
    container.setQueueNames(topology.resultsQueue());
    container.setMessageListener(listener);
    container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
    container.setConcurrentConsumers(1);
    container.setPrefetchCount(RESULT_PREFETCH);
    return container;
  }

  @Bean
  SimpleMessageListenerContainer deadOperationContainer(
      ConnectionFactory connections,
      Topology topology,
      @Qualifier("deadOperationListener") MessageListener listener) {
    SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connections);
    container.setQueueNames(topology.deadOperationsQueue());
    container.setMessageListener(listener);
    // AUTO: acknowledged after the listener returns, i.e. after the row is written.
    container.setAcknowledgeMode(AcknowledgeMode.AUTO);
    container.setConcurrentConsumers(1);
    container.setPrefetchCount(DEAD_OPERATION_PREFETCH);
    container.setDefaultRequeueRejected(true);
    return container;
  }
}
