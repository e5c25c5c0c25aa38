package org.opsframework.demo;

import java.nio.file.Path;

/**
 * An image found in the demo's input folder.
 *
 * @param file the file where it was found
 * @param relativePath its path below the input folder, with {@code /} as separator
 */
record DemoImage(Path file, String relativePath) {}
