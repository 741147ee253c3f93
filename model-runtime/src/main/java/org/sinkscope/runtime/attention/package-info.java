/** The attention container: L x H x T x T float32 probabilities in one flat array per layer. */
package org.sinkscope.runtime.attention;
