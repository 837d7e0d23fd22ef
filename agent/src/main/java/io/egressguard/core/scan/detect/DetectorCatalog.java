package io.egressguard.core.scan.detect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The detectors the guard ships: publicly documented credential formats of cloud providers, source
 * hosts, chat, payment, LLM and SaaS vendors, and generic shapes (JWTs, PEM private keys, passwords in
 * URLs and connection strings, secret-named assignments). {@code rules/DETECTORS.md} lists them.
 *
 * <p>Order matters only to break ties between overlapping findings of equal length (the one listed
 * first wins): vendor families come before the generic detectors.
 */
public final class DetectorCatalog {

    private static final List<Detector> ALL = build();

    private DetectorCatalog() {}

    /** Every detector, vendor families first, ids unique. */
    public static List<Detector> all() {
        return ALL;
    }

    /** The ids of every detector, in catalog order. */
    public static Set<String> ids() {
        return ALL.stream().map(Detector::id).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /**
     * A scanner running every detector except {@code disabledIds}.
     *
     * @throws IllegalArgumentException if an id is not in the catalog; the message names the closest ids
     */
    public static DetectorScanner scanner(Set<String> disabledIds) {
        Set<String> known = ids();
        List<String> unknown = new ArrayList<>();
        for (String id : new TreeSet<>(disabledIds)) {
            if (!known.contains(id)) {
                unknown.add(id);
            }
        }
        if (!unknown.isEmpty()) {
            StringBuilder msg = new StringBuilder("unknown detector id");
            msg.append(unknown.size() > 1 ? "s" : "");
            for (String id : unknown) {
                msg.append(unknown.get(0).equals(id) ? ": " : "; ").append('\'').append(id).append('\'');
                List<String> close = closest(id, known);
                if (!close.isEmpty()) {
                    msg.append(" (did you mean ").append(String.join(", ", close)).append("?)");
                }
            }
            msg.append(". See rules/DETECTORS.md for the list.");
            throw new IllegalArgumentException(msg.toString());
        }
        List<Detector> enabled = new ArrayList<>();
        for (Detector d : ALL) {
            if (!disabledIds.contains(d.id())) {
                enabled.add(d);
            }
        }
        return new DetectorScanner(enabled);
    }

    /**
     * Up to three known ids nearest to {@code id}: an id it abbreviates ({@code github-pat} for
     * {@code github-personal-access-token}) or begins, then ids within a small edit distance, then ids
     * of the same vendor (same first word).
     */
    static List<String> closest(String id, Set<String> known) {
        String firstWord = id.contains("-") ? id.substring(0, id.indexOf('-')) : id;
        List<String> out = new ArrayList<>();
        for (String k : known) {
            if (score(id, k) <= Math.max(2, id.length() / 3) || k.startsWith(firstWord + "-")) {
                out.add(k);
            }
        }
        out.sort(Comparator.comparingInt((String k) -> score(id, k)).thenComparing(k -> k));
        return Collections.unmodifiableList(out.subList(0, Math.min(3, out.size())));
    }

    private static int score(String wanted, String id) {
        if (id.startsWith(wanted + "-") || abbreviation(id).equals(wanted)) {
            return 0;
        }
        return distance(wanted, id);
    }

    /** The first word of an id followed by the initials of the others: github-personal-access-token is github-pat. */
    private static String abbreviation(String id) {
        String[] words = id.split("-");
        StringBuilder b = new StringBuilder(words[0]);
        if (words.length > 1) {
            b.append('-');
            for (int i = 1; i < words.length; i++) {
                b.append(words[i].charAt(0));
            }
        }
        return b.toString();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static List<Detector> build() {
        List<Detector> all = new ArrayList<>();
        all.addAll(CloudDetectors.all());
        all.addAll(SourceHostDetectors.all());
        all.addAll(ChatDetectors.all());
        all.addAll(PaymentDetectors.all());
        all.addAll(LlmDetectors.all());
        all.addAll(SaasDetectors.all());
        all.addAll(GenericDetectors.all());
        Set<String> seen = new LinkedHashSet<>();
        for (Detector d : all) {
            if (!seen.add(d.id())) {
                throw new IllegalStateException("two detectors with the id " + d.id());
            }
        }
        return Collections.unmodifiableList(all);
    }
}
