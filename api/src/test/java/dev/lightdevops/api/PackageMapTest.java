package dev.lightdevops.api;

import dev.lightdevops.common.testing.PackageMapContract;

/** The api module keeps the package map of docs/architecture.md ("Packages"). */
class PackageMapTest extends PackageMapContract {

    PackageMapTest() {
        super("api");
    }
}
