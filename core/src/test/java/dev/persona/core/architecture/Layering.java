package dev.persona.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The layering every Persona module follows, written once and checked by each module's ArchitectureTest with
 * ArchUnit over its main classes. From the top:
 * <ol>
 *   <li><b>adapter</b> ({@code grpc}, CLI commands): protobuf or command line ⇄ domain, input validation; nothing
 *       imports an adapter package but another adapter;</li>
 *   <li><b>use case</b> ({@code service}): transactions and orchestration, change-feed handling;</li>
 *   <li><b>store</b> ({@code store}): PostgreSQL and Redis;</li>
 *   <li><b>shared</b> ({@code config} and small helpers every layer above may read);</li>
 *   <li><b>algorithm</b> (packages named by algorithm, and all of {@code core}): plain Java that imports no framework
 *       (no Quarkus, CDI, gRPC, protobuf, Vert.x, Redis client, JDBC, Hibernate, MicroProfile, Persona's
 *       {@code common} glue) and nothing from the layers above.</li>
 * </ol>
 * A layer may use the layers below it (and itself); the module's top-level packages are free of cycles; every
 * top-level package of the module must be placed in a layer, so a new package is a decision, not an accident.
 */
public final class Layering {

    /** What an algorithm package may never import. */
    static final String[] FRAMEWORKS = {
        "io.quarkus..", "io.grpc..", "io.vertx..", "io.smallrye..", "io.netty..", "io.micrometer..",
        "io.opentelemetry..", "jakarta..", "javax.inject..", "javax.sql..", "java.sql..", "org.hibernate..",
        "org.eclipse.microprofile..", "org.jboss..", "org.postgresql..", "org.flywaydb..", "io.agroal..",
        "com.google.protobuf..", "dev.persona.api..", "dev.persona.common..", "picocli..", "redis.."
    };

    private static final String ADAPTER = "adapter";
    private static final String USE_CASE = "use case";
    private static final String STORE = "store";
    private static final String SHARED = "shared";
    private static final String ALGORITHM = "algorithm";

    private final String root;
    private final Map<String, List<String>> layers = new LinkedHashMap<>();

    private Layering(String root) {
        this.root = root;
        for (String layer : List.of(ADAPTER, USE_CASE, STORE, SHARED, ALGORITHM)) {
            layers.put(layer, new ArrayList<>());
        }
    }

    /** The layering of the module whose classes live under {@code rootPackage}. */
    public static Layering of(String rootPackage) {
        return new Layering(rootPackage);
    }

    /** Top-level packages (names under the root) that adapt gRPC or the command line; "" for the root itself. */
    public Layering adapters(String... packages) {
        return put(ADAPTER, packages);
    }

    public Layering useCases(String... packages) {
        return put(USE_CASE, packages);
    }

    public Layering stores(String... packages) {
        return put(STORE, packages);
    }

    public Layering shared(String... packages) {
        return put(SHARED, packages);
    }

    public Layering algorithms(String... packages) {
        return put(ALGORITHM, packages);
    }

    /** Imports the module's main classes (not its tests) and checks every rule. */
    public void check() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(root);
        assertFalse(classes.isEmpty(), "no compiled classes under " + root + ": the rules would check nothing");
        everyPackageHasALayer(classes);
        List<String> algorithms = patterns(ALGORITHM);
        if (!algorithms.isEmpty()) {
            noClasses().that().resideInAnyPackage(algorithms.toArray(String[]::new))
                    .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                    .because("algorithm packages are plain Java, usable from a batch job, a benchmark or the CLI")
                    .check(classes);
        }
        layered().check(classes);
        slices().matching(root + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    private LayeredArchitecture layered() {
        LayeredArchitecture architecture = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true);
        for (Map.Entry<String, List<String>> layer : layers.entrySet()) {
            architecture = architecture.layer(layer.getKey()).definedBy(patterns(layer.getKey()).toArray(String[]::new));
        }
        return architecture
                .whereLayer(ADAPTER).mayNotBeAccessedByAnyLayer()
                .whereLayer(USE_CASE).mayOnlyBeAccessedByLayers(ADAPTER)
                .whereLayer(STORE).mayOnlyBeAccessedByLayers(ADAPTER, USE_CASE)
                .whereLayer(SHARED).mayOnlyBeAccessedByLayers(ADAPTER, USE_CASE, STORE)
                .whereLayer(ALGORITHM).mayOnlyBeAccessedByLayers(ADAPTER, USE_CASE, STORE, SHARED);
    }

    private void everyPackageHasALayer(JavaClasses classes) {
        TreeSet<String> declared = new TreeSet<>();
        layers.values().forEach(declared::addAll);
        TreeSet<String> missing = new TreeSet<>();
        for (JavaClass type : classes) {
            if (type.getSimpleName().equals("package-info")) {
                continue;
            }
            String name = type.getPackageName();
            String top = name.equals(root) ? "" : name.substring(root.length() + 1).split("\\.")[0];
            if (!declared.contains(top)) {
                missing.add(top.isEmpty() ? "(root)" : top);
            }
        }
        assertEquals(new TreeSet<String>(), missing, "top-level packages of " + root + " placed in no layer");
    }

    private List<String> patterns(String layer) {
        List<String> out = new ArrayList<>();
        for (String name : layers.get(layer)) {
            // The root package on its own (not its subpackages), or a top-level package with everything under it.
            out.add(name.isEmpty() ? root : root + "." + name + "..");
        }
        return out;
    }

    private Layering put(String layer, String... packages) {
        layers.get(layer).addAll(List.of(packages));
        return this;
    }
}
