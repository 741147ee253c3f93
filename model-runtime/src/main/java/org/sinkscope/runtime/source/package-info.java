/** Where a model comes from: a path, a folder, or a demo shipped in the assets module. */
package org.sinkscope.runtime.source;
