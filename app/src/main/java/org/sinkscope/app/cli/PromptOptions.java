package org.sinkscope.app.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sinkscope.runtime.ModelException;
import org.sinkscope.runtime.session.ModelSession;
import org.sinkscope.runtime.tokenize.TokenizedPrompt;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** {@code --prompt TEXT | --prompt-file FILE | --ids 1,2,3} and {@code --no-bos}, shared by commands that run a model. */
public final class PromptOptions {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    @Option(names = "--no-bos", description = "do not prepend the BOS token")
    boolean noBos;

    static final class Input {
        @Option(names = "--prompt", paramLabel = "TEXT", description = "the prompt text")
        String prompt;

        @Option(names = "--prompt-file", paramLabel = "FILE", description = "a UTF-8 text file holding the prompt")
        Path promptFile;

        @Option(names = "--ids", paramLabel = "1,2,3", split = ",", description = "token ids as they are, BOS included or not")
        long[] ids;
    }

    /** The tokens to run, from whichever input was given. */
    public TokenizedPrompt tokens(ModelSession session) throws ModelException {
        if (input.ids != null) {
            for (long id : input.ids) {
                if (id < 0) {
                    throw new ModelException("token id " + id + " is negative: give ids from the model's vocabulary");
                }
            }
            return session.fromIds(input.ids);
        }
        return session.tokenize(input.prompt != null ? input.prompt : readPromptFile(input.promptFile), !noBos);
    }

    static String readPromptFile(Path file) throws ModelException {
        if (Files.isDirectory(file)) {
            throw new ModelException("prompt file " + file + " is a folder: name a text file");
        }
        if (!Files.exists(file)) {
            throw new ModelException("prompt file " + file + " does not exist: check the path");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ModelException("cannot read prompt file " + file + ": check its permissions");
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new ModelException("prompt file " + file + " is not UTF-8 text: save it as UTF-8");
        }
    }
}
