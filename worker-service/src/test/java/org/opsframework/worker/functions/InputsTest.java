package org.opsframework.worker.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opsframework.worker.functions.SampleStorage.inputs;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opsframework.common.OperationFailure;
import tools.jackson.databind.node.ObjectNode;

class InputsTest {

  @Test
  void a_null_value_counts_as_absent() {
    ObjectNode values = inputs();
    values.putNull("size");
    values.putNull("targetPath");

    Inputs inputs = new Inputs(values);

    assertThat(inputs.integer("size", 200, 16, 4096)).isEqualTo(200);
    assertThat(inputs.optionalString("targetPath")).isEmpty();
  }

  @Test
  void a_blank_string_is_refused() {
    Inputs inputs = new Inputs(inputs("sourcePath", "  "));

    assertThatThrownBy(() -> inputs.requiredString("sourcePath"))
        .isInstanceOf(OperationFailure.class)
        .hasMessage("input 'sourcePath' must be a non-empty string, got \"  \"");
  }

  @Test
  void an_integer_too_large_for_int_is_refused() {
    ObjectNode values = inputs();
    values.put("size", 10_000_000_000L);

    assertThatThrownBy(() -> new Inputs(values).integer("size", 200, 16, 4096))
        .isInstanceOf(OperationFailure.class)
        .hasMessage("input 'size' must be an integer between 16 and 4096, got 10000000000");
  }

  @Test
  void a_number_may_be_given_as_an_integer() {
    assertThat(new Inputs(inputs("quality", 1)).number("quality", 0.85, 0.0, 1.0)).isEqualTo(1.0);
  }

  @Test
  void a_choice_must_be_one_of_the_allowed_values() {
    Inputs inputs = new Inputs(inputs("format", "JPEG"));

    assertThatThrownBy(() -> inputs.oneOf("format", "jpeg", List.of("jpeg", "png")))
        .isInstanceOf(OperationFailure.class)
        .hasMessage("input 'format' must be one of jpeg, png, got \"JPEG\"");
  }
}
