/** The papers' experiments rerun on any model: context-length sweeps (more to come: BOS on/off, perturbation). */
package org.sinkscope.runtime.experiments;
