package dev.lightdevops.common.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/**
 * The three checks every module runs against the package map of docs/architecture.md ("Packages"); a module's
 * {@code PackageMapTest} extends this with its own name. See {@link PackageMap}.
 */
public abstract class PackageMapContract {

    private final PackageMap map;
    private final JavaClasses classes;

    protected PackageMapContract(String module) {
        this.map = PackageMap.of(module);
        this.classes = map.importMainClasses();
    }

    @Test
    void eachPackageUsesOnlyThePackagesItsRowAllows() {
        map.eachPackageUsesOnlyWhatItsRowAllows().check(classes);
    }

    @Test
    void packagesFormNoCycleBeyondTheKnownExceptions() {
        map.packagesFormNoCycle().check(classes);
    }

    @Test
    void usesNoOtherModuleButCommon() {
        map.moduleUsesNoOtherModuleButCommon().check(classes);
    }
}
