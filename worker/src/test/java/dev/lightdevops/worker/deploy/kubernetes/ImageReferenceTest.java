package dev.lightdevops.worker.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageReferenceTest {

    @Test
    void theTagIsReplacedAndARegistryPortIsNotTakenForOne() {
        assertThat(ImageReference.parse("registry.example.com:5000/shop/checkout:1.4.3").withTag("1.5.0"))
                .hasToString("registry.example.com:5000/shop/checkout:1.5.0");
        assertThat(ImageReference.parse("registry.example.com:5000/shop/checkout").tag()).isNull();
    }

    @Test
    void aDigestIsDroppedSinceItWouldPinTheOldImage() {
        ImageReference pinned = ImageReference.parse("ghcr.io/acme/cart:2.0@sha256:0d1f3c");

        assertThat(pinned.tag()).isEqualTo("2.0");
        assertThat(pinned.withTag("2.1")).hasToString("ghcr.io/acme/cart:2.1");
    }

    @Test
    void aVersionWithAPlusIsNoImageTag() {
        assertThat(ImageReference.isValidTag("1.4.2+build.7")).isFalse();
        assertThat(ImageReference.isValidTag("sha-3f2a9c1")).isTrue();
    }
}
