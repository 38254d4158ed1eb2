package dev.lightdevops.api.mcp;

import java.util.List;

/**
 * The two eras of MCP this endpoint serves, chosen per request. LEGACY is 2025-11-25 (and 2025-06-18, 2025-03-26,
 * 2024-11-05) served without sessions; MODERN is the stateless 2026-07-28 revision, where every request carries its
 * version and capabilities in {@code _meta}.
 */
enum ProtocolEra {
    LEGACY,
    MODERN;

    static final String LATEST_LEGACY = "2025-11-25";
    static final String MODERN_VERSION = "2026-07-28";
    static final List<String> LEGACY_VERSIONS = List.of("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");
    static final List<String> MODERN_VERSIONS = List.of(MODERN_VERSION);
    /** What an UnsupportedProtocolVersionError and server/discover list, newest first. */
    static final List<String> ALL_VERSIONS = List.of("2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26",
            "2024-11-05");

    static boolean isKnown(String version) {
        return ALL_VERSIONS.contains(version);
    }
}
