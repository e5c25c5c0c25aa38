package org.opsframework.worker.functions;

import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * What to scale, to which size, and where to write the result.
 *
 * @param source the image to read
 * @param sizing the output size, given the upright size of the source
 * @param format the format to write
 * @param quality 0.0 to 1.0, for lossy formats
 * @param target where to write, given the output size
 */
record ScaleRequest(
    StoredFile source,
    UnaryOperator<Dimensions> sizing,
    OutputFormat format,
    double quality,
    Function<Dimensions, StoredFile> target) {}
