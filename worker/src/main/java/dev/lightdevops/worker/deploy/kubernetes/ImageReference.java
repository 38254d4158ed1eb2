package dev.lightdevops.worker.deploy.kubernetes;

import java.util.regex.Pattern;

/**
 * A container image reference split the way the registry reads it: {@code [host[:port]/]path[:tag][@digest]}. A
 * deploy keeps the repository and puts the version in as the tag (dropping any digest, which would pin the old
 * image); the version live is read back from the tag.
 */
record ImageReference(String repository, String tag, String digest) {

    /** What a registry accepts as a tag (the OCI distribution spec). */
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    static ImageReference parse(String image) {
        String rest = image;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            return new ImageReference(rest.substring(0, colon), rest.substring(colon + 1), digest);
        }
        return new ImageReference(rest, null, digest);
    }

    static boolean isValidTag(String tag) {
        return tag != null && TAG.matcher(tag).matches();
    }

    ImageReference withTag(String newTag) {
        return new ImageReference(repository, newTag, null);
    }

    @Override
    public String toString() {
        return repository + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }
}
