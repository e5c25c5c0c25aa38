package org.opsframework.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Types of Spring Boot's own properties, from the configuration metadata its jars ship. */
final class SpringMetadata {

  private static final Map<String, String> TYPES = load();

  private SpringMetadata() {}

  /** The property's type as a class name, such as {@code java.lang.Integer}. */
  static String typeOf(String property) {
    String type = TYPES.get(property);
    if (type == null) {
      throw new IllegalArgumentException("Spring Boot's metadata has no property " + property);
    }
    return type;
  }

  private static Map<String, String> load() {
    Map<String, String> types = new HashMap<>();
    JsonMapper json = JsonMapper.builder().build();
    try {
      for (URL url :
          Collections.list(
              SpringMetadata.class
                  .getClassLoader()
                  .getResources("META-INF/spring-configuration-metadata.json"))) {
        try (InputStream in = url.openStream()) {
          for (JsonNode property : json.readTree(in).path("properties")) {
            types.put(property.path("name").asString(), property.path("type").asString());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return types;
  }
}
