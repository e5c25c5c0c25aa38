package org.opsframework.demo;

import java.util.List;

/**
 * What {@link ImageFinder} found in a folder.
 *
 * @param images the images, sorted by relative path
 * @param skippedLinks how many symbolic links it passed over, to files and folders alike
 */
record FoundImages(List<DemoImage> images, int skippedLinks) {}
