/**
 * The trigger functions built into the worker: image thumbnails and renditions, metadata
 * extraction, and checksums, all working on files under the storage root.
 *
 * <p>Each function is one {@code @Component} implementing {@link
 * org.opsframework.common.TriggerFunction}; the package-private classes beside them are the parts
 * they share (reading inputs, decoding and encoding images, writing files atomically).
 */
package org.opsframework.worker.functions;
