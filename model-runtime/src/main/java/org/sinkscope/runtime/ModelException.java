package org.sinkscope.runtime;

/**
 * The one checked exception of the runtime: this model or this input cannot be used.
 * Its message is one line a user can act on: what was wrong, and what to do.
 */
public class ModelException extends Exception {
    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
