package org.opsframework.worker.functions;

import com.drew.lang.GeoLocation;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.file.FileTypeDirectory;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The JSON result of {@code extractMetadata}: the facts callers use, each only when present. */
final class MetadataDescription {

  private static final DateTimeFormatter EXIF_DATE_TIME =
      DateTimeFormatter.ofPattern("uuuu:MM:dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);

  private MetadataDescription() {}

  /**
   * Describes an image as {@code {"width", "height", "mimeType", "format", "camera": {"make",
   * "model"}, "dateTaken", "orientation", "gps": {"latitude", "longitude"}, "directories"}}.
   */
  static ObjectNode of(ProbedImage image, Metadata metadata) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("width", image.size().width());
    json.put("height", image.size().height());
    json.put("mimeType", image.mimeType());
    json.put("format", image.format());
    camera(metadata).ifPresent(camera -> json.set("camera", camera));
    dateTaken(metadata).ifPresent(dateTaken -> json.put("dateTaken", dateTaken));
    ExifOrientation.in(metadata).ifPresent(orientation -> json.put("orientation", orientation));
    gps(metadata).ifPresent(gps -> json.set("gps", gps));
    json.set("directories", directoryNames(metadata));
    return json;
  }

  private static Optional<ObjectNode> camera(Metadata metadata) {
    ExifIFD0Directory exif = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
    if (exif == null) {
      return Optional.empty();
    }
    ObjectNode camera = JsonNodeFactory.instance.objectNode();
    text(exif, ExifDirectoryBase.TAG_MAKE).ifPresent(make -> camera.put("make", make));
    text(exif, ExifDirectoryBase.TAG_MODEL).ifPresent(model -> camera.put("model", model));
    return camera.isEmpty() ? Optional.empty() : Optional.of(camera);
  }

  // The EXIF value has no time zone, so it stays a local date-time rather than become an instant
  // in the worker's zone.
  private static Optional<String> dateTaken(Metadata metadata) {
    for (ExifSubIFDDirectory exif : metadata.getDirectoriesOfType(ExifSubIFDDirectory.class)) {
      Optional<String> value = text(exif, ExifDirectoryBase.TAG_DATETIME_ORIGINAL);
      if (value.isPresent() && value.get().length() >= 19) {
        try {
          LocalDateTime taken = LocalDateTime.parse(value.get().substring(0, 19), EXIF_DATE_TIME);
          return Optional.of(taken.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
        } catch (DateTimeParseException e) {
          // Cameras without a clock write blanks or zeros; that is no date.
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<ObjectNode> gps(Metadata metadata) {
    for (GpsDirectory directory : metadata.getDirectoriesOfType(GpsDirectory.class)) {
      GeoLocation location = directory.getGeoLocation();
      // 0,0 is what receivers without a fix write; a real photo there is unlikely.
      if (location != null && !location.isZero()) {
        ObjectNode gps = JsonNodeFactory.instance.objectNode();
        gps.put("latitude", location.getLatitude());
        gps.put("longitude", location.getLongitude());
        return Optional.of(gps);
      }
    }
    return Optional.empty();
  }

  // Without the extractor's own "File Type" directory: it describes the detection, not the file.
  private static ArrayNode directoryNames(Metadata metadata) {
    Set<String> names = new LinkedHashSet<>();
    for (Directory directory : metadata.getDirectories()) {
      if (!(directory instanceof FileTypeDirectory)) {
        names.add(directory.getName());
      }
    }
    ArrayNode json = JsonNodeFactory.instance.arrayNode();
    names.forEach(json::add);
    return json;
  }

  private static Optional<String> text(Directory directory, int tag) {
    String value = directory.getString(tag);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }
}
