/**
 * Hidden states (the residual stream after each layer): found in the graph, exposed as extra
 * outputs, and the diagnostics of METRICS.md section 4 computed from them.
 */
package org.sinkscope.runtime.hidden;
