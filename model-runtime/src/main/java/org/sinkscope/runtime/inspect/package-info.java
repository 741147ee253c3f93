/**
 * Where a model's attention probabilities come from (declared outputs, Softmax nodes, an
 * attention operator, or nowhere) and the graph edit that exposes them.
 */
package org.sinkscope.runtime.inspect;
