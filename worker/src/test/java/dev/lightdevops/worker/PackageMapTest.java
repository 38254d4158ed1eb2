package dev.lightdevops.worker;

import dev.lightdevops.common.testing.PackageMapContract;

/** The worker module keeps the package map of docs/architecture.md ("Packages"). */
class PackageMapTest extends PackageMapContract {

    PackageMapTest() {
        super("worker");
    }
}
