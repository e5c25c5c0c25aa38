package org.opsframework.worker.functions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DimensionsTest {

  @Test
  void fitting_a_wide_image_makes_the_width_exactly_the_box_edge() {
    assertThat(new Dimensions(1000, 872).fitInside(200, 200)).isEqualTo(new Dimensions(200, 174));
  }

  @Test
  void fitting_a_tall_image_makes_the_height_exactly_the_box_edge() {
    assertThat(new Dimensions(280, 360).fitInside(100, 100)).isEqualTo(new Dimensions(78, 100));
  }

  @Test
  void fitting_enlarges_a_small_image() {
    assertThat(new Dimensions(40, 80).fitInside(200, 200)).isEqualTo(new Dimensions(100, 200));
  }

  @Test
  void shrinking_to_fit_keeps_a_small_image_as_it_is() {
    assertThat(new Dimensions(40, 80).shrinkToFit(200, 200)).isEqualTo(new Dimensions(40, 80));
  }

  @Test
  void a_very_thin_image_keeps_at_least_one_pixel() {
    assertThat(new Dimensions(4000, 1).fitInside(100, 100)).isEqualTo(new Dimensions(100, 1));
  }

  @Test
  void scaling_to_a_height_rounds_the_width_to_the_nearest_pixel() {
    assertThat(new Dimensions(1000, 872).scaledToHeight(100)).isEqualTo(new Dimensions(115, 100));
  }
}
