/** Prompt to token ids with the model's tokenizer.json (DJL's binding of HF tokenizers), BOS handling, readable token texts. */
package org.sinkscope.runtime.tokenize;
