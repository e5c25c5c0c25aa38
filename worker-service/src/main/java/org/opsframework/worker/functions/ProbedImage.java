package org.opsframework.worker.functions;

/**
 * What an image file is, learned from its header without decoding the pixels.
 *
 * @param size the pixel size as stored, before any EXIF orientation
 * @param format the lower-case format name, such as {@code jpeg} or {@code webp}
 * @param mimeType the MIME type, such as {@code image/jpeg}
 */
record ProbedImage(Dimensions size, String format, String mimeType) {}
