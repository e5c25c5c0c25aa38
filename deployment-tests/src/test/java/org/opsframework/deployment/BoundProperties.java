package org.opsframework.deployment;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code operations.*} properties an application binds, read from its properties record: every
 * leaf component, nested records followed, in the kebab-case Spring uses.
 */
final class BoundProperties {

  /** One bound property: its generic type and its {@code @DefaultValue}, if any. */
  record Property(String name, Type type, String[] defaultValue) {}

  private BoundProperties() {}

  private static final Map<Application, Map<String, Property>> CACHE =
      new EnumMap<>(Application.class);

  static synchronized Map<String, Property> of(Application application) {
    return CACHE.computeIfAbsent(
        application,
        key -> {
          Map<String, Property> properties = new LinkedHashMap<>();
          collect("operations", key.properties, properties);
          return Map.copyOf(properties);
        });
  }

  private static void collect(
      String prefix, Class<? extends Record> record, Map<String, Property> into) {
    RecordComponent[] components = record.getRecordComponents();
    Constructor<?> canonical = canonicalConstructor(record, components);
    for (int i = 0; i < components.length; i++) {
      RecordComponent component = components[i];
      String name = prefix + "." + kebabCase(component.getName());
      if (component.getType().isRecord()) {
        collect(name, component.getType().asSubclass(Record.class), into);
      } else {
        DefaultValue defaultValue = canonical.getParameters()[i].getAnnotation(DefaultValue.class);
        into.put(
            name,
            new Property(
                name,
                component.getGenericType(),
                defaultValue == null ? null : defaultValue.value()));
      }
    }
  }

  /** The value of one {@code operations.*} property in a bound properties record. */
  static Object valueOf(Record properties, String property) {
    Object current = properties;
    for (String segment : property.substring("operations.".length()).split("\\.")) {
      try {
        current = current.getClass().getMethod(camelCase(segment)).invoke(current);
      } catch (ReflectiveOperationException e) {
        throw new IllegalArgumentException("no " + property + " in " + properties, e);
      }
    }
    return current;
  }

  static String kebabCase(String camelCase) {
    return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
  }

  private static String camelCase(String kebabCase) {
    StringBuilder camel = new StringBuilder();
    for (String word : kebabCase.split("-")) {
      camel.append(
          camel.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
    }
    return camel.toString();
  }

  private static Constructor<?> canonicalConstructor(
      Class<? extends Record> record, RecordComponent[] components) {
    try {
      return record.getDeclaredConstructor(
          Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(record + " has no canonical constructor", e);
    }
  }
}
