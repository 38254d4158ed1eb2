package dev.lightdevops.common;

import dev.lightdevops.common.testing.PackageMapContract;

/** The common module keeps the package map of docs/architecture.md ("Packages"). */
class PackageMapTest extends PackageMapContract {

    PackageMapTest() {
        super("common");
    }
}
