package org.opsframework.worker.functions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opsframework.common.TriggerFunction;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

class FunctionBeansTest {

  @Test
  void the_package_provides_the_four_built_in_functions_as_beans() {
    try (AnnotationConfigApplicationContext context =
        new AnnotationConfigApplicationContext("org.opsframework.worker.functions")) {

      assertThat(context.getBeansOfType(TriggerFunction.class).values())
          .extracting(TriggerFunction::name)
          .containsExactlyInAnyOrder(
              "generateThumbnail", "generateRendition", "extractMetadata", "computeChecksum");
    }
  }
}
