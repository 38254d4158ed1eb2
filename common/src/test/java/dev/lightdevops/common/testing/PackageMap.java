package dev.lightdevops.common.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import com.tngtech.archunit.library.dependencies.SliceRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The package map of {@code docs/architecture.md} (section "Packages") as ArchUnit rules, for each module's
 * {@code PackageMapTest}. The rules are read from the doc, not written a second time here, so the map a reader sees is
 * the map the build enforces. Names in the doc are below {@code dev.lightdevops}; {@code common} in a "may use" cell
 * stands for every package of the {@code common} module. The known exceptions are ignored by every rule, and nothing
 * else is.
 */
public final class PackageMap {

    private static final String ROOT = "dev.lightdevops.";
    private static final List<String> MODULES = List.of("common", "api", "worker", "standalone", "bench");
    private static final Pattern NAME = Pattern.compile("`([a-z][a-zA-Z.]*)`");

    /** One row of a "package | its job | may use" table. */
    private record Row(String pkg, List<String> mayUse) {
    }

    /** One row of the known exceptions: a class that still uses a package its own row does not allow. */
    private record KnownException(String className, String pkg) {
    }

    private final String module;
    private final Map<String, Row> rows;
    private final List<KnownException> exceptions;

    private PackageMap(String module, Map<String, Row> rows, List<KnownException> exceptions) {
        this.module = module;
        this.rows = rows;
        this.exceptions = exceptions;
    }

    /** The map's rows of one module ({@code common}, {@code api} or {@code worker}), read from the doc. */
    public static PackageMap of(String module) {
        Map<String, Row> rows = new LinkedHashMap<>();
        List<KnownException> exceptions = new ArrayList<>();
        String table = "";
        boolean inSection = false;
        for (String line : readDoc()) {
            if (line.startsWith("## ")) {
                inSection = line.equals("## Packages");
            } else if (inSection && line.startsWith("| ") && !line.startsWith("| `")) {
                table = cells(line).getFirst(); // a header row: "package" or "class"
            } else if (inSection && line.startsWith("| `")) {
                List<String> cells = cells(line);
                String first = names(cells.getFirst()).getFirst();
                if (!first.equals(module) && !first.startsWith(module + ".")) {
                    continue;
                }
                if (table.equals("package")) {
                    rows.put(first, new Row(first, names(cells.get(2))));
                } else if (table.equals("class")) {
                    exceptions.add(new KnownException(first, names(cells.get(1)).getFirst()));
                }
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalStateException("docs/architecture.md has no package map for " + module);
        }
        return new PackageMap(module, rows, exceptions);
    }

    /** The module's own classes, tests excluded. */
    public JavaClasses importMainClasses() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT + module);
    }

    /** Every package of the module has a row, and uses only the packages its row lists. */
    public ArchRule eachPackageUsesOnlyWhatItsRowAllows() {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInAnyPackage("dev.lightdevops..")
                .ensureAllClassesAreContainedInArchitecture();
        for (Row row : rows.values()) {
            layers = layers.layer(row.pkg()).definedBy(ROOT + row.pkg());
        }
        if (!module.equals("common")) {
            layers = layers.optionalLayer("common").definedBy(ROOT + "common..");
        }
        for (Row row : rows.values()) {
            layers = row.mayUse().isEmpty() ? layers.whereLayer(row.pkg()).mayNotAccessAnyLayer()
                    : layers.whereLayer(row.pkg()).mayOnlyAccessLayers(row.mayUse().toArray(String[]::new));
        }
        for (KnownException exception : exceptions) {
            layers = layers.ignoreDependency(origin(exception), target(exception));
        }
        return layers.because("docs/architecture.md, \"Packages\"");
    }

    /** No two packages of the module depend on each other, directly or around a cycle. */
    public ArchRule packagesFormNoCycle() {
        SliceRule rule = slices().matching(ROOT + "(**)").should().beFreeOfCycles();
        for (KnownException exception : exceptions) {
            rule = rule.ignoreDependency(origin(exception), target(exception));
        }
        return rule.because("docs/architecture.md, \"Packages\"");
    }

    /** The module uses no other module of ours but {@code common}; {@code common} uses none. */
    public ArchRule moduleUsesNoOtherModuleButCommon() {
        String[] others = MODULES.stream().filter(other -> !other.equals(module) && !other.equals("common"))
                .map(other -> ROOT + other + "..").toArray(String[]::new);
        return noClasses().that().resideInAPackage(ROOT + module + "..").should().dependOnClassesThat()
                .resideInAnyPackage(others)
                .because("api and worker meet only through common and Kafka (docs/architecture.md, \"Modules\")");
    }

    private static DescribedPredicate<JavaClass> origin(KnownException exception) {
        String name = ROOT + exception.className();
        return DescribedPredicate.describe(exception.className(),
                javaClass -> javaClass.getName().equals(name) || javaClass.getName().startsWith(name + "$"));
    }

    private static DescribedPredicate<JavaClass> target(KnownException exception) {
        return JavaClass.Predicates.resideInAPackage(ROOT + exception.pkg());
    }

    private static List<String> cells(String line) {
        return Stream.of(line.substring(1, line.lastIndexOf('|')).split("\\|")).map(String::strip).toList();
    }

    private static List<String> names(String cell) {
        List<String> names = new ArrayList<>();
        Matcher matcher = NAME.matcher(cell);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** The doc from a module's directory (where the tests run) or the repository's root. */
    private static List<String> readDoc() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path doc = dir.resolve("docs/architecture.md");
            if (Files.isRegularFile(doc)) {
                try {
                    return Files.readAllLines(doc);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("docs/architecture.md not found above " + Path.of("").toAbsolutePath());
    }
}
