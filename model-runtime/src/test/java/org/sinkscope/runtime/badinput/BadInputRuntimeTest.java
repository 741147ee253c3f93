package org.sinkscope.runtime.badinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.sinkscope.runtime.ModelException;

/** Every case of the bad-input corpus through the runtime API: ModelException with one actionable line, or nothing. */
class BadInputRuntimeTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    static Path root;

    private static List<BadInputCorpus.Case> cases;

    @BeforeAll
    static void buildCorpus() throws Exception {
        cases = BadInputCorpus.build(root);
    }

    @TestFactory
    Stream<DynamicTest> everyBadInputFailsWithTheProjectsOwnExceptionAndOneActionableLine() {
        return cases.stream().filter(BadInputCorpus.Case::runtimeInput)
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> assertTimeoutPreemptively(LIMIT, () -> check(c))));
    }

    private static void check(BadInputCorpus.Case c) {
        try {
            BadInputCorpus.runThroughRuntime(c);
            if (c.scope() != BadInputCorpus.Scope.MAYBE) {
                fail(c.name() + ": ran without complaint");
            }
        } catch (ModelException e) {
            assertActionable(c, e.getMessage());
        } catch (Throwable t) {
            throw new AssertionError(c.name() + ": escaped as " + t, t);
        }
    }

    static void assertActionable(BadInputCorpus.Case c, String message) {
        assertThat(message).as(c.name()).isNotBlank().doesNotContain("\n", "Exception", "\tat ");
        assertThat(message).as(c.name() + ": says what to do after a colon").contains(": ");
        String lower = message.toLowerCase(Locale.ROOT);
        for (String word : c.mention()) {
            assertThat(lower).as(c.name() + ": " + message).contains(word);
        }
    }
}
