/** File formats SinkScope writes: NumPy .npy, the JSON report; every write is atomic. */
package org.sinkscope.runtime.io;
