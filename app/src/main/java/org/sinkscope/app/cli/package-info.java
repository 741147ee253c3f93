/** The sinkscope command line (picocli): the contract of ../shared/CLI.md, exit codes 0/2/3, one-line errors. */
package org.sinkscope.app.cli;
