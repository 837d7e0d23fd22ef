package io.egressguard.core.scan.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DetectorCatalogTest {

    @Test
    void atLeastAHundredDetectorsWithStableKebabCaseIdsAndSpecificKeywords() {
        List<Detector> all = DetectorCatalog.all();
        assertTrue(all.size() >= 100, "only " + all.size() + " detectors");
        assertEquals(all.size(), DetectorCatalog.ids().size(), "ids are unique");
        for (Detector d : all) {
            assertTrue(d.id().matches("[a-z0-9]+(-[a-z0-9]+)*"), d.id());
            assertFalse(d.description().isEmpty(), d.id() + " has no description");
            for (String k : d.keywords()) {
                assertTrue(k.length() >= 3, d.id() + ": keyword '" + k + "'");
            }
        }
    }

    @Test
    void disablingDetectorsByIdAndRefusingUnknownIdsWithTheClosestOnes() {
        DetectorScanner without = DetectorCatalog.scanner(Set.of("jwt", "bearer-token"));
        assertEquals(DetectorCatalog.all().size() - 2, without.detectors().size());
        assertTrue(without.detectors().stream().noneMatch(d -> d.id().equals("jwt")));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> DetectorCatalog.scanner(Set.of("github-pat", "jwt", "stripe-secret")));
        assertTrue(e.getMessage().contains("'github-pat'"), e.getMessage());
        assertTrue(e.getMessage().contains("'github-pat' (did you mean github-personal-access-token"), e.getMessage());
        assertTrue(e.getMessage().contains("'stripe-secret' (did you mean stripe-secret-key"), e.getMessage());
        assertFalse(e.getMessage().contains("'jwt'"), "a known id is not reported: " + e.getMessage());
    }

    @Test
    void closestIdsPreferSmallEditsThenTheSameVendor() {
        Set<String> known = new LinkedHashSet<>(List.of("slack-bot-token", "slack-user-token", "jwt", "vault-token"));
        assertEquals(List.of("slack-bot-token"), DetectorCatalog.closest("slack-bot-tokn", known).subList(0, 1));
        assertEquals(List.of("jwt"), DetectorCatalog.closest("jwts", known));
        assertEquals(List.of(), DetectorCatalog.closest("completely-unrelated-name", known));
        assertEquals(List.of("slack-bot-token", "slack-user-token"), DetectorCatalog.closest("slack-bot", known));
        assertEquals(List.of("slack-user-token"), DetectorCatalog.closest("slack-ut", known).subList(0, 1));
    }

    /** rules/DETECTORS.md lists exactly the catalog's ids, so it cannot go stale. */
    @Test
    void theDocumentListsExactlyTheCatalog() throws IOException {
        Path doc = findDoc();
        Matcher m = Pattern.compile("(?m)^\\| `([a-z0-9-]+)` \\|.*\\| ([^|]*) \\|$")
            .matcher(new String(Files.readAllBytes(doc), StandardCharsets.UTF_8));
        List<String> listed = new ArrayList<>();
        Map<String, Detector> byId = new HashMap<>();
        DetectorCatalog.all().forEach(d -> byId.put(d.id(), d));
        while (m.find()) {
            listed.add(m.group(1));
            Detector d = byId.get(m.group(1));
            if (d != null) {
                List<String> keywords = new ArrayList<>();
                Matcher k = Pattern.compile("`([^`]+)`").matcher(m.group(2));
                while (k.find()) {
                    keywords.add(k.group(1));
                }
                assertEquals(d.keywords(), keywords, doc + ": keywords of " + d.id());
            }
        }
        Set<String> missing = new TreeSet<>(DetectorCatalog.ids());
        missing.removeAll(listed);
        Set<String> extra = new TreeSet<>(listed);
        extra.removeAll(DetectorCatalog.ids());
        StringBuilder rows = new StringBuilder();
        for (Detector d : DetectorCatalog.all()) {
            if (missing.contains(d.id())) {
                rows.append("\n| `").append(d.id()).append("` | ").append(d.description()).append(" | ")
                    .append(String.join(", ", d.keywords())).append(" |");
            }
        }
        assertEquals(Set.of(), missing, doc + " does not list these detectors; add rows like:" + rows);
        assertEquals(Set.of(), extra, doc + " lists detectors the catalog does not have");
        assertEquals(listed.size(), new LinkedHashSet<>(listed).size(), doc + " lists an id twice");
    }

    private static Path findDoc() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("rules/DETECTORS.md");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new AssertionError("rules/DETECTORS.md not found above " + Paths.get("").toAbsolutePath());
    }
}
