package org.opsframework.demo;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * One short line about what an operation produced, or why it failed. The functions' results are
 * searched by field name, ignoring case and punctuation, so that {@code targetPath}, {@code
 * target_path} and {@code "Target Path"} all count as the same field.
 */
final class ResultSummary {

  static final int MAX_LENGTH = 90;

  private static final Pattern LEADING_NUMBER = Pattern.compile("^\\s*(\\d+)");

  private ResultSummary() {}

  static String describe(OperationView op) {
    if (!"SUCCESS".equals(op.status())) {
      if (op.errorMessage() != null && !op.errorMessage().isBlank()) {
        return abbreviate(oneLine(op.errorMessage()));
      }
      return op.isTerminal() ? "" : "(not finished)";
    }

    String line =
        switch (op.triggerFunction() == null ? "" : op.triggerFunction()) {
          case "generateThumbnail", "generateRendition" -> picture(op.result());
          case "extractMetadata" -> metadata(op.result());
          case "computeChecksum" -> checksum(op.result());
          default -> null;
        };
    return abbreviate(line != null ? line : compact(op.result()));
  }

  private static String picture(JsonNode result) {
    String width = number(find(result, "width"));
    String height = number(find(result, "height"));
    String target = text(find(result, "targetpath", "outputpath", "path"));
    if (target == null) {
      return null;
    }
    return width != null && height != null ? width + "x" + height + " -> " + target : target;
  }

  private static String metadata(JsonNode result) {
    String make = text(find(result, "make", "cameramake"));
    String model = text(find(result, "model", "cameramodel"));
    String width = number(find(result, "width", "imagewidth", "exifimagewidth", "pixelwidth"));
    String height = number(find(result, "height", "imageheight", "exifimageheight", "pixelheight"));

    String camera;
    if (make != null && model != null) {
      // models often repeat the make's first word: "Canon" / "Canon EOS 40D",
      // "NIKON CORPORATION" / "NIKON D2H"
      String brand = make.split("\\s+")[0].toLowerCase(Locale.ROOT);
      boolean repeated = model.toLowerCase(Locale.ROOT).startsWith(brand);
      camera = repeated ? model : make + " " + model;
    } else if (make != null || model != null) {
      camera = make != null ? make : model;
    } else {
      camera = "no camera";
    }
    String size = width != null && height != null ? ", " + width + "x" + height : "";
    return camera + size;
  }

  private static String checksum(JsonNode result) {
    String sha256 = text(find(result, "sha256", "sha256hex", "checksum", "digest"));
    String size = number(find(result, "size", "sizebytes", "bytes", "length", "filesize"));
    if (sha256 == null) {
      return null;
    }
    String prefix = sha256.length() > 16 ? sha256.substring(0, 16) : sha256;
    return "sha256 " + prefix + (size != null ? ", " + size + " bytes" : "");
  }

  /**
   * The first scalar value, breadth first, whose field name matches one of {@code names} (lower
   * case, letters and digits only); earlier names win at the same depth.
   */
  static JsonNode find(JsonNode root, String... names) {
    if (root == null || !root.isContainer()) {
      return null;
    }
    Deque<JsonNode> level = new ArrayDeque<>(List.of(root));
    while (!level.isEmpty()) {
      Deque<JsonNode> next = new ArrayDeque<>();
      for (String name : names) {
        for (JsonNode node : level) {
          if (!node.isObject()) {
            continue;
          }
          for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (normalize(field.getKey()).equals(name) && field.getValue().isValueNode()) {
              return field.getValue();
            }
          }
        }
      }
      for (JsonNode node : level) {
        if (node.isObject()) {
          node.properties().forEach(field -> addContainer(next, field.getValue()));
        } else {
          node.forEach(child -> addContainer(next, child));
        }
      }
      level = next;
    }
    return null;
  }

  private static void addContainer(Deque<JsonNode> queue, JsonNode node) {
    if (node.isContainer()) {
      queue.add(node);
    }
  }

  private static String normalize(String fieldName) {
    return fieldName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  private static String text(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    String value = node.isString() ? node.stringValue().trim() : node.toString();
    return value.isEmpty() ? null : value;
  }

  /** A number, or the leading digits of a text such as {@code "640 pixels"}. */
  private static String number(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isIntegralNumber()) {
      return node.toString();
    }
    if (node.isString()) {
      Matcher digits = LEADING_NUMBER.matcher(node.stringValue());
      return digits.find() ? digits.group(1) : null;
    }
    return null;
  }

  private static String compact(JsonNode result) {
    return result == null || result.isMissingNode() || result.isNull() ? "" : result.toString();
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s*\\R\\s*", " ").trim();
  }

  static String abbreviate(String text) {
    return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 3) + "...";
  }
}
