package org.opsframework.scheduler.config;

import org.opsframework.common.messaging.MessageCodec;
import org.opsframework.common.messaging.Topology;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The scheduler's RabbitMQ side: topology, codec and the consumers of results and dead letters. */
@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

  /** Result consumers: enough to keep several database writes in flight. */
  private static final int RESULT_CONSUMERS = 4;

  private static final int RESULT_PREFETCH = 50;

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

  @Bean
  SimpleMessageListenerContainer outcomeContainer(
      ConnectionFactory connections,
      Topology topology,
      @Qualifier("outcomeListener") MessageListener listener) {
    return container(connections, topology.resultsQueue(), listener, RESULT_CONSUMERS);
  }

  @Bean
  SimpleMessageListenerContainer deadOperationContainer(
      ConnectionFactory connections,
      Topology topology,
      @Qualifier("deadOperationListener") MessageListener listener) {
    return container(connections, topology.deadOperationsQueue(), listener, 1);
  }

  private static SimpleMessageListenerContainer container(
      ConnectionFactory connections, String queue, MessageListener listener, int consumers) {
    SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connections);
    container.setQueueNames(queue);
    container.setMessageListener(listener);
    // AUTO: acknowledged after the listener returns, i.e. after the row is written.
    container.setAcknowledgeMode(AcknowledgeMode.AUTO);
    container.setConcurrentConsumers(consumers);
    container.setPrefetchCount(RESULT_PREFETCH);
    container.setDefaultRequeueRejected(true);
    return container;
  }
}
