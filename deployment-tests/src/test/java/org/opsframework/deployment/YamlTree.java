package org.opsframework.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Navigation in the maps and lists that SnakeYAML makes of a YAML document. */
final class YamlTree {

  private YamlTree() {}

  /** The value at a dotted path of map keys, or null when any step is missing. */
  static Object at(Object tree, String dottedPath) {
    Object current = tree;
    for (String key : dottedPath.split("\\.")) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(key);
    }
    return current;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object tree, String dottedPath) {
    Object value = at(tree, dottedPath);
    return value == null ? Map.of() : (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object tree, String dottedPath) {
    Object value = at(tree, dottedPath);
    return value == null ? List.of() : (List<Object>) value;
  }

  static String string(Object tree, String dottedPath) {
    Object value = at(tree, dottedPath);
    return value == null ? null : value.toString();
  }

  /** Whether every step of a dotted path exists, even when the last one holds null. */
  static boolean has(Object tree, String dottedPath) {
    int lastDot = dottedPath.lastIndexOf('.');
    Object parent = lastDot < 0 ? tree : at(tree, dottedPath.substring(0, lastDot));
    return parent instanceof Map<?, ?> map && map.containsKey(dottedPath.substring(lastDot + 1));
  }

  /** A deep copy of maps and lists, so a test can change values without touching the original. */
  @SuppressWarnings("unchecked")
  static <T> T copy(T tree) {
    if (tree instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((key, value) -> copy.put(key, copy(value)));
      return (T) copy;
    }
    if (tree instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(value -> copy.add(copy(value)));
      return (T) copy;
    }
    return tree;
  }

  /** Sets a value at a dotted path of map keys, creating the maps on the way. */
  @SuppressWarnings("unchecked")
  static void put(Map<String, Object> tree, String dottedPath, Object value) {
    String[] keys = dottedPath.split("\\.");
    Map<String, Object> current = tree;
    for (int i = 0; i < keys.length - 1; i++) {
      current =
          (Map<String, Object>) current.computeIfAbsent(keys[i], key -> new LinkedHashMap<>());
    }
    current.put(keys[keys.length - 1], value);
  }
}
