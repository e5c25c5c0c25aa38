package org.opsframework.deployment;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.util.unit.DataSize;

/**
 * A value, other than the default, to give a setting in a test: as a Helm value, and as the
 * application should bind it.
 *
 * @param helmValue what goes into the values file
 * @param bindable how to bind the property to compare it
 * @param expected what the application should bind
 */
record SettingSample(Object helmValue, Bindable<?> bindable, Object expected) {

  static SettingSample of(Type type, String defaultValue) {
    if (type instanceof ParameterizedType parameterized) {
      return ofParameterized(parameterized);
    }
    if (type == int.class || type == Integer.class) {
      return new SettingSample(7, Bindable.of(Integer.class), 7);
    }
    if (type == long.class || type == Long.class) {
      return new SettingSample(7, Bindable.of(Long.class), 7L);
    }
    if (type == double.class || type == Double.class) {
      return new SettingSample(3.5, Bindable.of(Double.class), 3.5);
    }
    if (type == boolean.class || type == Boolean.class) {
      boolean notDefault = !"true".equals(defaultValue);
      return new SettingSample(notDefault, Bindable.of(Boolean.class), notDefault);
    }
    if (type == Duration.class) {
      return new SettingSample("7s", Bindable.of(Duration.class), Duration.ofSeconds(7));
    }
    if (type == DataSize.class) {
      return new SettingSample("7KB", Bindable.of(DataSize.class), DataSize.ofKilobytes(7));
    }
    if (type == Path.class) {
      return new SettingSample(
          "/srv/drift-check", Bindable.of(Path.class), Path.of("/srv/drift-check"));
    }
    if (type == String.class) {
      return new SettingSample("drift-check-value", Bindable.of(String.class), "drift-check-value");
    }
    throw new IllegalArgumentException("no sample value for a setting of type " + type);
  }

  /** A Spring Boot property, typed by Boot's configuration metadata. */
  static SettingSample ofSpringProperty(String property) {
    try {
      return of(Class.forName(SpringMetadata.typeOf(property)), null);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  private static SettingSample ofParameterized(ParameterizedType type) {
    Type[] arguments = type.getActualTypeArguments();
    if (type.getRawType() == List.class && arguments[0] == String.class) {
      List<String> functions = List.of("driftA", "driftB");
      return new SettingSample(functions, Bindable.listOf(String.class), functions);
    }
    if (type.getRawType() == Map.class && arguments[0] == String.class) {
      SettingSample value = of(arguments[1], null);
      return new SettingSample(
          Map.of("driftFunction", value.helmValue),
          Bindable.mapOf(String.class, (Class<?>) arguments[1]),
          Map.of("driftFunction", value.expected));
    }
    throw new IllegalArgumentException("no sample value for a setting of type " + type);
  }
}
