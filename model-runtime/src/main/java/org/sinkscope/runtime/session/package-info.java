/** Running a model with ONNX Runtime: the edited graph, the inputs it wants, and the attention it returns. */
package org.sinkscope.runtime.session;
