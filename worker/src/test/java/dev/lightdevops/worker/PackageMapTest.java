package dev.lightdevops.worker;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.lightdevops.common.testing.PackageMap;
import org.junit.jupiter.api.Test;

/** The worker module keeps the package map of docs/architecture.md ("Packages"): see {@link PackageMap}. */
class PackageMapTest {

    private static final PackageMap MAP = PackageMap.of("worker");
    private static final JavaClasses CLASSES = MAP.importMainClasses();

    @Test
    void eachPackageUsesOnlyThePackagesItsRowAllows() {
        MAP.eachPackageUsesOnlyWhatItsRowAllows().check(CLASSES);
    }

    @Test
    void packagesFormNoCycleBeyondTheKnownExceptions() {
        MAP.packagesFormNoCycle().check(CLASSES);
    }

    @Test
    void usesNoOtherModuleButCommon() {
        MAP.moduleUsesNoOtherModuleButCommon().check(CLASSES);
    }
}
