package io.egressguard.core.scan.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressguard.core.handle.Handles;
import io.egressguard.core.redact.TextRedactor;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The scanner's mechanics, with small detectors made up for each case. */
class DetectorScannerTest {

    private static final Detector TOK = Detector.builder("tok")
        .keywords("tok_").pattern(Rx.LB + "(tok_[a-z0-9]{8})" + Rx.END_ALNUM).group(1).window(16).build();

    private static String found(DetectorScanner s, String text) {
        return s.find(text).stream()
            .map(f -> f.detectorId() + ":" + text.substring(f.start(), f.end()))
            .collect(Collectors.joining(" "));
    }

    @Test
    void keywordsMatchInAnyCaseWhileThePatternDecides() {
        Detector upper = Detector.builder("upper").keywords("ABCD").pattern("ABCD[0-9]{4}").window(8).build();
        DetectorScanner s = new DetectorScanner(List.of(upper));
        assertEquals("akia", Detector.builder("x").keywords("AKIA").pattern("x").build().keywords().get(0));
        assertEquals("upper:ABCD1234", found(s, "id=ABCD1234"));
        assertEquals("", found(s, "id=abcd1234"), "the keyword matched; the case-sensitive pattern did not");
    }

    @Test
    void windowsAreClampedAtTheEdgesOfTheText() {
        DetectorScanner s = new DetectorScanner(List.of(TOK));
        assertEquals("tok:tok_abcd1234", found(s, "tok_abcd1234"));
        assertEquals("tok:tok_abcd1234", found(s, "x tok_abcd1234"));
        assertEquals("", found(s, "tok_abcd123"));
        assertEquals("", found(s, "tok_"));
    }

    @Test
    void aTokenLongerThanItsWindowIsNotCutShort() {
        // the pattern cannot end inside a longer token: the look-ahead sees past the window
        Detector shortWindow = Detector.builder("short").keywords("tok_")
            .pattern(Rx.LB + "(tok_[a-z0-9]{4,40})" + Rx.END_ALNUM).group(1).window(8).build();
        assertEquals("", found(new DetectorScanner(List.of(shortWindow)), "tok_abcdefghijklmnop"));
    }

    @Test
    void aRejectedMatchDoesNotHideAValidOneLaterInTheSameWindow() {
        Detector picky = Detector.builder("picky").keywords("tok_")
            .pattern(Rx.LB + "(tok_[a-z0-9]{8})" + Rx.END_ALNUM).group(1).window(64)
            .validator(c -> !c.toString().contains("0000")).build();
        assertEquals("picky:tok_abcd1234", found(new DetectorScanner(List.of(picky)), "tok_0000abcd tok_abcd1234"));
        // and a rejected long candidate does not hide a valid one starting inside it
        Detector kv = Detector.builder("kv").keywords("key=")
            .pattern("key=([a-z0-9=]{4,})").group(1).window(64)
            .validator(c -> !c.toString().startsWith("key")).build();
        assertEquals("kv:abcd1234", found(new DetectorScanner(List.of(kv)), "key=key=abcd1234"));
    }

    @Test
    void aDetectorStartingAtItsKeywordIsTriedAtEachOccurrenceOnly() {
        Detector anchored = Detector.builder("anchored").keywords("tok_")
            .pattern(Rx.LB + "(tok_[a-z0-9]{8})" + Rx.END_ALNUM).group(1).window(12).startsAtKeyword()
            .validator(c -> !c.toString().contains("0000")).build();
        DetectorScanner s = new DetectorScanner(List.of(anchored));
        assertEquals("anchored:tok_abcd1234", found(s, "tok_abcd1234"));
        assertEquals("anchored:tok_abcd1234", found(s, "TOK_0000abcd tok_abcd1234"), "the rejected first does not hide the second");
        assertEquals("anchored:tok_abcd1234 anchored:tok_efgh5678", found(s, "xtok_abcd0000 tok_abcd1234 tok_efgh5678"));
        Detector slack = Detector.builder("slack").keywords("_pass")
            .pattern("(?i:pass)=([a-z0-9]{4,})").group(1).window(32).startsAtKeyword(1).build();
        assertEquals("slack:abcd", found(new DetectorScanner(List.of(slack)), "DB_PASS=abcd"));
    }

    @Test
    void overlappingFindingsAreResolvedOnceSpecificBeforeGenericThenLongerThenFirstListed() {
        Detector generic = Detector.builder("generic").keywords("secret").generic()
            .pattern("secret=([a-z0-9_]{4,})").group(1).window(64).build();
        Detector longer = Detector.builder("longer").keywords("tok_")
            .pattern(Rx.LB + "(tok_[a-z0-9]{8}_[a-z0-9]{4})").group(1).window(32).build();
        Detector twin = Detector.builder("twin").keywords("tok_")
            .pattern(Rx.LB + "(tok_[a-z0-9]{8})" + Rx.END_ALNUM).group(1).window(16).build();
        DetectorScanner s = new DetectorScanner(List.of(generic, TOK, twin, longer));
        assertEquals("tok:tok_abcd1234", found(s, "secret=tok_abcd1234"), "specific beats generic, first listed beats twin");
        assertEquals("longer:tok_abcd1234_wxyz", found(s, "tok_abcd1234_wxyz"));
        assertEquals("generic:plain_value", found(s, "secret=plain_value"));
        assertEquals("tok:tok_abcd1234 tok:tok_efgh5678", found(s, "tok_abcd1234 and tok_efgh5678"), "sorted, nothing twice");
    }

    @Test
    void placeholdersAndHandlesAreNeverDetected() {
        Detector anyValue = Detector.builder("any").keywords("token=").generic()
            .pattern("token=([^\\s]{1,80})").group(1).window(100).build();
        Detector handleLike = Detector.builder("lowercase-word").keywords("egh.")
            .pattern("[a-z0-9.]{8,}").window(100).build();
        DetectorScanner s = new DetectorScanner(List.of(anyValue, handleLike));
        String handle = Handles.handleFor("github");
        assertEquals("", found(s, "token=" + handle));
        assertEquals("", found(s, "token=[REDACTED:github-personal-access-token]"));
        assertEquals("", found(s, "see " + handle + " and " + handle));
        assertEquals("", found(s, "token=[REDACTED:githu"), "a placeholder cut short to fit is still the guard's");
        assertEquals("any:abcdefgh", found(s, "token=abcdefgh"));
    }

    @Test
    void aTextWithoutKeywordsCostsTheKeywordPassAndNothingElse() {
        DetectorScanner s = DetectorCatalog.scanner(java.util.Set.of());
        CountingText quiet = new CountingText("2024-05-01 12:00:00 INFO request handled in 12 ms status=200 path=/v1/items");
        assertSame(List.of(), s.find(quiet), "the shared empty list: nothing allocated for the result");
        // the keyword pass reads each character once, and looks one ahead where a keyword may start
        assertTrue(quiet.reads.get() <= 2 * quiet.length(), quiet.reads + " reads");

        // the same text with a keyword: a pattern runs and reads the text around it again
        CountingText noisy = new CountingText(quiet.s + " tok_abcd1234");
        DetectorScanner windowed = new DetectorScanner(List.of(Detector.builder("w").keywords("tok_")
            .pattern("[a-z]{3}_[a-z0-9]{8}").window(60).build()));
        CountingText quietAgain = new CountingText(quiet.s);
        windowed.find(quietAgain);
        assertEquals(1, windowed.find(noisy).size());
        assertTrue(noisy.reads.get() > quietAgain.reads.get() + 60, noisy.reads + " vs " + quietAgain.reads);
    }

    @Test
    void usableAsTheRedactorsFormatDetection() {
        DetectorScanner s = new DetectorScanner(List.of(TOK));
        TextRedactor.FormatDetection detection = s::find;
        assertEquals(1, detection.find("tok_abcd1234").size());
    }

    @Test
    void rejectsDetectorsThatCannotWork() {
        assertThrows(IllegalArgumentException.class, () -> Detector.builder("Bad_Id").keywords("abc").pattern("x").build());
        assertThrows(IllegalArgumentException.class, () -> Detector.builder("ok").keywords("ab").pattern("x").build());
        assertThrows(IllegalArgumentException.class, () -> Detector.builder("ok").keywords("abc").pattern("x").group(1).build());
        assertThrows(IllegalArgumentException.class, () -> new DetectorScanner(List.of(TOK, TOK)));
    }

    /** A text that counts how often its characters are read. */
    private static final class CountingText implements CharSequence {
        final String s;
        final AtomicInteger reads = new AtomicInteger();

        CountingText(String s) {
            this.s = s;
        }

        @Override
        public int length() {
            return s.length();
        }

        @Override
        public char charAt(int index) {
            reads.incrementAndGet();
            return s.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            reads.addAndGet(end - start);
            return s.subSequence(start, end);
        }

        @Override
        public String toString() {
            return s;
        }
    }
}
