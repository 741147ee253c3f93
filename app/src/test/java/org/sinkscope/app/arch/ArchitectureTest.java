package org.sinkscope.app.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import ai.onnxruntime.OrtSession;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.net.DatagramSocket;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.net.URLConnection;
import java.util.Set;

/**
 * SinkScope's borders and its safety promises, checked on the compiled main code of every
 * module (tests and test jars excluded): the runtime has no UI, nothing talks to the
 * network, only the command line writes to the standard streams, nothing loads native code
 * or starts processes itself, and ONNX Runtime is never told to load custom operators.
 */
@AnalyzeClasses(packages = "org.sinkscope", importOptions = ArchitectureTest.MainCodeOnly.class)
class ArchitectureTest {
    /** The demo catalog reads its models from the classpath (jar: or file: URLs) and nothing else. */
    private static final String DEMO_CATALOG = "org.sinkscope.runtime.source.DemoCatalog";
    /** Entry points that may print a usage line before any window or command exists. */
    private static final String MAIN = "org.sinkscope.app.Main";
    private static final String GUI_MAIN = "org.sinkscope.app.ui.GuiMain";

    /** Main code only: Maven's test-classes and the model-runtime test jar are not SinkScope's product. */
    static final class MainCodeOnly implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/test-classes/") && !location.contains("-tests.jar");
        }
    }

    @ArchTest
    static final ArchRule runtimeNeverDependsOnAUiToolkitOrTheApp = noClasses()
            .that().resideInAPackage("org.sinkscope.runtime..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.awt..", "javax.swing..",
                    "org.sinkscope.app..")
            .because("model-runtime is the logic without UI; the app depends on it, never the reverse");

    @ArchTest
    static final ArchRule nothingOpensANetworkConnection = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("java.net.http..", "javax.net..", "javafx.scene.web..")
            .orShould().dependOnClassesThat().belongToAnyOf(Socket.class, ServerSocket.class, DatagramSocket.class,
                    HttpURLConnection.class, java.awt.Desktop.class)
            .orShould().callMethodWhere(calls(javafx.application.HostServices.class, "showDocument"))
            .because("SinkScope works offline: no network access anywhere");

    @ArchTest
    static final ArchRule onlyTheDemoCatalogOpensUrlsAndOnlyClasspathResources = noClasses()
            .that().doNotHaveFullyQualifiedName(DEMO_CATALOG)
            .should().dependOnClassesThat().areAssignableTo(URLConnection.class)
            .orShould().callMethodWhere(calls(URL.class, "openConnection", "openStream", "getContent"))
            .because("the demo catalog alone reads URLs, and only those its class loader gives for its own resources");

    @ArchTest
    static final ArchRule standardStreamsOnlyInTheCommandLine = noClasses()
            .that().resideOutsideOfPackage("org.sinkscope.app.cli..")
            .and().doNotHaveFullyQualifiedName(MAIN)
            .and().doNotHaveFullyQualifiedName(GUI_MAIN)
            .should().accessField(System.class, "out")
            .orShould().accessField(System.class, "err")
            .orShould().callMethod(Throwable.class, "printStackTrace")
            .because("the command line owns standard output and error; the app and the runtime report through"
                    + " ModelException and the UI");

    @ArchTest
    static final ArchRule noNativeLoading = noClasses()
            .should().callMethodWhere(calls(System.class, "load", "loadLibrary", "mapLibraryName"))
            .orShould().callMethodWhere(calls(Runtime.class, "load", "loadLibrary"))
            .because("SinkScope loads no native code of its own (ONNX Runtime and the tokenizer load theirs)");

    /** The one exception: bench measures peak memory in a second JVM of its own, started as this one was. */
    private static final String PEAK_MEMORY_PROCESS = "org.sinkscope.app.cli.BenchCommand";

    @ArchTest
    static final ArchRule noProcesses = noClasses().that().doNotHaveFullyQualifiedName(PEAK_MEMORY_PROCESS)
            .should().callMethodWhere(calls(Runtime.class, "exec"))
            .orShould().dependOnClassesThat().belongToAnyOf(ProcessBuilder.class, ProcessHandle.class)
            .because("SinkScope starts no processes, nothing a model's folder names is ever run; only bench starts a"
                    + " copy of its own JVM, to measure peak memory apart from its other runs");

    @ArchTest
    static final ArchRule customOperatorLibrariesAreNeverRegistered = noClasses()
            .should().callMethodWhere(calls(OrtSession.SessionOptions.class, "registerCustomOpLibrary",
                    "registerCustomOpsUsingFunction", "enableOrtCustomOps"))
            .orShould().callMethodWhere(calls(ai.onnxruntime.OrtEnvironment.class, "registerExecutionProviderLibrary"))
            .because("a model's folder may hold a library; SinkScope never loads custom operators or provider libraries");

    private static DescribedPredicate<JavaMethodCall> calls(Class<?> owner, String... names) {
        Set<String> wanted = Set.of(names);
        return DescribedPredicate.describe(owner.getSimpleName() + "." + String.join("/", names),
                call -> call.getTargetOwner().isAssignableTo(owner) && wanted.contains(call.getName()));
    }
}
