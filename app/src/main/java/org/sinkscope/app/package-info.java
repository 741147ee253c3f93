/** SinkScope's two faces over the runtime: the JavaFX window (ui) and the command line (cli). */
package org.sinkscope.app;
