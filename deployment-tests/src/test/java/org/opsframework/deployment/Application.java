package org.opsframework.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.opsframework.scheduler.config.OperatorEnvironmentAliases;
import org.opsframework.scheduler.config.SchedulerProperties;
import org.opsframework.worker.config.WorkerProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.support.SpringApplicationJsonEnvironmentPostProcessor;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * One of the two deployed applications, and how it reads its settings: its {@code operations.*}
 * properties record, its application.yml and, for the scheduler, the operator aliases. {@link
 * #binder} builds the environment the application would have with a given set of environment
 * variables and nothing else, so a test can ask what a property ends up as.
 */
enum Application {
  SCHEDULER("scheduler-service", SchedulerProperties.class),
  WORKER("worker-service", WorkerProperties.class);

  final String module;
  final Class<? extends Record> properties;

  Application(String module, Class<? extends Record> properties) {
    this.module = module;
    this.properties = properties;
  }

  String applicationYml() {
    return module + "/src/main/resources/application.yml";
  }

  /** A binder over these environment variables and the application's application.yml. */
  Binder binder(Map<String, String> environmentVariables) {
    StandardEnvironment environment = new StandardEnvironment();
    MutablePropertySources sources = environment.getPropertySources();
    sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
    sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    sources.addFirst(
        new SystemEnvironmentPropertySource(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            new HashMap<>(environmentVariables)));
    applicationYml(sources);
    new SpringApplicationJsonEnvironmentPostProcessor().postProcessEnvironment(environment, null);
    if (this == SCHEDULER) {
      new OperatorEnvironmentAliases().postProcessEnvironment(environment, null);
    }
    ConfigurationPropertySources.attach(environment);
    return Binder.get(environment);
  }

  /** The properties record these environment variables give the application. */
  Record bind(Map<String, String> environmentVariables) {
    return binder(environmentVariables).bindOrCreate("operations", Bindable.of(properties));
  }

  private void applicationYml(MutablePropertySources sources) {
    try {
      for (PropertySource<?> source :
          new YamlPropertySourceLoader()
              .load(
                  "application.yml",
                  new FileSystemResource(RepositoryFiles.path(applicationYml())))) {
        sources.addLast(source);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
