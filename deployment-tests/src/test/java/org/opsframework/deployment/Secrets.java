package org.opsframework.deployment;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** The decoded data of a rendered Secret. */
final class Secrets {

  private Secrets() {}

  static Map<String, String> decoded(Manifests manifests, String name) {
    Map<String, String> decoded = new LinkedHashMap<>();
    YamlTree.map(manifests.named("Secret", name), "data")
        .forEach(
            (key, value) ->
                decoded.put(
                    key,
                    new String(
                        Base64.getDecoder().decode(value.toString()), StandardCharsets.UTF_8)));
    return decoded;
  }
}
